// Who is calling: resolves the bearer token (a JWT access token or a personal access
// token) to the current user row, so role and manager changes take effect at once.
import type { Role } from '@leadtrack/db';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { forbidden, unauthorized } from '../../lib/problem';
import { hashSecret, PAT_PREFIX } from '../../lib/secrets';

export interface Caller {
  id: string;
  email: string;
  name: string;
  role: Role;
  managerId: string | null;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** onRequest hook for the protected tree. */
    authenticate(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  }
  interface FastifyRequest {
    caller: Caller;
  }
}

// One indexed read per request, straight through the driver: this runs before every
// protected route, and Prisma's per-call cost would be most of a small request's time.
const CALLER_COLUMNS = 'u.id, u.email, u.name, u.role::text AS role, u.manager_id AS "managerId"';

// A PAT's last use is recorded at most this often, so reads stay reads.
const LAST_USED_RESOLUTION_MS = 60 * 60 * 1000;

interface PatRow extends Caller {
  tokenId: string;
  lastUsedAt: string | null;
}

async function authenticate(fastify: FastifyInstance) {
  fastify.decorateRequest('caller', null as unknown as Caller);

  const { db } = fastify;

  async function callerFromPat(secret: string): Promise<Caller> {
    const [row] = await db.query<PatRow>(
      `SELECT ${CALLER_COLUMNS}, t.id AS "tokenId", t.last_used_at::text AS "lastUsedAt"
         FROM personal_access_tokens t JOIN users u ON u.id = t.user_id
        WHERE t.token_hash = $1 AND t.revoked_at IS NULL`,
      [hashSecret(secret)],
    );
    if (!row) throw unauthorized('This token is invalid or revoked.');
    const lastUsed = row.lastUsedAt ? Date.parse(row.lastUsedAt) : 0;
    if (Date.now() - lastUsed > LAST_USED_RESOLUTION_MS) {
      await db.query('UPDATE personal_access_tokens SET last_used_at = now() WHERE id = $1', [
        row.tokenId,
      ]);
    }
    const { tokenId: _tokenId, lastUsedAt: _lastUsedAt, ...caller } = row;
    return caller;
  }

  fastify.decorate('authenticate', async (request: FastifyRequest) => {
    const header = request.headers.authorization;
    const match = header?.match(/^Bearer\s+(\S+)$/i);
    if (!match?.[1]) throw unauthorized('Send a bearer token in the Authorization header.');
    const token = match[1];

    if (token.startsWith(PAT_PREFIX)) {
      request.caller = await callerFromPat(token.slice(PAT_PREFIX.length));
      return;
    }

    let sub: string;
    try {
      sub = fastify.jwt.verify<{ sub: string }>(token).sub;
    } catch {
      throw unauthorized('This token is invalid or expired.');
    }
    const [user] = await db.query<Caller>(`SELECT ${CALLER_COLUMNS} FROM users u WHERE u.id = $1`, [
      sub,
    ]);
    if (!user) throw unauthorized('This token is invalid or expired.');
    request.caller = user;
  });
}

/** preHandler allowing only the given roles; others get 403. */
export function requireRole(...roles: Role[]) {
  return async (request: FastifyRequest) => {
    if (!roles.includes(request.caller.role)) throw forbidden();
  };
}

export default fp(authenticate, { name: 'authenticate', dependencies: ['database', 'security'] });
