// Liveness and readiness probes.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendProblem } from '../plugins/app/problem-handler';

const Status = z.object({ status: z.literal('ok') });

const healthRoutes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get(
    '/healthz',
    {
      schema: {
        tags: ['operations'],
        summary: 'Liveness: 200 while the process runs',
        security: [],
        response: { 200: Status },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  fastify.get(
    '/readyz',
    {
      schema: {
        tags: ['operations'],
        summary:
          'Readiness: 200 when the database answers, 503 otherwise and once the server is stopping',
        security: [],
        response: { 200: Status },
      },
    },
    async (request, reply) => {
      if (fastify.lifecycle.draining) return sendProblem(reply, 503, 'The server is stopping.');
      try {
        await fastify.db.ping();
        return { status: 'ok' as const };
      } catch (err) {
        request.log.warn({ err }, 'database did not answer');
        return sendProblem(reply, 503, 'The database is not answering.');
      }
    },
  );
};

export default healthRoutes;
