// What octo did on a GitHub stand-in (tests/support/github-stand-in.ts) for the GitHub
// capture tests (tests/api/github.test.ts): pull requests by week, reviews on given days,
// and design pull requests, each with what must and must not come of it. Dates are relative
// to this week, as the API's are.
import { addDays, addWeeks, todayUtc, weekStartOf } from '@leadtrack/core';
import type { StandInPull } from './github-stand-in';

export const thisWeek = weekStartOf(todayUtc());
/** The Monday `n` weeks before this one. */
export const week = (n: number) => addWeeks(thisWeek, -n);
/** An instant on day `day` (0 = Monday) of a week, UTC. */
export const at = (monday: string, day: number, time = '10:00:00') =>
  `${addDays(monday, day)}T${time}Z`;

export function pull(
  p: Partial<StandInPull> & Pick<StandInPull, 'repo' | 'number' | 'author'>,
): StandInPull {
  return { title: `Change ${p.number}`, createdAt: at(week(40), 0), ...p };
}

export const review = (user: string, submittedAt: string, state?: 'COMMENTED' | 'PENDING') => ({
  user,
  submittedAt,
  ...(state && { state }),
});

/** A pull request named `owner/repo#n`, by `author`. */
export function pr(ref: string, author: string, extra: Partial<StandInPull> = {}): StandInPull {
  const [repo, number] = ref.split('#') as [string, string];
  return pull({ repo, number: Number(number), author, ...extra });
}

/** A review by octo on day `day` of a week. */
export const octo = (monday: string, day: number, time?: string, state?: 'COMMENTED' | 'PENDING') =>
  review('octo', at(monday, day, time), state);

/** What octo (the owner, UTC) did, and what must and must not come of it. */
export function octoActivity(): StandInPull[] {
  const w1 = week(1);
  return [
    // Week 1: three pull requests in two repositories for two authors (#2 reviewed twice).
    pr('acme/api#1', 'alice', { reviews: [octo(w1, 1), review('zed', at(w1, 1))] }),
    pr('acme/api#2', 'bob', {
      reviews: [octo(w1, 2), octo(w1, 3, undefined, 'COMMENTED'), review('zed', at(w1, 3))],
    }),
    pr('acme/web#3', 'alice', { reviews: [octo(w1, 4)] }),
    // Their own pull request, commented on by themselves: never a review.
    pr('acme/api#4', 'octo', { createdAt: at(w1, 0), reviews: [octo(w1, 2)] }),
    // Sunday 23:30 of week 3 and Monday 00:30 of week 2: a week apart.
    pr('acme/api#5', 'carol', { reviews: [octo(week(3), 6, '23:30:00')] }),
    pr('acme/api#6', 'carol', { reviews: [octo(week(2), 0, '00:30:00')] }),
    // Reviewed 30 weeks ago, updated last week: the search finds it, the review is too old.
    pr('acme/web#7', 'dave', { updatedAt: at(w1, 0), reviews: [octo(week(30), 2)] }),
    // Reviewed 10 weeks ago, updated last week: counts in week 10.
    pr('acme/ops#8', 'erin', { updatedAt: at(w1, 0), reviews: [octo(week(10), 2)] }),
    // A review still pending (not submitted) is not one.
    pr('acme/api#9', 'bob', { reviews: [octo(w1, 2, undefined, 'PENDING')] }),
    // This week's: offered once the week has ended.
    pr('acme/api#10', 'bob', { reviews: [review('octo', `${thisWeek}T00:00:00Z`)] }),
    // Design pull requests octo opened: an ADR by path, an RFC by label (files never read)…
    pr('acme/docs#20', 'octo', {
      title: 'ADR 7: one queue per tenant',
      createdAt: at(week(2), 1),
      files: ['docs/adr/0007-queue-per-tenant.md', 'README.md'],
    }),
    pr('acme/api#21', 'octo', {
      title: 'Token rotation',
      createdAt: at(week(3), 2),
      labels: ['RFC'],
      files: ['src/auth.ts'],
      mergedAt: at(week(2), 0),
      state: 'closed',
    }),
    pr('acme/api#24', 'octo', {
      title: 'Retry budget design',
      createdAt: `${thisWeek}T00:00:00Z`,
      labels: ['design-doc'],
    }),
    // …not a design system's code, not a README, not one opened before the 26 weeks.
    pr('acme/web#22', 'octo', { createdAt: at(w1, 1), files: ['src/design/button.tsx'] }),
    pr('acme/api#23', 'octo', { createdAt: at(w1, 1), files: ['README.md'] }),
    pr('acme/docs#25', 'octo', { createdAt: at(week(30), 1), files: ['docs/adr/0001-start.md'] }),
    // Somebody else's design pull request.
    pr('acme/docs#26', 'alice', { createdAt: at(w1, 1), files: ['docs/adr/0008.md'] }),
  ];
}
