// A calendar feed: an iCalendar address (Google's "secret address in iCal format", Outlook's
// published calendar…) read into calendar suggestions, as an uploaded .ics file is.
import { z } from 'zod';
import { addressSchema, CONNECTION_STATE, isHttpsOrLoopback, OFFER_COUNTS } from '../common';
import { component } from '../component';

/** `webcal://` is how calendar apps spell https for a feed. */
export function normaliseCalendarFeedUrl(value: string): string {
  return value.replace(/^webcals?:\/\//i, 'https://');
}

/**
 * Why `value` cannot be a feed address, or null when it can: an absolute https (or webcal)
 * URL, plain http only on a loopback address, without a user name or password. A query is
 * kept: private feed addresses often carry their key there.
 */
export function calendarFeedUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(normaliseCalendarFeedUrl(value));
  } catch {
    return 'must be an https or webcal address such as https://calendar.example.com/feed.ics';
  }
  if (!isHttpsOrLoopback(url))
    return 'must be an https or webcal address (plain http only for a loopback address)';
  if (url.username || url.password) return 'must not contain a user name or password';
  return null;
}

export const CalendarFeedUrlSchema = addressSchema(
  2000,
  calendarFeedUrlProblem,
  normaliseCalendarFeedUrl,
);

export const PutCalendarFeedBodySchema = z.strictObject({
  url: CalendarFeedUrlSchema.describe(
    'The calendar’s iCalendar address (https or webcal); it is read at once, kept encrypted and never returned',
  ),
});
export type PutCalendarFeedBody = z.infer<typeof PutCalendarFeedBodySchema>;

export const CalendarFeedSchema = component('CalendarFeed', {
  /** The address's host, so the person recognises the feed (the address itself is never shown). */
  host: z.string(),
  ...CONNECTION_STATE,
});
export type CalendarFeed = z.infer<typeof CalendarFeedSchema>;

export const CalendarSyncResultSchema = component('CalendarSyncResult', {
  ...OFFER_COUNTS,
  /** Events the feed holds that could not be read, by line. */
  errors: z.array(z.object({ line: z.int(), message: z.string() })),
});
export type CalendarSyncResult = z.infer<typeof CalendarSyncResultSchema>;
