// Tests rule 8 of PRODUCT.md, the week in progress, with worked examples.

import { describe, expect, it } from 'vitest';
import { computeCurrent, notStartedIn, statusOf } from './readiness';
import {
  currentIn,
  entry,
  fullWeeks,
  inputOf,
  leave,
  run,
  type Scenario,
  streaks,
  type TestEntry,
  week,
} from './test-support';

// The Wednesday: weeks 0-10 consistent (an 11-week streak), and in week 11 every
// kind but Domain ownership logged. Ownership shows in weeks 0-7 only, so with the 4-week
// window week 10 still holds it (from week 7) but week 11 does not.
function wednesday(extra: TestEntry[] = []): Scenario {
  const entries: TestEntry[] = [];
  for (let i = 0; i <= 11; i++) {
    entries.push(entry(i, 'review', 'proposal'), entry(i, 'mentoring', 'communication'));
  }
  for (let i = 0; i <= 7; i++) entries.push(entry(i, 'ownership'));
  return { entries: [...entries, ...extra], asOfWeek: 11 };
}

// Consistent weeks 0 to `through`, then a review alone in week i, which holds asOf: with a
// 1-week window, week i misses every other kind.
function reviewAloneIn(i: number, through: number, more: Partial<Scenario> = {}): Scenario {
  return {
    entries: [...fullWeeks(0, through), entry(i, 'review')],
    asOfWeek: i,
    ...more,
    policy: { windowWeeks: 1, ...more.policy },
  };
}

describe('the week in progress (rule 8)', () => {
  it('carries the streak of the week before while it is not yet consistent', () => {
    const r = run(wednesday());
    expect(r.weeks[10]).toMatchObject({ pending: false, consistent: true, streak: 11 });
    expect(r.weeks[11]).toMatchObject({
      weekStart: week(11),
      pending: true,
      consistent: false,
      streak: 11,
      ready: false,
      missingKinds: ['ownership'],
    });
    // Projected as if week 11 became consistent: 12 of 26, so 14 more weeks.
    expect(r.current).toEqual(currentIn(11, { pending: true, streak: 11, projectedReadyOn: 25 }));
    expect(statusOf(r.current)).toBe('consistent');
    expect(r.weeks.slice(0, 11).every((w) => !w.pending)).toBe(true);
  });

  it('counts the week as soon as it is consistent, with the same projection', () => {
    const r = run(wednesday([entry(11, 'ownership')]));
    expect(r.weeks[11]).toMatchObject({ pending: false, consistent: true, streak: 12 });
    expect(r.current).toEqual(currentIn(11, { streak: 12, projectedReadyOn: 25 }));
  });

  it('breaks the streak once the week has ended without becoming consistent', () => {
    const r = run({ ...wednesday(), asOfWeek: 12 });
    expect(r.weeks[11]).toMatchObject({ pending: false, consistent: false, streak: 0 });
    expect(r.weeks[12]).toMatchObject({ pending: true, streak: 0 });
    expect(r.current).toMatchObject({ weekStart: week(12), pending: true, streak: 0 });
    expect(r.current.projectedReadyOn).toBeNull();
    expect(statusOf(r.current)).toBe('building');
  });

  it('carries readiness and readySince, and projects readySince', () => {
    const r = run(reviewAloneIn(30, 29));
    expect(r.weeks[30]).toMatchObject({ pending: true, streak: 30, ready: true });
    expect(r.current).toEqual(
      currentIn(30, { pending: true, streak: 30, readySince: 25, projectedReadyOn: 25 }),
    );
    expect(statusOf(r.current)).toBe('ready');
  });

  it('carries 0, not ready and no projection when no non-leave week comes before it', () => {
    const alone = run({ entries: [entry(0, 'review')], asOfWeek: 0 });
    expect(alone.weeks).toMatchObject([{ pending: true, streak: 0, ready: false }]);
    expect(alone.current).toEqual({ ...notStartedIn(week(0)), pending: true });
    expect(statusOf(alone.current)).toBe('building');

    const afterLeave = run({ entries: [entry(1, 'review')], checkins: [leave(0)], asOfWeek: 1 });
    expect(afterLeave.weeks.map((w) => [w.onLeave, w.pending, w.streak])).toEqual([
      [true, false, 0],
      [false, true, 0],
    ]);
  });

  it('reaches back past leave weeks for what it carries', () => {
    const r = run(reviewAloneIn(6, 4, { checkins: [leave(5)] }));
    expect(streaks(r)).toEqual([1, 2, 3, 4, 5, 5, 5]);
    expect(r.weeks[6]).toMatchObject({ pending: true, onLeave: false });
    // 6 of 26 if week 6 becomes consistent: 20 more weeks.
    expect(r.current).toMatchObject({ weekStart: week(6), streak: 5, projectedReadyOn: week(26) });
  });

  it('projects this very week when one more consistent week reaches the threshold', () => {
    const r = run(reviewAloneIn(3, 2, { policy: { thresholdWeeks: 4 } }));
    expect(r.current).toMatchObject({ pending: true, streak: 3, projectedReadyOn: week(3) });
  });

  it('is never a leave week; a week that ended before one is judged as usual', () => {
    const r = run(reviewAloneIn(3, 2, { checkins: [leave(4)], asOfWeek: 4 }));
    expect(r.weeks.map((w) => [w.onLeave, w.pending, w.streak])).toEqual([
      [false, false, 1],
      [false, false, 2],
      [false, false, 3],
      [false, false, 0],
      [true, false, 0],
    ]);
    expect(r.current).toEqual(notStartedIn(week(3)));
  });

  it('gives computeCurrent the same current status and signals', () => {
    for (const s of [
      wednesday(),
      wednesday([entry(11, 'ownership')]),
      { ...wednesday(), asOfWeek: 12 },
    ]) {
      const full = run(s);
      expect(computeCurrent(inputOf(s))).toEqual({ current: full.current, signals: full.signals });
    }
  });
});
