// The caller's calendar feed: an iCalendar address read into calendar suggestions exactly as
// an uploaded .ics file is (POST /imports, format ics, mode suggest: parseIcs, keyed by the
// events' UIDs so nothing is offered twice). Connecting reads the feed at once, so a wrong
// address is a 400 naming `url`, not a silent failure later; the address is sealed at rest
// (it often carries the calendar's private key) and never returned. The calendar-sync job
// reads every active person's feed once a day. Access rule: one's own only (routes under
// /me), and deactivated people reach nothing.
import type { Database } from '@leadtrack/db';
import {
  type CalendarFeed,
  type CalendarSyncResult,
  IMPORT_MAX_BYTES,
  type PutCalendarFeedBody,
} from '@leadtrack/schemas';
import { AnswerTooLarge, OutboundAddressRefused, readCapped } from '../../lib/outbound-fetch';
import { conflict, invalidField, notFound } from '../../lib/problem';
import type { Caller } from '../../plugins/app/authenticate';
import { importFile, NothingRead } from '../../services/imports/import-file';
import { type SealPurpose, SecretUnreadable, seal, unseal } from '../../services/sealed-secrets';

/** How a person's feed address is sealed in `calendar_feeds.url_encrypted`. */
export const CALENDAR_FEED_URL: SealPurpose = {
  secretName: 'calendar-feed-key',
  info: 'leadtrack calendar feed v1',
  label: 'calendar address',
};

/** How long a feed may take to answer, and how much of it is read (an import's limit). */
export const FEED_LIMITS = { timeoutMs: 15_000, maxBytes: IMPORT_MAX_BYTES };

/** The feed could not be read: a sentence for the person (lastError, or the 400's rule). */
export class FeedUnreadable extends Error {}

interface Row {
  host: string;
  connectedAt: Date;
  lastSyncAt: Date | null;
  lastError: string | null;
}

const COLUMNS = `host, connected_at AS "connectedAt", last_sync_at AS "lastSyncAt",
  last_error AS "lastError"`;

function toDto(row: Row): CalendarFeed {
  return {
    host: row.host,
    connectedAt: row.connectedAt.toISOString(),
    lastSyncAt: row.lastSyncAt?.toISOString() ?? null,
    lastError: row.lastError,
  };
}

const timedOut = (error: unknown) =>
  error instanceof Error && /abort|timeout/i.test(error.name + error.message);

/** GETs the feed: an http answer of 2xx, at most FEED_LIMITS.maxBytes, within the timeout. */
export async function fetchFeed(
  fetcher: typeof fetch,
  url: string,
  limits = FEED_LIMITS,
): Promise<string> {
  let res: Response;
  try {
    res = await fetcher(url, {
      headers: { accept: 'text/calendar, text/plain;q=0.5, */*;q=0.1' },
      signal: AbortSignal.timeout(limits.timeoutMs),
    });
  } catch (error) {
    if (error instanceof OutboundAddressRefused) throw new FeedUnreadable(error.message);
    throw new FeedUnreadable(
      timedOut(error)
        ? `the calendar did not answer within ${limits.timeoutMs / 1000} seconds`
        : 'no calendar answered at this address (check it, and that this server can reach it)',
    );
  }
  if (!res.ok) {
    await res.body?.cancel();
    throw new FeedUnreadable(`the calendar answered ${res.status} ${res.statusText}`.trim());
  }
  try {
    return Buffer.from(await readCapped(res, limits.maxBytes)).toString('utf8');
  } catch (error) {
    if (error instanceof AnswerTooLarge)
      throw new FeedUnreadable(`the calendar ${error.message} (a feed's limit)`);
    throw new FeedUnreadable(
      timedOut(error)
        ? `the calendar did not finish answering within ${limits.timeoutMs / 1000} seconds`
        : 'the calendar stopped answering before the end of the file',
    );
  }
}

/** The stored address; one that does not open (altered, or copied from another row) is unreadable. */
async function unsealUrl(db: Database, userId: string, stored: string): Promise<string> {
  try {
    return await unseal(db, CALENDAR_FEED_URL, userId, stored);
  } catch (error) {
    // Sealed under a key this server does not hold (LEADTRACK_SECRET_KEY): it says which.
    throw new FeedUnreadable(
      error instanceof SecretUnreadable && error.reason === 'key'
        ? error.message.replace(/\.$/, '')
        : 'its stored address cannot be opened: connect the feed again',
    );
  }
}

