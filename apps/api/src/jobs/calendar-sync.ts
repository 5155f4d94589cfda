// The calendar-sync job: reads each active person's calendar feed once a day (the hourly
// tick picks whoever was last read 23 hours or more before it), into calendar suggestions.
import { syncDueCalendarFeeds } from '../services/calendar/calendar-feed';
import type { JobDefinition } from './job';

export const calendarSync: JobDefinition = {
  hourly: true,
  run: (ctx, { asOf }) => syncDueCalendarFeeds(ctx.db, asOf, ctx.fetch),
};
