// The fit reflection: the statements, the caller's weekly answers, and reading someone's
// reflections (their own, or the shared ones of a direct report). Registered without a
// prefix. Who may read what: services/reflections/list-reflections.ts.

import { REFLECTION_GUIDANCE, REFLECTION_STATEMENTS } from '@leadtrack/core';
import {
  PutReflectionBodySchema,
  ReflectionListSchema,
  ReflectionSchema,
  ReflectionStatementListSchema,
  UserParamsSchema,
  WeekParamsSchema,
} from '@leadtrack/schemas';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problems } from '../../lib/route-docs';
import { listReflections } from '../../services/reflections/list-reflections';
import { putReflection } from '../../services/reflections/put-reflection';

const reflectionRoutes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get(
    '/reflection-statements',
    {
      schema: {
        tags: ['reflection'],
        summary:
          'The eight fit-reflection statements (four suit the tech-lead role, four the senior-IC path), with how to read them',
        response: { 200: ReflectionStatementListSchema, ...problems(401) },
      },
    },
    async () => ({ items: [...REFLECTION_STATEMENTS], guidance: REFLECTION_GUIDANCE }),
  );

  fastify.put(
    '/reflections/:weekStart',
    {
      schema: {
        tags: ['reflection'],
        summary:
          'Create or replace your fit reflection for the week starting on this Monday: every statement answered 1-5; private unless shared with your manager',
        params: WeekParamsSchema,
        body: PutReflectionBodySchema,
        response: { 200: ReflectionSchema, ...problems(400, 401, 413) },
      },
    },
    async (request) =>
      putReflection(fastify.prisma, request.caller, request.params.weekStart, request.body),
  );

  fastify.get(
    '/users/:id/reflections',
    {
      schema: {
        tags: ['reflection'],
        summary:
          "A user's fit reflections, newest week first: all of your own, only the shared ones of your direct report",
        params: UserParamsSchema,
        response: { 200: ReflectionListSchema, ...problems(400, 401, 404) },
      },
    },
    async (request) => listReflections(fastify.prisma, request.caller, request.params.id),
  );
};

export default reflectionRoutes;
