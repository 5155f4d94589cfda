// What waits for the caller: GET /me/agenda (services/agenda/read-agenda.ts). Registered
// without a prefix, beside /me's routes.
import { AgendaSchema } from '@leadtrack/schemas';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problems } from '../../lib/route-docs';
import { readAgenda } from '../../services/agenda/read-agenda';

const agendaRoutes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get(
    '/me/agenda',
    {
      schema: {
        tags: ['readiness'],
        summary:
          'What waits for you, oldest first: for a manager, entries to acknowledge, agreements to confirm, shared reflections, reports at risk, missing check-ins; for everyone, endorsements asked of you, your own agreement, your week and your check-in',
        response: { 200: AgendaSchema, ...problems(401) },
      },
    },
    async (request) => readAgenda(fastify.db, request.caller, request.now),
  );
};

export default agendaRoutes;
