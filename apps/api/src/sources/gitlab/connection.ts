// The caller's own GitLab connection: connect (the token checked with GET /api/v4/user, then
// sealed), read, disconnect, and the sync lease. Access rule: one's own only; the routes live
// under /me, so nobody can address another person's connection, and deactivated people
// reach nothing.
import type { Database } from '@leadtrack/db';
import {
  GITLAB_DEFAULT_BASE_URL,
  type GitlabIntegration,
  type PutGitlabIntegrationBody,
} from '@leadtrack/schemas';
import { conflict, invalidField, notFound } from '../../lib/problem';
import { seal } from '../../services/sealed-secrets';
import { GITLAB_TOKEN } from './env';
import {
  GitlabAnswered,
  type GitlabLimits,
  GitlabRateLimited,
  GitlabTokenRefused,
  GitlabUnreachable,
  gitlabClient,
} from './gitlab-client';

/** A lease older than this belongs to a process that died: the next sync takes it over. */
export const SYNC_LEASE = '30 minutes';
/** Connecting answers within seconds: a longer rate-limit wait is reported instead. */
const CONNECT_MAX_WAIT_MS = 10_000;
/** `baseUrl` in words. */
const ADDRESS_LABEL = 'GitLab address';

interface Row {
  username: string;
  baseUrl: string;
  connectedAt: Date;
  lastSyncAt: Date | null;
  lastError: string | null;
  syncing: boolean;
  lease: Date | null;
}

const COLUMNS = `username, base_url AS "baseUrl", connected_at AS "connectedAt",
  last_sync_at AS "lastSyncAt", last_error AS "lastError", sync_started_at AS lease,
  coalesce(sync_started_at > clock_timestamp() - interval '${SYNC_LEASE}', false) AS syncing`;

function toDto(row: Row): GitlabIntegration {
  return {
    username: row.username,
    baseUrl: row.baseUrl,
    connectedAt: row.connectedAt.toISOString(),
    lastSyncAt: row.lastSyncAt?.toISOString() ?? null,
    lastError: row.lastError,
    syncing: row.syncing,
  };
}

/** GitLab's answer to `GET /user` as a 400 naming the field at fault. */
function refusal(error: unknown) {
  if (error instanceof GitlabTokenRefused)
    return invalidField(
      'token',
      error.status === 401
        ? 'this token was refused by GitLab (401 Unauthorized): it is wrong, expired or revoked'
        : `this token was refused by GitLab (${error.status}): it needs the read_api scope`,
    );
  if (error instanceof GitlabRateLimited)
    return invalidField(
      'token',
      `this token could not be checked: ${error.message} Try again then.`,
    );
  if (error instanceof GitlabUnreachable)
    return invalidField(
      'baseUrl',
      `this address ${error.phrase}; check it (https://gitlab.com, or your instance's address)`,
      ADDRESS_LABEL,
    );
  if (error instanceof GitlabAnswered)
    return invalidField(
      'baseUrl',
      `this address answered ${error.status} to GET /api/v4/user: is it a GitLab instance's address (https://gitlab.com, https://gitlab.example.com)?`,
      ADDRESS_LABEL,
    );
  return null;
}

/**
 * Checks the token against `GET /api/v4/user`, seals it and takes the sync lease for the
 * backfill the source starts. Answers the connection and that lease.
 */
