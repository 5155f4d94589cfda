// The per-person connection of a code host reached with a personal access token (GitHub,
// GitLab): one row per person in the source's own table (`<id>_integrations`: the account's
// name, the address, the sealed token, when it connected, the last sync and its error, and
// `sync_started_at`, the sync lease). Each such source makes its store here from its table
// and the column naming the account, so storing, reading, forgetting and leasing are one
// piece of SQL for all of them.
//
// The lease: one sync per person at a time. It is taken with one UPDATE on the database's
// clock (whatever `now` a job runs with) and given back with the outcome; a lease older than
// SYNC_LEASE belongs to a process that died, and the next sync takes it over. A sync whose
// connection was replaced or removed meanwhile no longer holds its lease: it offers and
// records nothing.
import type { Database } from '@leadtrack/db';
import { conflict, notFound } from '../../lib/problem';

/** A lease older than this belongs to a process that died: the next sync takes it over. */
export const SYNC_LEASE = '30 minutes';

/** What the source's GET answers, before its own field name for the account. */
export interface ConnectionRow {
  account: string;
  baseUrl: string;
  connectedAt: Date;
  lastSyncAt: Date | null;
  lastError: string | null;
  syncing: boolean;
  lease: Date | null;
}

/** What a sync reads under its lease. */
export interface LeasedConnection {
  account: string;
  baseUrl: string;
  tokenEncrypted: string;
  lastSyncAt: Date | null;
  lease: Date;
}

/** A connected, active person, and since when a sync has covered them. */
export interface ConnectedPerson {
  id: string;
  timeZone: string;
  /** The last successful sync, or the connection before any. */
  since: Date;
}

export interface TokenHostSpec {
  /** The source's table, e.g. `github_integrations` (a constant, never input). */
  table: string;
  /** The column naming the account on the host (`login`, `username`). */
  accountColumn: string;
  /** The host in words ("GitHub"), for the 404 and 409 sentences. */
  label: string;
}

export type TokenHostStore = ReturnType<typeof tokenHostStore>;

