// The organisation view's four statuses: where each person stands this week, for a manager
// of managers reading a whole subtree at once. Finer than `statusOf`'s three words: a week
// in progress that has not yet kept a streak alive is "at risk" (a conversation before
// Sunday can still save it), not merely "consistent".
import type { CurrentStatus } from './readiness';

/** Every org status, in the order the view counts and lists them. */
export const ORG_STATUSES = Object.freeze(['ready', 'consistent', 'atRisk', 'building'] as const);

export type OrgStatus = (typeof ORG_STATUSES)[number];

/**
 * - `ready`: ready (rule 6), whatever this week holds;
 * - `atRisk`: not ready, the week in progress is not consistent yet and there is a streak
 *   (above 0) it would lose by ending that way;
 * - `consistent`: the rest of those with a streak above 0, not ready;
 * - `building`: the rest (no streak).
 */
export function orgStatusOf(
  current: Pick<CurrentStatus, 'ready' | 'pending' | 'streak'>,
): OrgStatus {
  if (current.ready) return 'ready';
  if (current.streak > 0) return current.pending ? 'atRisk' : 'consistent';
  return 'building';
}

/** How many people hold each status. */
export function countOrgStatuses(
  currents: Iterable<Pick<CurrentStatus, 'ready' | 'pending' | 'streak'>>,
): Record<OrgStatus, number> {
  const totals: Record<OrgStatus, number> = { ready: 0, consistent: 0, atRisk: 0, building: 0 };
  for (const current of currents) totals[orgStatusOf(current)] += 1;
  return totals;
}
