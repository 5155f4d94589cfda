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

const callerSelect = { id: true, email: true, name: true, role: true, managerId: true } as const;

// A PAT's last use is recorded at most this often, so reads stay reads.
const LAST_USED_RESOLUTION_MS = 60 * 60 * 1000;

async function authenticate(fastify: FastifyInstance) {
  fastify.decorateRequest('caller', null as unknown as Caller);

  fastify.decorate('authenticate', async (request: FastifyRequest) => {
    const header = request.headers.authorization;
    const match = header?.match(/^Bearer\s+(\S+)$/i);
    if (!match?.[1]) throw unauthorized('Send a bearer token in the Authorization header.');
    const token = match[1];

    if (token.startsWith(PAT_PREFIX)) {
      const pat = await fastify.prisma.personalAccessToken.findUnique({
        where: { tokenHash: hashSecret(token.slice(PAT_PREFIX.length)) },
        select: { id: true, revokedAt: true, lastUsedAt: true, user: { select: callerSelect } },
      });
      if (!pat || pat.revokedAt) throw unauthorized('This token is invalid or revoked.');
      const now = Date.now();
      if (!pat.lastUsedAt || now - pat.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
        await fastify.prisma.personalAccessToken.update({
          where: { id: pat.id },
          data: { lastUsedAt: new Date(now) },
        });
      }
      request.caller = pat.user;
      return;
    }

    let sub: string;
    try {
      sub = fastify.jwt.verify<{ sub: string }>(token).sub;
    } catch {
      throw unauthorized('This token is invalid or expired.');
    }
    const user = await fastify.prisma.user.findUnique({ where: { id: sub }, select: callerSelect });
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
