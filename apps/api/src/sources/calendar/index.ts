// A calendar feed as a source: connect an iCalendar address (read at once into suggestions,
// kept encrypted, never returned), read, disconnect, read now, and the daily calendar-sync
// job. The same reading serves an uploaded .ics file (POST /imports, ics.ts).
import {
  CalendarFeedSchema,
  CalendarSyncResultSchema,
  PutCalendarFeedBodySchema,
} from '@leadtrack/schemas';
import { defineSource } from '../source';
import {
  CALENDAR_FEED_URL,
  connectCalendarFeed,
  disconnectCalendarFeed,
  readCalendarFeed,
  syncCalendarFeed,
} from './calendar-feed';
import { calendarSync } from './job';

export const calendarSource = defineSource({
  id: 'calendar',
  label: 'Calendar',
  schemas: {
    config: PutCalendarFeedBodySchema,
    connection: CalendarFeedSchema,
    connected: CalendarFeedSchema.extend(CalendarSyncResultSchema.shape),
    syncResult: CalendarSyncResultSchema,
  },
  secret: { table: 'calendar_feeds', column: 'url_encrypted', purpose: CALENDAR_FEED_URL },
  summaries: {
    connect:
      'Connect a calendar feed (an https or webcal iCalendar address): read at once into calendar suggestions, kept encrypted, never returned; read again daily',
    read: 'Your calendar feed: its host, and the last read and its error',
    disconnect:
      'Disconnect the calendar feed: its address is forgotten (suggestions already offered stay); done when nothing was connected',
    sync: 'Read the calendar feed now: new meetings, 1:1s, focus blocks and leave become suggestions; nothing is offered twice',
  },
  connect: (ctx, caller, config) => connectCalendarFeed(ctx.db, caller, config, ctx.fetch),
  read: readCalendarFeed,
  disconnect: disconnectCalendarFeed,
  sync: (ctx, caller) => syncCalendarFeed(ctx.db, caller, ctx.fetch),
  job: calendarSync,
});
