// The calendar-sync job: reads each active person's calendar feed once a day (the hourly
// tick picks whoever was last read 23 hours or more before it), into calendar suggestions.
import type { Source } from '../source';
import { syncDueCalendarFeeds } from './calendar-feed';

export const calendarSync: Source['job'] = {
  hourly: true,
  run: (ctx, { asOf }) => syncDueCalendarFeeds(ctx.db, asOf, ctx.fetch),
};
