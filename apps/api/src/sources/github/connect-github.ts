// The caller's own GitHub connection: connect (the token checked with GET /user, then stored
// encrypted), read, disconnect. Access rule: one's own only; the routes live under /me, so
// nobody can address another person's connection, and deactivated people reach nothing.
import type { Database } from '@leadtrack/db';
import {
  GITHUB_DEFAULT_BASE_URL,
  type GithubIntegration,
  type PutGithubIntegrationBody,
} from '@leadtrack/schemas';
import { invalidField, notFound } from '../../lib/problem';
import { seal } from '../../services/sealed-secrets';
import { GITHUB_TOKEN } from './env';
import { type GithubLimits, githubClient, githubFailure } from './github-client';
import { SYNC_LEASE } from './sync-github';

/** Connecting answers within seconds: a longer rate-limit wait is reported instead. */
const CONNECT_MAX_WAIT_MS = 10_000;

interface Row {
  login: string;
  baseUrl: string;
  connectedAt: Date;
  lastSyncAt: Date | null;
  lastError: string | null;
  syncing: boolean;
  lease: Date | null;
}

const COLUMNS = `login, base_url AS "baseUrl", connected_at AS "connectedAt",
  last_sync_at AS "lastSyncAt", last_error AS "lastError", sync_started_at AS lease,
  coalesce(sync_started_at > clock_timestamp() - interval '${SYNC_LEASE}', false) AS syncing`;

function toDto(row: Row): GithubIntegration {
  return {
    login: row.login,
    baseUrl: row.baseUrl,
    connectedAt: row.connectedAt.toISOString(),
    lastSyncAt: row.lastSyncAt?.toISOString() ?? null,
    lastError: row.lastError,
    syncing: row.syncing,
  };
}

/** `baseUrl` in words, in GitHub's own answers. */
const ADDRESS_LABEL = 'GitHub API address';

/** GitHub's answer to `GET /user` as a 400 naming the field at fault ("Token: …"). */
function refusal(error: unknown) {
  const failure = githubFailure(error);
  switch (failure?.kind) {
    case 'token-refused':
      return invalidField(
        'token',
        failure.status === 401
          ? 'this token was refused by GitHub (401 Bad credentials): it is wrong, expired or revoked'
          : `this token was refused by GitHub (${failure.status}): check its permissions`,
      );
    case 'rate-limited':
      return invalidField(
        'token',
        `this token could not be checked: ${failure.message} Try again then.`,
      );
    case 'unreachable':
      return invalidField(
        'baseUrl',
        `this address ${failure.phrase}; check it (https://host/api/v3 for GitHub Enterprise)`,
        ADDRESS_LABEL,
      );
    case 'answered':
      return invalidField(
        'baseUrl',
        `this address answered ${failure.status} to GET /user: is it the REST API's root (https://api.github.com, or https://host/api/v3 for GitHub Enterprise)?`,
        ADDRESS_LABEL,
      );
    default:
      return null;
  }
}

/**
 * Checks the token against `GET /user`, stores it encrypted and takes the sync lease for
 * the backfill the route starts. Answers the connection and that lease.
 */
export async function connectGithub(
  db: Database,
  userId: string,
  body: PutGithubIntegrationBody,
  limits: GithubLimits,
): Promise<{ integration: GithubIntegration; lease: Date }> {
  const baseUrl = body.baseUrl ?? GITHUB_DEFAULT_BASE_URL;
  let login: string;
  try {
    login = await githubClient({
      baseUrl,
      token: body.token,
      limits: { ...limits, maxWaitMs: Math.min(limits.maxWaitMs, CONNECT_MAX_WAIT_MS) },
    }).login();
  } catch (error) {
    throw refusal(error) ?? error;
  }
  const tokenEncrypted = await seal(db, GITHUB_TOKEN, userId, body.token);
  // A new connection starts afresh: its own backfill, no outcome of an older one. A sync
  // of the connection it replaces loses its lease and records nothing.
  const [row] = await db.query<Row>(
    `INSERT INTO github_integrations AS g (user_id, login, base_url, token_encrypted,
        connected_at, sync_started_at)
     VALUES ($1, $2, $3, $4, clock_timestamp(), clock_timestamp())
     ON CONFLICT (user_id) DO UPDATE SET login = excluded.login, base_url = excluded.base_url,
       token_encrypted = excluded.token_encrypted, connected_at = excluded.connected_at,
       sync_started_at = excluded.sync_started_at, last_sync_at = NULL, last_error = NULL
     RETURNING ${COLUMNS}`,
    [userId, login, baseUrl, tokenEncrypted],
  );
  if (!row?.lease) throw new Error('The GitHub connection could not be stored.');
  return { integration: toDto(row), lease: row.lease };
}

export async function readGithubIntegration(
  db: Database,
  userId: string,
): Promise<GithubIntegration> {
  const [row] = await db.query<Row>(
    `SELECT ${COLUMNS} FROM github_integrations WHERE user_id = $1`,
    [userId],
  );
  if (!row) throw notFound('GitHub is not connected.');
  return toDto(row);
}

/** Forgets the token and the connection; suggestions already offered stay in the inbox. */
export async function disconnectGithub(db: Database, userId: string): Promise<void> {
  await db.query('DELETE FROM github_integrations WHERE user_id = $1', [userId]);
}