export function tokenHostStore({ table, accountColumn, label }: TokenHostSpec) {
  const columns = `${accountColumn} AS account, base_url AS "baseUrl", connected_at AS "connectedAt",
    last_sync_at AS "lastSyncAt", last_error AS "lastError", sync_started_at AS lease,
    coalesce(sync_started_at > clock_timestamp() - interval '${SYNC_LEASE}', false) AS syncing`;
  const leased = `${accountColumn} AS account, base_url AS "baseUrl",
    token_encrypted AS "tokenEncrypted", last_sync_at AS "lastSyncAt", sync_started_at AS lease`;
  const notConnected = () => notFound(`${label} is not connected: connect it with a token first.`);

  return {
    label,

    /**
     * Stores a new connection (replacing any), its lease taken for the backfill connecting
     * starts. A new connection starts afresh: its own backfill, no outcome of an older one;
     * a sync of the connection it replaces loses its lease and records nothing.
     */
    async store(
      db: Database,
      userId: string,
      account: string,
      baseUrl: string,
      tokenEncrypted: string,
    ): Promise<ConnectionRow & { lease: Date }> {
      const [row] = await db.query<ConnectionRow>(
        `INSERT INTO ${table} AS g (user_id, ${accountColumn}, base_url, token_encrypted,
            connected_at, sync_started_at)
         VALUES ($1, $2, $3, $4, clock_timestamp(), clock_timestamp())
         ON CONFLICT (user_id) DO UPDATE SET ${accountColumn} = excluded.${accountColumn},
           base_url = excluded.base_url, token_encrypted = excluded.token_encrypted,
           connected_at = excluded.connected_at, sync_started_at = excluded.sync_started_at,
           last_sync_at = NULL, last_error = NULL
         RETURNING ${columns}`,
        [userId, account, baseUrl, tokenEncrypted],
      );
      if (!row?.lease) throw new Error(`The ${label} connection could not be stored.`);
      return { ...row, lease: row.lease };
    },

    /** The caller's connection, or a 404. */
    async read(db: Database, userId: string): Promise<ConnectionRow> {
      const [row] = await db.query<ConnectionRow>(
        `SELECT ${columns} FROM ${table} WHERE user_id = $1`,
        [userId],
      );
      if (!row) throw notFound(`${label} is not connected.`);
      return row;
    },

    /** Forgets the token and the connection; suggestions already offered stay. */
    async remove(db: Database, userId: string): Promise<void> {
      await db.query(`DELETE FROM ${table} WHERE user_id = $1`, [userId]);
    },

    /** Takes the lease, or says why not: not connected (404) or a sync already running (409). */
    async takeLease(db: Database, userId: string): Promise<LeasedConnection> {
      const [row] = await db.query<LeasedConnection>(
        `UPDATE ${table} SET sync_started_at = clock_timestamp()
          WHERE user_id = $1
            AND (sync_started_at IS NULL
                 OR sync_started_at < clock_timestamp() - interval '${SYNC_LEASE}')
          RETURNING ${leased}`,
        [userId],
      );
      if (row) return row;
      const [exists] = await db.query(`SELECT 1 FROM ${table} WHERE user_id = $1`, [userId]);
      if (!exists) throw notConnected();
      throw conflict(
        `A ${label} sync is already running for you: its outcome will show in Settings.`,
      );
    },

    /** The connection, if `lease` is still its lease (not replaced, not disconnected). */
    async underLease(
      db: Database,
      userId: string,
      lease: Date,
    ): Promise<LeasedConnection | undefined> {
      const [row] = await db.query<LeasedConnection>(
        `SELECT ${leased} FROM ${table} WHERE user_id = $1 AND sync_started_at = $2`,
        [userId, lease],
      );
      return row;
    },

    /**
     * Records the outcome and gives the lease back, if it is still ours. A success sets
     * `last_sync_at` to the instant the sync read up to (the request's or the job's clock).
     */
    async release(
      db: Database,
      userId: string,
      lease: Date,
      outcome: { error: string } | { readUpTo: Date },
    ): Promise<void> {
      await db.query(
        `UPDATE ${table}
            SET sync_started_at = NULL, last_error = $3, last_sync_at = coalesce($4, last_sync_at)
          WHERE user_id = $1 AND sync_started_at = $2`,
        [
          userId,
          lease,
          'error' in outcome ? outcome.error : null,
          'readUpTo' in outcome ? outcome.readUpTo : null,
        ],
      );
    },

    /** Connected, active people whose sync is not running now, by id. */
    async connectedPeople(db: Database): Promise<ConnectedPerson[]> {
      return db.query<ConnectedPerson>(
        `SELECT u.id, u.time_zone AS "timeZone", coalesce(g.last_sync_at, g.connected_at) AS since
           FROM ${table} g JOIN users u ON u.id = g.user_id
          WHERE u.deactivated_at IS NULL
            AND (g.sync_started_at IS NULL OR g.sync_started_at < now() - interval '${SYNC_LEASE}')
          ORDER BY u.id`,
      );
    },

    notConnected,
  };
}

/** What every token host's GET shows besides the account. */
export interface ConnectionState {
  baseUrl: string;
  connectedAt: string;
  lastSyncAt: string | null;
  lastError: string | null;
  syncing: boolean;
}

/** The connection as the source's GET shows it, its account under the source's own name. */
export function connectionDto<K extends string>(
  row: ConnectionRow,
  accountField: K,
): Record<K, string> & ConnectionState {
  const state: ConnectionState = {
    baseUrl: row.baseUrl,
    connectedAt: row.connectedAt.toISOString(),
    lastSyncAt: row.lastSyncAt?.toISOString() ?? null,
    lastError: row.lastError,
    syncing: row.syncing,
  };
  return { [accountField]: row.account, ...state } as Record<K, string> & ConnectionState;
}
