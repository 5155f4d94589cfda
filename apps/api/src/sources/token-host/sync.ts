// One sync of a code host reached with a token: reads a person's activity since `from` and
// offers it as suggestions. No access rule beyond "one's own": it runs for the caller (POST
// /me/integrations/<id>/sync, the backfill after connecting) or for each connected active
// person (the `<id>-sync` job). Each host says how to read a window into drafts; the weeks,
// the lease and the outcome are decided here, once.
//
// Which weeks: `from`'s ISO week (default: the week before the last sync's, or the backfill's
// weeks before the first) up to now, in the person's zone. One sync per person at a time
// (connections.ts's lease), released with the outcome (`last_sync_at`: the instant it read up
// to; or `last_error` in a sentence).
import { addWeeks, type IsoDate, isValidTimeZone, localDateIn, weekStartOf } from '@leadtrack/core';
import type { Database } from '@leadtrack/db';
import { TOKEN_HOST_BACKFILL_WEEKS, TOKEN_HOST_SYNC_MAX_WEEKS } from '@leadtrack/schemas';
import { conflict, HttpProblem, invalidField } from '../../lib/problem';
import { type SealPurpose, SecretUnreadable, unseal } from '../../services/sealed-secrets';
import {
  offerSuggestions,
  type SuggestionDraft,
} from '../../services/suggestions/offer-suggestions';
import type { LeasedConnection, TokenHostStore } from './connections';
import { type HostFailure, syncFailureSentence } from './failures';

/** The earliest local Monday east of UTC starts this long before UTC's (UTC+14). */
const EARLIEST_OFFSET_MS = 14 * 3_600_000;

export interface SyncPerson {
  id: string;
  timeZone: string;
}

export interface SyncOptions<Limits> {
  /** The first day to read; its ISO week is read whole. */
  from?: IsoDate;
  limits: Limits;
  /** Aborts the sync (the app closing). */
  signal?: AbortSignal;
  /** The clock (the request's `now`, the job's `asOf`); the system clock by default. */
  now?: Date;
  /** The lease already taken (by connecting); taken here otherwise. */
  lease?: Date;
}

/** The window a host reads, and what it needs to read it. */
export interface SyncWindow<Limits> {
  db: Database;
  userId: string;
  connection: LeasedConnection;
  token: string;
  limits: Limits;
  signal?: AbortSignal;
  /** The person's zone (UTC when the runtime no longer knows theirs). */
  timeZone: string;
  /** The first week read, the last one ended, and today, in that zone. */
  fromWeek: IsoDate;
  lastWeek: IsoDate;
  today: IsoDate;
  /** The instant reading starts: `fromWeek`'s Monday at its earliest anywhere. */
  since: Date;
  now: Date;
}

export interface TokenHostSync<Limits> {
  store: TokenHostStore;
  /** How the token is sealed. */
  purpose: SealPurpose;
  failure(error: unknown): HostFailure | null;
  /** Reads the window into drafts; only drafts dated within it are offered. */
  read(window: SyncWindow<Limits>): Promise<SuggestionDraft[]>;
}

/** 400 naming `from` when it reaches back further than a sync may. */
function checkFrom(from: IsoDate | undefined, currentWeek: IsoDate, maxWeeks: number) {
  if (from === undefined) return;
  const earliest = addWeeks(currentWeek, -maxWeeks);
  if (weekStartOf(from) < earliest)
    throw invalidField(
      'from',
      `must be within the last ${maxWeeks} weeks (on or after ${earliest})`,
    );
}

/** Runs one sync for `person`; the answer counts the suggestions offered and skipped. */
export async function runTokenHostSync<Limits>(
  host: TokenHostSync<Limits>,
  db: Database,
  person: SyncPerson,
  options: SyncOptions<Limits>,
): Promise<{ suggested: number; skipped: number; from: IsoDate; to: IsoDate }> {
  const { store } = host;
  const now = options.now ?? new Date();
  const timeZone = isValidTimeZone(person.timeZone) ? person.timeZone : 'UTC';
  const today = localDateIn(timeZone, now);
  const currentWeek = weekStartOf(today);
  checkFrom(options.from, currentWeek, TOKEN_HOST_SYNC_MAX_WEEKS);
  const connection = options.lease
    ? await store.underLease(db, person.id, options.lease)
    : await store.takeLease(db, person.id);
  if (!connection) throw store.notConnected();
  const { lease } = connection;
  const fromWeek = options.from
    ? weekStartOf(options.from)
    : connection.lastSyncAt
      ? addWeeks(weekStartOf(localDateIn(timeZone, connection.lastSyncAt)), -1)
      : addWeeks(currentWeek, -TOKEN_HOST_BACKFILL_WEEKS);
  try {
    const drafts = await host.read({
      db,
      userId: person.id,
      connection,
      token: await unseal(db, host.purpose, person.id, connection.tokenEncrypted),
      limits: options.limits,
      signal: options.signal,
      timeZone,
      fromWeek,
      lastWeek: addWeeks(currentWeek, -1),
      today,
      since: new Date(Date.parse(`${fromWeek}T00:00:00Z`) - EARLIEST_OFFSET_MS),
      now,
    });
    // Replaced or disconnected meanwhile: this sync's findings belong to no connection.
    if (!(await store.underLease(db, person.id, lease)))
      throw conflict(`${store.label} was disconnected or connected again during the sync.`);
    const counts = await offerSuggestions(
      db,
      person.id,
      drafts.filter((d) => d.occurredOn >= fromWeek && d.occurredOn <= today),
    );
    await store.release(db, person.id, lease, { readUpTo: now });
    return { ...counts, from: fromWeek, to: today };
  } catch (error) {
    // The connection was replaced or removed: the lease is no longer ours to release.
    if (error instanceof HttpProblem) throw error;
    // A token sealed under a key this server does not hold (LEADTRACK_SECRET_KEY) says so.
    const known = options.signal?.aborted
      ? null
      : error instanceof SecretUnreadable
        ? error.message
        : syncFailureSentence(host.failure(error), store.label);
    await store.release(db, person.id, lease, {
      error: options.signal?.aborted
        ? 'The sync was interrupted (the server stopped); the next one will cover these weeks.'
        : (known ?? 'The sync failed on our side; the next one will try again.'),
    });
    // The host's refusal is the person's to act on (409 with its sentence, the refusal as its
    // cause); ours is a 500.
    throw known ? Object.assign(conflict(known), { cause: error }) : error;
  }
}

/**
 * The sync a connection starts, run in the background under the lease connecting took: the
 * host's refusals and a connection replaced meanwhile are recorded or moot, not errors.
 */
export async function runBackfill(sync: () => Promise<unknown>): Promise<void> {
  try {
    await sync();
  } catch (error) {
    if (error instanceof HttpProblem) return;
    throw error;
  }
}
