// The attempt budgets of sign-in, sign-up, password changes and resets: preHandlers and a
// failure counter the routes put around their attempts. The counters live where every API
// process reads them (Redis with REDIS_URL, else PostgreSQL: plugins/external/rate-limit.ts),
// so three processes behind a load balancer allow what one does.
//
// Two budgets. Per client address: every attempt counts. Per email: only FAILED attempts
// count (a wrong password, an email already taken), so that someone who knows their
// password is never locked out by their own sign-ins; once a minute's failures run out,
// that email is refused even with the right password (or guessing could go on). Routes of
// a signed-in person (a password change) name the caller's email instead of the body's.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpProblem } from '../../lib/problem';

export interface SignInLimits {
  /** preHandler: the client address's budget only. */
  addressLimited(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  /** preHandler: the address's budget and the failures of the body's email. */
  rateLimited(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  /** Refuses (429) when `email` has spent its failures (default: the body's email). */
  failuresLimited(request: FastifyRequest, reply: FastifyReply, email?: string): Promise<void>;
  /** Runs an attempt; a 401 or 409 from it spends one of `email`'s failures (default: the body's). */
  countingFailures<T>(
    request: FastifyRequest,
    attempt: () => Promise<T>,
    email?: string,
  ): Promise<T>;
  /** Spends one of `email`'s failures (for a failure that is not a thrown 401 or 409). */
  recordFailure(request: FastifyRequest, email?: string): Promise<void>;
}

export function signInLimits(fastify: FastifyInstance, perMinute: number): SignInLimits {
  // The email a request's failures are counted under, when a route names it.
  const namedEmail = new WeakMap<FastifyRequest, string>();
  // Runs after validation, so the body's email is already trimmed and lower-cased.
  const emailOf = (request: FastifyRequest) =>
    namedEmail.get(request) ??
    (request.body as { email?: string } | undefined)?.email?.toLowerCase() ??
    '';
  const addressBudget = fastify.createRateLimit({
    max: perMinute,
    timeWindow: 60_000,
    keyGenerator: (request: FastifyRequest) => `auth-ip:${request.ip}`,
  });
  const emailFailures = fastify.createRateLimit({
    max: perMinute,
    timeWindow: 60_000,
    keyGenerator: (request: FastifyRequest) => `auth-email:${emailOf(request)}`,
  });
  const name = (request: FastifyRequest, email: string | undefined) => {
    if (email !== undefined) namedEmail.set(request, email.toLowerCase());
  };
  const tooMany = (reply: FastifyReply, retryAfterSeconds: number) => {
    reply.header('retry-after', Math.max(1, retryAfterSeconds));
    return new HttpProblem(429, 'Too many attempts: wait a minute and try again.');
  };

  const addressLimited = async (request: FastifyRequest, reply: FastifyReply) => {
    const result = await addressBudget(request);
    if (!result.isAllowed && result.isExceeded) throw tooMany(reply, result.ttlInSeconds);
  };
  const failuresLimited = async (request: FastifyRequest, reply: FastifyReply, email?: string) => {
    name(request, email);
    const result = await emailFailures(request, { increment: false });
    if (!result.isAllowed && result.remaining <= 0) throw tooMany(reply, result.ttlInSeconds);
  };
  const rateLimited = async (request: FastifyRequest, reply: FastifyReply) => {
    await addressLimited(request, reply);
    await failuresLimited(request, reply);
  };
  const recordFailure = async (request: FastifyRequest, email?: string) => {
    name(request, email);
    await emailFailures(request);
  };
  const countingFailures = async <T>(
    request: FastifyRequest,
    attempt: () => Promise<T>,
    email?: string,
  ) => {
    try {
      return await attempt();
    } catch (error) {
      if (error instanceof HttpProblem && (error.status === 401 || error.status === 409)) {
        await recordFailure(request, email);
      }
      throw error;
    }
  };
  return { addressLimited, rateLimited, failuresLimited, countingFailures, recordFailure };
}
