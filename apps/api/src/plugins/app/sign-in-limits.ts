// The attempt budgets of sign-in and sign-up (and, per address only, of the password-reset
// form): preHandlers and a failure counter the auth routes put around their attempts.
//
// Two budgets shared by sign-in and sign-up. Per client address: every attempt counts.
// Per email: only FAILED attempts count (a wrong password, an email already taken), so
// that someone who knows their password is never locked out by their own sign-ins; once
// a minute's failures run out, that email is refused even with the right password (or
// guessing could go on). Both are checked on every attempt.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { FailureBudget } from '../../lib/failure-budget';
import { HttpProblem } from '../../lib/problem';

export function signInLimits(fastify: FastifyInstance, perMinute: number) {
  const addressBudget = fastify.createRateLimit({
    max: perMinute,
    timeWindow: '1 minute',
    keyGenerator: (request: FastifyRequest) => `auth-ip:${request.ip}`,
  });
  const emailFailures = new FailureBudget(perMinute, 60_000);
  // Runs after validation, so the email is already trimmed and lower-cased.
  const emailOf = (request: FastifyRequest) =>
    (request.body as { email?: string } | undefined)?.email ?? '';
  const tooMany = (reply: FastifyReply, retryAfterSeconds: number) => {
    reply.header('retry-after', retryAfterSeconds);
    return new HttpProblem(429, 'Too many attempts: wait a minute and try again.');
  };

  /** preHandler: the client address's budget only. */
  const addressLimited = async (request: FastifyRequest, reply: FastifyReply) => {
    const result = await addressBudget(request);
    if (!result.isAllowed && result.isExceeded) throw tooMany(reply, result.ttlInSeconds);
  };
  /** preHandler: the address's budget and the email's failures. */
  const rateLimited = async (request: FastifyRequest, reply: FastifyReply) => {
    await addressLimited(request, reply);
    const wait = emailFailures.retryAfterSeconds(emailOf(request));
    if (wait > 0) throw tooMany(reply, wait);
  };
  /** Runs an attempt; a 401 or 409 from it spends one of the email's failures. */
  const countingFailures = async <T>(request: FastifyRequest, attempt: () => Promise<T>) => {
    try {
      return await attempt();
    } catch (error) {
      if (error instanceof HttpProblem && (error.status === 401 || error.status === 409)) {
        emailFailures.recordFailure(emailOf(request));
      }
      throw error;
    }
  };
  return { addressLimited, rateLimited, countingFailures };
}
