// In-app notifications: the caller's own, listed newest first with their unread count, and
// marked read. Who gets one for what: services/notifications/.
import {
  ListNotificationsQuerySchema,
  MarkNotificationsReadBodySchema,
  NotificationPageSchema,
} from '@leadtrack/schemas';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problems } from '../../lib/route-docs';
import {
  listNotifications,
  markNotificationsRead,
} from '../../services/notifications/list-notifications';

const notificationRoutes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get(
    '',
    {
      schema: {
        tags: ['notifications'],
        summary:
          'Your notifications, newest first (unread=true: only the unread ones), with your unread count; pass nextCursor back as cursor',
        querystring: ListNotificationsQuerySchema,
        response: { 200: NotificationPageSchema, ...problems(400, 401) },
      },
    },
    async (request) => listNotifications(fastify.prisma, request.caller, request.query),
  );

  fastify.post(
    '/read',
    {
      schema: {
        tags: ['notifications'],
        summary:
          'Mark your notifications read: the ids given (others are ignored) or all of them ({all: true})',
        body: MarkNotificationsReadBodySchema,
        response: { 204: z.null().describe('Marked read'), ...problems(400, 401, 413) },
      },
    },
    async (request, reply) => {
      await markNotificationsRead(fastify.prisma, request.caller, request.body);
      return reply.code(204).send(null);
    },
  );
};

export default notificationRoutes;
