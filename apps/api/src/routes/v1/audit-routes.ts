// The audit log of admin actions (admins only: it names who changed whose role, who was
// offboarded and who received reset links).
import { AuditPageSchema, AuditQuerySchema } from '@leadtrack/schemas';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problems } from '../../lib/route-docs';
import { requireRole } from '../../plugins/app/authenticate';
import { listAuditEvents } from '../../services/audit';

const auditRoutes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get(
    '',
    {
      preHandler: requireRole('admin'),
      schema: {
        tags: ['audit'],
        summary: 'Admin actions, newest first (admin), paged with nextCursor',
        querystring: AuditQuerySchema,
        response: { 200: AuditPageSchema, ...problems(400, 401, 403) },
      },
    },
    async (request) => listAuditEvents(fastify.prisma, request.query),
  );
};

export default auditRoutes;
