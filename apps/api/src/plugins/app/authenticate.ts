// Who is calling: resolves the bearer token (a JWT access token or a personal access
// token) to the current user row, so role and manager changes take effect at once, and so
// do sign-outs and deactivation: an access token names its session (`sid`), and the same
// read requires that session to be live and the account active.
import type { Role } from '@leadtrack/db';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { type Prelude, type PreludeAsk, preludeColumn, preludeOf } from '../../data/prelude';
import { ACCOUNT_FACT_COLUMNS, CALLER_COLUMNS } from '../../data/user-columns';
import { forbidden, unauthorized } from '../../lib/problem';
import { hashSecret, PAT_PREFIX } from '../../lib/secrets';
import { notePolicyVersion } from '../../services/policy';
import type { AccountFacts } from '../../services/users/to-user-dto';

export interface Caller {
  id: string;
  email: string;
  name: string;
  role: Role;
  managerId: string | null;
  /** IANA: the person's "today" and "this week" are read in it. */
  timeZone: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * What the route reads first, read with the caller in authenticate's one statement
     * (data/prelude.ts), from the raw request (params and query are not validated yet).
     */
    prelude?: (request: FastifyRequest) => PreludeAsk | undefined;
  }
  interface FastifyInstance {
    /** onRequest hook for the protected tree. */
    authenticate(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  }
  interface FastifyRequest {
    caller: Caller;
    /** The caller's session (the access token's `sid`); null for a personal access token. */
    sessionId: string | null;
    /** How the caller signs in and whether they confirmed their zone (GET /me), read with them. */
    account: AccountFacts;
    /** What the route's `config.prelude` asked for, read with the caller; else undefined. */
    prelude: Prelude | undefined;
  }
}

// A PAT's last use is recorded at most this often, so reads stay reads.
const LAST_USED_RESOLUTION_MS = 60 * 60 * 1000;

// Read with the caller, in the same statement: the policy's version, so a change through
// any API process holds on this one at once (services/policy.ts).
const POLICY_VERSION = `(SELECT p.version FROM policy p WHERE p.id = 1) AS "policyVersion"`;

interface CallerRow extends Caller {
  policyVersion: number | null;
  prelude?: string | null;
  timeZoneConfirmed: boolean;
  hasPassword: boolean;
  hasSso: boolean;
}

/** The row's parts: the caller, the account's facts, the policy's version. */
function split(row: CallerRow): {
  caller: Caller;
  account: AccountFacts;
  policyVersion: number | null;
} {
  const {
    policyVersion,
    timeZoneConfirmed,
    hasPassword,
    hasSso,
    prelude: _prelude,
    ...caller
  } = row;
  return {
    caller,
    account: { timeZoneConfirmed, signIn: { password: hasPassword, sso: hasSso } },
    policyVersion,
  };
}

interface PatRow extends CallerRow {
  tokenId: string;
  lastUsedAt: string | null;
}

// One indexed read per request (CALLER_COLUMNS), straight through the driver: this runs
// before every protected route, and Prisma's per-call cost would be most of a small
// request's time.
async function authenticate(fastify: FastifyInstance) {
  fastify.decorateRequest('caller', null as unknown as Caller);
  fastify.decorateRequest('sessionId', null);
  fastify.decorateRequest('account', null as unknown as AccountFacts);
  fastify.decorateRequest('prelude', undefined);

  const { db } = fastify;

  // The route's prelude as one more column of the caller's statement, or none.
  function preludeFor(ask: PreludeAsk | undefined, callerId: string, param: string) {
    return ask ? preludeColumn(ask, callerId, param) : { sql: 'NULL AS prelude', values: [] };
  }

  async function callerFromPat(secret: string, ask: PreludeAsk | undefined): Promise<CallerRow> {
    const prelude = preludeFor(ask, 't.user_id', '$2');
    const [row] = await db.query<PatRow>(
      `SELECT ${CALLER_COLUMNS}, ${ACCOUNT_FACT_COLUMNS}, ${POLICY_VERSION}, ${prelude.sql},
              t.id AS "tokenId", t.last_used_at::text AS "lastUsedAt"
         FROM personal_access_tokens t JOIN users u ON u.id = t.user_id
        WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND t.expires_at > now()
          AND u.deactivated_at IS NULL`,
      [hashSecret(secret), ...prelude.values],
    );
    if (!row) throw unauthorized('This token is invalid, expired or revoked.');
    const lastUsed = row.lastUsedAt ? Date.parse(row.lastUsedAt) : 0;
    if (Date.now() - lastUsed > LAST_USED_RESOLUTION_MS) {
      await db.query('UPDATE personal_access_tokens SET last_used_at = now() WHERE id = $1', [
        row.tokenId,
      ]);
    }
    const { tokenId: _tokenId, lastUsedAt: _lastUsedAt, ...callerRow } = row;
    return callerRow;
  }

  function settle(request: FastifyRequest, row: CallerRow, ask: PreludeAsk | undefined) {
    const { caller, account, policyVersion } = split(row);
    notePolicyVersion(fastify.prisma, policyVersion);
    request.caller = caller;
    request.account = account;
    request.prelude = ask ? preludeOf(ask, row.prelude ?? null) : undefined;
  }

  fastify.decorate('authenticate', async (request: FastifyRequest) => {
    const header = request.headers.authorization;
    const match = header?.match(/^Bearer\s+(\S+)$/i);
    if (!match?.[1]) throw unauthorized('Send a bearer token in the Authorization header.');
    const token = match[1];
    const ask = request.routeOptions.config.prelude?.(request);

    if (token.startsWith(PAT_PREFIX)) {
      settle(request, await callerFromPat(token.slice(PAT_PREFIX.length), ask), ask);
      return;
    }

    let claims: { sub?: unknown; sid?: unknown; exp?: unknown };
    try {
      claims = fastify.jwt.verify(token);
    } catch {
      throw unauthorized('This token is invalid or expired.');
    }
    // fast-jwt only checks `exp` when present: a token without one (or without its session)
    // would never end, so it is refused here whoever signed it.
    if (
      typeof claims.exp !== 'number' ||
      typeof claims.sid !== 'string' ||
      typeof claims.sub !== 'string'
    ) {
      throw unauthorized('This token is invalid or expired.');
    }
    // One read by the session's primary key: the session must be live (not signed out,
    // not past its absolute lifetime) and its account active; with it, the route's prelude.
    const prelude = preludeFor(ask, 's.user_id', '$3');
    const [row] = await db.query<CallerRow>(
      `SELECT ${CALLER_COLUMNS}, ${ACCOUNT_FACT_COLUMNS}, ${POLICY_VERSION}, ${prelude.sql}
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL AND s.expires_at > now()
          AND u.deactivated_at IS NULL`,
      [claims.sid, claims.sub, ...prelude.values],
    );
    if (!row) throw unauthorized('This token is invalid or expired.');
    request.sessionId = claims.sid;
    settle(request, row, ask);
  });
}

/** preHandler allowing only the given roles; others get 403. */
export function requireRole(...roles: Role[]) {
  return async (request: FastifyRequest) => {
    if (!roles.includes(request.caller.role)) throw forbidden();
  };
}

export default fp(authenticate, { name: 'authenticate', dependencies: ['database', 'security'] });
