// A sync: reads a person's GitHub activity since `from` and offers it as suggestions. No
// access rule beyond "one's own": it runs for the caller (POST /me/integrations/github/sync,
// the backfill after connecting) or for each connected active person (the github-sync job).
//
// Which weeks: `from`'s ISO week (default: the week before the last sync's, or 26 weeks
// back before the first) up to now. Review weeks are offered once they have ended, so a
// week's suggestion counts all of it; design pull requests as soon as they are found. One
// sync per person at a time: `sync_started_at` is a lease, taken with one UPDATE and
// released with the outcome (`last_sync_at`: the instant it read up to; or `last_error` in a
// sentence); a sync whose
// connection was replaced or removed meanwhile offers and records nothing.
import { addWeeks, type IsoDate, isValidTimeZone, localDateIn, weekStartOf } from '@leadtrack/core';
import type { Database } from '@leadtrack/db';
import {
  GITHUB_BACKFILL_WEEKS,
  GITHUB_SYNC_MAX_WEEKS,
  type GithubSyncResult,
} from '@leadtrack/schemas';
import { conflict, HttpProblem, invalidField, notFound } from '../../lib/problem';
import { unseal } from '../../services/sealed-secrets';
import { offerSuggestions } from '../../services/suggestions/offer-suggestions';
import { GITHUB_TOKEN } from './env';
import { type GithubLimits, githubClient, githubFailure } from './github-client';
import { proposalDrafts, reviewWeekDrafts } from './github-drafts';
import { readDesignPulls, readReviewedPulls, weekWindows } from './read-github-activity';

/** A lease older than this belongs to a process that died: the next sync takes it over. */
export const SYNC_LEASE = '30 minutes';
/** The earliest local Monday east of UTC starts this long before UTC's (UTC+14). */
const EARLIEST_OFFSET_MS = 14 * 3_600_000;

export interface SyncPerson {
  id: string;
  timeZone: string;
}

export interface SyncOptions {
  /** The first day to read; its ISO week is read whole. */
  from?: IsoDate;
  limits: GithubLimits;
  signal?: AbortSignal;
  /** The clock (the request's `now`, the job's `asOf`); the system clock by default. */
  now?: Date;
  /** The lease already taken (by connecting); taken here otherwise. */
  lease?: Date;
}

interface Connection {
  login: string;
  baseUrl: string;
  tokenEncrypted: string;
  lastSyncAt: Date | null;
  lease: Date;
}

/** The person's calendar at `now`: today, the current week and the last one that ended. */
function calendarOf(person: SyncPerson, now: Date) {
  const today = localDateIn(person.timeZone, now);
  const currentWeek = weekStartOf(today);
  return { today, currentWeek, lastWeek: addWeeks(currentWeek, -1) };
}

/** 400 naming `from` when it reaches back further than a sync may. */
export function checkSyncFrom(person: SyncPerson, from: IsoDate | undefined, now = new Date()) {
  if (from === undefined) return;
  const earliest = addWeeks(calendarOf(person, now).currentWeek, -GITHUB_SYNC_MAX_WEEKS);
  if (weekStartOf(from) < earliest)
    throw invalidField(
      'from',
      `must be within the last ${GITHUB_SYNC_MAX_WEEKS} weeks (on or after ${earliest})`,
    );
}

/**
 * Takes the lease (on the database's clock, whatever `now` a job runs with), or says why
 * not: not connected (404) or a sync already running (409).
 */
async function takeLease(db: Database, userId: string): Promise<Connection> {
  const [row] = await db.query<Connection>(
    `UPDATE github_integrations SET sync_started_at = clock_timestamp()
      WHERE user_id = $1
        AND (sync_started_at IS NULL OR sync_started_at < clock_timestamp() - interval '${SYNC_LEASE}')
      RETURNING login, base_url AS "baseUrl", token_encrypted AS "tokenEncrypted",
        last_sync_at AS "lastSyncAt", sync_started_at AS lease`,
    [userId],
  );
  if (row) return row;
  const [exists] = await db.query('SELECT 1 FROM github_integrations WHERE user_id = $1', [userId]);
  if (!exists) throw notFound('GitHub is not connected: connect it with a token first.');
  throw conflict('A GitHub sync is already running for you: its outcome will show in Settings.');
}

async function connectionUnderLease(db: Database, userId: string, lease: Date) {
  const [row] = await db.query<Connection>(
    `SELECT login, base_url AS "baseUrl", token_encrypted AS "tokenEncrypted",
        last_sync_at AS "lastSyncAt", sync_started_at AS lease
       FROM github_integrations WHERE user_id = $1 AND sync_started_at = $2`,
    [userId, lease],
  );
  return row;
}

