// Documents the problem responses of a route in the OpenAPI document. Problems are sent as
// pre-serialised strings by the error handler, so these schemas describe, never filter.
import { ProblemSchema } from '@leadtrack/schemas';

export function problems<const S extends number>(...statuses: S[]) {
  return Object.fromEntries(
    statuses.map((status) => [status, ProblemSchema.describe(`application/problem+json`)]),
  ) as Record<S, typeof ProblemSchema>;
}