export async function connectGitlab(
  db: Database,
  userId: string,
  body: PutGitlabIntegrationBody,
  limits: GitlabLimits,
): Promise<{ integration: GitlabIntegration; lease: Date }> {
  const baseUrl = body.baseUrl ?? GITLAB_DEFAULT_BASE_URL;
  let username: string;
  try {
    const user = await gitlabClient({
      baseUrl,
      token: body.token,
      limits: { ...limits, maxWaitMs: Math.min(limits.maxWaitMs, CONNECT_MAX_WAIT_MS) },
    }).user();
    if (typeof user?.username !== 'string' || user.username === '')
      throw new GitlabAnswered(200, '/api/v4/user');
    username = user.username;
  } catch (error) {
    throw refusal(error) ?? error;
  }
  const tokenEncrypted = await seal(db, GITLAB_TOKEN, userId, body.token);
  // A new connection starts afresh: its own backfill, no outcome of an older one. A sync
  // of the connection it replaces loses its lease and records nothing.
  const [row] = await db.query<Row>(
    `INSERT INTO gitlab_integrations AS g (user_id, username, base_url, token_encrypted,
        connected_at, sync_started_at)
     VALUES ($1, $2, $3, $4, clock_timestamp(), clock_timestamp())
     ON CONFLICT (user_id) DO UPDATE SET username = excluded.username,
       base_url = excluded.base_url, token_encrypted = excluded.token_encrypted,
       connected_at = excluded.connected_at, sync_started_at = excluded.sync_started_at,
       last_sync_at = NULL, last_error = NULL
     RETURNING ${COLUMNS}`,
    [userId, username, baseUrl, tokenEncrypted],
  );
  if (!row?.lease) throw new Error('The GitLab connection could not be stored.');
  return { integration: toDto(row), lease: row.lease };
}

export async function readGitlabIntegration(
  db: Database,
  userId: string,
): Promise<GitlabIntegration> {
  const [row] = await db.query<Row>(
    `SELECT ${COLUMNS} FROM gitlab_integrations WHERE user_id = $1`,
    [userId],
  );
  if (!row) throw notFound('GitLab is not connected.');
  return toDto(row);
}

/** Forgets the token and the connection; suggestions already offered stay in the inbox. */
export async function disconnectGitlab(db: Database, userId: string): Promise<void> {
  await db.query('DELETE FROM gitlab_integrations WHERE user_id = $1', [userId]);
}

export interface Connection {
  username: string;
  baseUrl: string;
  tokenEncrypted: string;
  lastSyncAt: Date | null;
  lease: Date;
}

const CONNECTION = `username, base_url AS "baseUrl", token_encrypted AS "tokenEncrypted",
  last_sync_at AS "lastSyncAt", sync_started_at AS lease`;

/**
 * Takes the lease (on the database's clock), or says why not: not connected (404) or a
 * sync already running (409).
 */
export async function takeLease(db: Database, userId: string): Promise<Connection> {
  const [row] = await db.query<Connection>(
    `UPDATE gitlab_integrations SET sync_started_at = clock_timestamp()
      WHERE user_id = $1
        AND (sync_started_at IS NULL OR sync_started_at < clock_timestamp() - interval '${SYNC_LEASE}')
      RETURNING ${CONNECTION}`,
    [userId],
  );
  if (row) return row;
  const [exists] = await db.query('SELECT 1 FROM gitlab_integrations WHERE user_id = $1', [userId]);
  if (!exists) throw notFound('GitLab is not connected: connect it with a token first.');
  throw conflict('A GitLab sync is already running for you: its outcome will show in Settings.');
}

/** The connection, if `lease` is still its lease (not replaced, not disconnected). */
export async function connectionUnderLease(
  db: Database,
  userId: string,
  lease: Date,
): Promise<Connection | undefined> {
  const [row] = await db.query<Connection>(
    `SELECT ${CONNECTION} FROM gitlab_integrations WHERE user_id = $1 AND sync_started_at = $2`,
    [userId, lease],
  );
  return row;
}

/** Records the outcome and gives the lease back, if it is still ours. */
export async function releaseLease(
  db: Database,
  userId: string,
  lease: Date,
  outcome: { error: string } | { readUpTo: Date },
): Promise<void> {
  await db.query(
    `UPDATE gitlab_integrations
        SET sync_started_at = NULL, last_error = $3, last_sync_at = coalesce($4, last_sync_at)
      WHERE user_id = $1 AND sync_started_at = $2`,
    [
      userId,
      lease,
      'error' in outcome ? outcome.error : null,
      'readUpTo' in outcome ? outcome.readUpTo : null,
    ],
  );
}
