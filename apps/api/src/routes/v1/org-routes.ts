// The organisation view: everyone under a manager, transitively, grouped by direct manager.
import { OrgQuerySchema, OrgViewSchema } from '@leadtrack/schemas';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { allowListSerializer } from '../../lib/allow-list-serializer';
import { problems } from '../../lib/route-docs';
import { requireRole } from '../../plugins/app/authenticate';
import { readOrg } from '../../services/org/read-org';

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
        response: { 200: OrgViewSchema, ...problems(400, 401, 403, 404) },
      },
      serializerCompiler: allowListSerializer(OrgViewSchema),
    },
    async (request) => readOrg(fastify.db, request.caller, request.query.managerId, request.now),
  );
};

export default orgRoutes;
