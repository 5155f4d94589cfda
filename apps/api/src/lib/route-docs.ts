// Documents the problem responses of a route in the OpenAPI document. Problems are sent as
// pre-serialised strings by the error handler, so these schemas describe, never filter.
import { ProblemSchema } from '@leadtrack/schemas';
import type { FastifyReply } from 'fastify';

/**
 * The given statuses, plus 503: any route that reads the database answers 503 (with
 * Retry-After) while it is unreachable.
 */
export function problems<const S extends number>(...statuses: S[]) {
  return Object.fromEntries(
    [...statuses, 503].map((status) => [
      status,
      ProblemSchema.describe(`application/problem+json`),
    ]),
  ) as Record<S | 503, typeof ProblemSchema>;
}

/**
 * Answers a request that stores something once (an acknowledgement, an endorsement, a
 * request for one): 201 when this request stored it, 200 with what an earlier one stored.
 */
export const sendStoredOnce = (reply: FastifyReply, created: boolean, body: unknown) =>
  reply.code(created ? 201 : 200).send(body);
