// Readiness: a user's timeline, a manager's team overview, and the organisation's policy.
// Registered without a prefix: it serves /users/:id/readiness, /reports and /policy.
import {
  PolicyBodySchema,
  PolicySchema,
  ReadinessQuerySchema,
  ReadinessSchema,
  ReportListSchema,
  UserParamsSchema,
} from '@leadtrack/schemas';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { personPrelude, TEAM_PRELUDE } from '../../data/prelude';
import { NOT_MODIFIED, sendBody } from '../../lib/body-cache';
import { problems } from '../../lib/route-docs';
import { requireRole } from '../../plugins/app/authenticate';
import { readPolicy, writePolicy } from '../../services/policy';
import { teamReadinessBody, userReadinessBody } from '../../services/readiness';

const readinessRoutes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get(
    '/users/:id/readiness',
    {
      // The person: read with the caller (data/prelude.ts), so a warm timeline is one round trip.
      config: { prelude: (request) => personPrelude((request.params as { id?: unknown }).id) },
      schema: {
        tags: ['readiness'],
        summary:
          'The readiness timeline up to the week of `asOf` (today when absent; a future date is a 400), its last `weeks` weeks (default 156; streaks span the whole history): yourself (`me`), your direct report, or anyone for admins',
        params: UserParamsSchema,
        querystring: ReadinessQuerySchema,
        response: { 200: ReadinessSchema, ...NOT_MODIFIED, ...problems(400, 401, 404) },
      },
    },
    // Serialised once per data version and kept (lib/body-cache.ts), with an ETag.
    async (request, reply) =>
      sendBody(
        request,
        reply,
        await userReadinessBody(
          fastify.db,
          request.caller,
          request.params.id,
          request.query.asOf,
          request.query.weeks,
          request.now,
          request.prelude,
        ),
      ),
  );

  fastify.get(
    '/reports',
    {
      // The team: read with the caller (data/prelude.ts), so a warm team is one round trip.
      config: { prelude: () => TEAM_PRELUDE },
      preHandler: requireRole('manager', 'admin'),
      schema: {
        tags: ['readiness'],
        summary:
          "Your active direct reports' current status, signals, newest entry and entries waiting for your acknowledgement (managers, admins)",
        response: { 200: ReportListSchema, ...NOT_MODIFIED, ...problems(401, 403) },
      },
    },
    async (request, reply) =>
      sendBody(
        request,
        reply,
        await teamReadinessBody(fastify.db, request.caller, request.now, request.prelude),
      ),
  );

  fastify.get(
    '/policy',
    {
      schema: {
        tags: ['readiness'],
        summary: 'The readiness policy in force (the defaults until an admin saves one)',
        response: { 200: PolicySchema, ...problems(401) },
      },
    },
    async () => readPolicy(fastify.prisma),
  );

  fastify.put(
    '/policy',
    {
      preHandler: requireRole('admin'),
      schema: {
        tags: ['readiness'],
        summary: 'Replace the readiness policy (admin); every field is required',
        body: PolicyBodySchema,
        response: { 200: PolicySchema, ...problems(400, 401, 403) },
      },
    },
    async (request) => writePolicy(fastify.prisma, request.body, request.caller.id),
  );
};

export default readinessRoutes;
