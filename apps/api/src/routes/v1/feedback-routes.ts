// Feedback for a user, at /users/:id/feedback: written by their manager, read by them and
// their manager. Who may do what, and why admins get 403: services/feedback.ts.
import {
  CreateFeedbackBodySchema,
  FeedbackListSchema,
  FeedbackSchema,
  UserParamsSchema,
} from '@leadtrack/schemas';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problems } from '../../lib/route-docs';
import { createFeedback, listFeedback } from '../../services/feedback';

const feedbackRoutes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.post(
    '/users/:id/feedback',
    {
      schema: {
        tags: ['feedback'],
        summary:
          'Write feedback for a direct report (their manager only; admins too need to be the manager)',
        params: UserParamsSchema,
        body: CreateFeedbackBodySchema,
        response: { 201: FeedbackSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await createFeedback(fastify.prisma, request.caller, request.params.id, request.body),
        ),
  );

  fastify.get(
    '/users/:id/feedback',
    {
      schema: {
        tags: ['feedback'],
        summary: "A user's feedback, newest first: yours (`me`) or a direct report's",
        params: UserParamsSchema,
        response: { 200: FeedbackListSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => ({
      items: await listFeedback(fastify.prisma, request.caller, request.params.id),
    }),
  );
};

export default feedbackRoutes;
