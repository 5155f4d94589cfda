// The organisation view: everyone under a manager, transitively, grouped by direct manager.
import { OrgQuerySchema, OrgViewSchema } from '@leadtrack/schemas';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { NOT_MODIFIED, sendBody } from '../../lib/body-cache';
import { problems } from '../../lib/route-docs';
import { requireRole } from '../../plugins/app/authenticate';
import { readOrgBody } from '../../services/org/read-org';

const orgRoutes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get(
    '/org',
    {
      preHandler: requireRole('manager', 'admin'),
      schema: {
        tags: ['readiness'],
        summary:
          'Everyone under a manager, transitively, grouped by direct manager, with status totals (managers: their own subtree; admins: anyone, everyone by default)',
        querystring: OrgQuerySchema,
        response: { 200: OrgViewSchema, ...NOT_MODIFIED, ...problems(400, 401, 403, 404) },
      },
    },
    // Serialised once per version of everyone in it and kept (lib/body-cache.ts), with an ETag.
    async (request, reply) =>
      sendBody(
        request,
        reply,
        await readOrgBody(fastify.db, request.caller, request.query.managerId, request.now),
      ),
  );
};

export default orgRoutes;