/** Reads `url` into `caller`'s inbox; a feed that is not iCalendar is unreadable. */
async function readInto(
  db: Database,
  fetcher: typeof fetch,
  caller: Caller,
  url: string,
): Promise<CalendarSyncResult> {
  const content = await fetchFeed(fetcher, url);
  const notACalendar = new FeedUnreadable(
    'the address does not serve an iCalendar (.ics) calendar',
  );
  const result = await importFile(db, caller, { format: 'ics', content, mode: 'suggest' }).catch(
    (error) => {
      throw error instanceof NothingRead ? notACalendar : error;
    },
  );
  const unreadable =
    result.suggested + result.skipped === 0 && result.errors.some((error) => error.line === 1);
  if (unreadable && !/BEGIN:VCALENDAR/i.test(content)) throw notACalendar;
  return { suggested: result.suggested, skipped: result.skipped, errors: result.errors };
}

async function recordRead(db: Database, userId: string, error: string | null) {
  await db.query(
    `UPDATE calendar_feeds SET last_sync_at = now(), last_error = $2 WHERE user_id = $1`,
    [userId, error],
  );
}

/** PUT /me/integrations/calendar: reads the feed, then keeps it (replacing an earlier one). */
export async function connectCalendarFeed(
  db: Database,
  caller: Caller,
  body: PutCalendarFeedBody,
  fetcher: typeof fetch,
): Promise<CalendarFeed & CalendarSyncResult> {
  let result: CalendarSyncResult;
  try {
    result = await readInto(db, fetcher, caller, body.url);
  } catch (error) {
    if (error instanceof FeedUnreadable) throw invalidField('url', error.message);
    throw error;
  }
  const [row] = await db.query<Row>(
    `INSERT INTO calendar_feeds (user_id, url_encrypted, host, connected_at, last_sync_at)
     VALUES ($1, $2, $3, now(), now())
     ON CONFLICT (user_id) DO UPDATE SET url_encrypted = EXCLUDED.url_encrypted,
       host = EXCLUDED.host, connected_at = now(), last_sync_at = now(), last_error = NULL
     RETURNING ${COLUMNS}`,
    [caller.id, await seal(db, CALENDAR_FEED_URL, caller.id, body.url), new URL(body.url).host],
  );
  if (!row) throw new Error('calendar_feeds: the upsert returned no row');
  return { ...toDto(row), ...result };
}

export async function readCalendarFeed(db: Database, userId: string): Promise<CalendarFeed> {
  const [row] = await db.query<Row>(`SELECT ${COLUMNS} FROM calendar_feeds WHERE user_id = $1`, [
    userId,
  ]);
  if (!row) throw notFound('No calendar feed is connected.');
  return toDto(row);
}

export async function disconnectCalendarFeed(db: Database, userId: string): Promise<void> {
  await db.query(`DELETE FROM calendar_feeds WHERE user_id = $1`, [userId]);
}

/**
 * Reads the person's feed now. A feed that cannot be read is recorded as the last error and
 * answered as a 409 saying why (as a GitHub sync that GitHub refuses), never a 5xx.
 */
export async function syncCalendarFeed(
  db: Database,
  caller: Caller,
  fetcher: typeof fetch,
): Promise<CalendarSyncResult> {
  const [feed] = await db.query<{ urlEncrypted: string }>(
    `SELECT url_encrypted AS "urlEncrypted" FROM calendar_feeds WHERE user_id = $1`,
    [caller.id],
  );
  if (!feed) throw notFound('No calendar feed is connected.');
  try {
    const url = await unsealUrl(db, caller.id, feed.urlEncrypted);
    const result = await readInto(db, fetcher, caller, url);
    await recordRead(db, caller.id, null);
    return result;
  } catch (error) {
    if (!(error instanceof FeedUnreadable)) throw error;
    const sentence = `The calendar could not be read: ${error.message}.`;
    await recordRead(db, caller.id, sentence);
    throw conflict(sentence);
  }
}

/**
 * The calendar-sync job: every active person whose feed was last read a day or more before
 * `asOf` (or never), one after another. A feed that fails is recorded on its row (shown in
 * Settings) and counted as failed; the others go on.
 */
export async function syncDueCalendarFeeds(
  db: Database,
  asOf: Date,
  fetcher: typeof fetch,
): Promise<{ done: number; failed: number }> {
  const due = await db.query<Caller>(
    `SELECT u.id, u.email, u.name, u.role, u.manager_id AS "managerId", u.time_zone AS "timeZone"
       FROM calendar_feeds f JOIN users u ON u.id = f.user_id
      WHERE u.deactivated_at IS NULL
        AND (f.last_sync_at IS NULL OR f.last_sync_at <= $1::timestamptz - interval '23 hours')
      ORDER BY f.last_sync_at NULLS FIRST`,
    [asOf.toISOString()],
  );
  let done = 0;
  let failed = 0;
  for (const person of due) {
    try {
      await syncCalendarFeed(db, person, fetcher);
      done += 1;
    } catch {
      failed += 1;
    }
  }
  return { done, failed };
}
