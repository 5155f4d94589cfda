// Weekly check-ins: the caller writes their own week; reading follows GET /users/:id.
import {
  CheckinListSchema,
  CheckinQuerySchema,
  CheckinSchema,
  PutCheckinBodySchema,
  WeekParamsSchema,
} from '@leadtrack/schemas';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problems } from '../../lib/route-docs';
import { listCheckins, putCheckin } from '../../services/checkins';

const checkinRoutes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get(
    '',
    {
      schema: {
        tags: ['check-ins'],
        summary:
          "A user's check-ins, oldest week first: yours by default, a direct report's, or anyone's for admins",
        querystring: CheckinQuerySchema,
        response: { 200: CheckinListSchema, ...problems(400, 401, 404) },
      },
    },
    async (request) => ({
      items: await listCheckins(fastify.prisma, request.caller, request.query),
    }),
  );

  fastify.put(
    '/:weekStart',
    {
      schema: {
        tags: ['check-ins'],
        summary: 'Create or replace your check-in for the week starting on this Monday',
        params: WeekParamsSchema,
        body: PutCheckinBodySchema,
        response: { 200: CheckinSchema, ...problems(400, 401) },
      },
    },
    async (request) => {
      const checkin = await putCheckin(
        fastify.prisma,
        request.caller,
        request.params.weekStart,
        request.body,
      );
      return checkin;
    },
  );
};

export default checkinRoutes;
