// The caller's calendar feed (registered at /me/integrations/calendar): connect an iCalendar
// address (read at once into suggestions), read, disconnect, and sync now. Services:
// services/calendar/.
import {
  CalendarFeedSchema,
  CalendarSyncResultSchema,
  PutCalendarFeedBodySchema,
} from '@leadtrack/schemas';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problems } from '../../lib/route-docs';
import {
  connectCalendarFeed,
  disconnectCalendarFeed,
  readCalendarFeed,
  syncCalendarFeed,
} from '../../services/calendar/calendar-feed';
import { integrationConnectionRoutes } from './integration-routes';

const calendarRoutes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.put(
    '',
    {
      schema: {
        tags: ['capture'],
        summary:
          'Connect a calendar feed (an https or webcal iCalendar address): read at once into calendar suggestions, kept encrypted, never returned; read again daily',
        body: PutCalendarFeedBodySchema,
        response: {
          200: CalendarFeedSchema.extend(CalendarSyncResultSchema.shape),
          ...problems(400, 401, 413),
        },
      },
    },
    async (request) =>
      connectCalendarFeed(fastify.db, request.caller, request.body, fastify.outboundFetch),
  );

  integrationConnectionRoutes(fastify, {
    schema: CalendarFeedSchema,
    readSummary: 'Your calendar feed: its host, and the last read and its error',
    disconnectSummary:
      'Disconnect the calendar feed: its address is forgotten (suggestions already offered stay); done when nothing was connected',
    read: readCalendarFeed,
    disconnect: disconnectCalendarFeed,
  });

  fastify.post(
    '/sync',
    {
      schema: {
        tags: ['capture'],
        summary:
          'Read the calendar feed now: new meetings, 1:1s, focus blocks and leave become suggestions; nothing is offered twice',
        response: { 200: CalendarSyncResultSchema, ...problems(401, 404, 409) },
      },
    },
    async (request) => syncCalendarFeed(fastify.db, request.caller, fastify.outboundFetch),
  );
};

export default calendarRoutes;
