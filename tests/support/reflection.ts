// The fit reflection as the tests send it (PUT /reflections/:weekStart): answers keyed by
// the statements' ids (REFLECTION_STATEMENT_IDS of @leadtrack/core).
import { REFLECTION_STATEMENT_IDS } from '@leadtrack/core';

/** Every statement answered `value` (1 to 5). */
export const allAnswered = (value: number): Record<string, number> =>
  Object.fromEntries(REFLECTION_STATEMENT_IDS.map((id) => [id, value]));