/**
 * Records the outcome and gives the lease back, if it is still ours. A success sets
 * `last_sync_at` to the instant the sync read up to (the request's or the job's clock).
 */
async function release(
  db: Database,
  userId: string,
  lease: Date,
  outcome: { error: string } | { readUpTo: Date },
) {
  const error = 'error' in outcome ? outcome.error : null;
  await db.query(
    `UPDATE github_integrations
        SET sync_started_at = NULL, last_error = $3,
            last_sync_at = coalesce($4, last_sync_at)
      WHERE user_id = $1 AND sync_started_at = $2`,
    [userId, lease, error, 'readUpTo' in outcome ? outcome.readUpTo : null],
  );
}

/** What a failed sync tells the person (and the route's 409), in a sentence. */
export function syncFailure(error: unknown): string | null {
  const failure = githubFailure(error);
  switch (failure?.kind) {
    case 'token-refused':
      return `${failure.message} Connect GitHub again with a new token.`;
    case 'rate-limited':
      return `${failure.message} The next sync will continue.`;
    case 'unreachable':
      return failure.message;
    case 'answered':
      return failure.message === undefined
        ? null
        : `GitHub answered ${failure.status}: ${failure.message.split(' - ')[0]}`;
    default:
      return null;
  }
}

/** Runs one sync for `person`; the answer counts the suggestions offered and skipped. */
export async function syncGithub(
  db: Database,
  person: SyncPerson,
  options: SyncOptions,
): Promise<GithubSyncResult> {
  const now = options.now ?? new Date();
  // A zone the runtime no longer knows reads as UTC rather than failing the sync.
  person = { ...person, timeZone: isValidTimeZone(person.timeZone) ? person.timeZone : 'UTC' };
  checkSyncFrom(person, options.from, now);
  const connection = options.lease
    ? await connectionUnderLease(db, person.id, options.lease)
    : await takeLease(db, person.id);
  if (!connection) throw notFound('GitHub is not connected: connect it with a token first.');
  const { lease } = connection;
  const { today, currentWeek, lastWeek } = calendarOf(person, now);
  const fromWeek = options.from
    ? weekStartOf(options.from)
    : connection.lastSyncAt
      ? addWeeks(weekStartOf(localDateIn(person.timeZone, connection.lastSyncAt)), -1)
      : addWeeks(currentWeek, -GITHUB_BACKFILL_WEEKS);
  try {
    const client = githubClient({
      baseUrl: connection.baseUrl,
      token: await unseal(db, GITHUB_TOKEN, person.id, connection.tokenEncrypted),
      limits: options.limits,
      signal: options.signal,
    });
    const windows = weekWindows(
      new Date(Date.parse(`${fromWeek}T00:00:00Z`) - EARLIEST_OFFSET_MS),
      now,
    );
    const reviewed = await readReviewedPulls(client, connection.login, windows);
    const designed = await readDesignPulls(client, connection.login, windows);
    const context = {
      login: connection.login,
      host: new URL(connection.baseUrl).host,
      timeZone: person.timeZone,
      fromWeek,
      lastWeek,
    };
    const drafts = [
      ...reviewWeekDrafts(reviewed, context),
      ...proposalDrafts(designed, context).filter(
        (d) => d.occurredOn >= fromWeek && d.occurredOn <= today,
      ),
    ];
    // Replaced or disconnected meanwhile: this sync's findings belong to no connection.
    if (!(await connectionUnderLease(db, person.id, lease)))
      throw conflict('GitHub was disconnected or connected again during the sync.');
    const counts = await offerSuggestions(db, person.id, drafts);
    await release(db, person.id, lease, { readUpTo: now });
    return { ...counts, from: fromWeek, to: today };
  } catch (error) {
    // The connection was replaced or removed: the lease is no longer ours to release.
    if (error instanceof HttpProblem) throw error;
    const known = options.signal?.aborted ? null : syncFailure(error);
    await release(db, person.id, lease, {
      error: options.signal?.aborted
        ? 'The sync was interrupted (the server stopped); the next one will cover these weeks.'
        : (known ?? 'The sync failed on our side; the next one will try again.'),
    });
    // GitHub's refusal is the person's to act on (409 with its sentence, the refusal as its
    // cause); ours is a 500.
    throw known ? Object.assign(conflict(known), { cause: error }) : error;
  }
}

/**
 * The sync a connection starts, run in the background under the lease connecting took:
 * GitHub's refusals and a connection replaced meanwhile are recorded or moot, not errors.
 */
export async function backfillGithub(
  db: Database,
  person: SyncPerson,
  options: SyncOptions & { lease: Date },
): Promise<void> {
  try {
    await syncGithub(db, person, options);
  } catch (error) {
    if (error instanceof HttpProblem) return;
    throw error;
  }
}
