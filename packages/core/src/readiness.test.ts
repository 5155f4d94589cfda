// Tests the readiness model with worked examples, one or more per rule of PRODUCT.md (the
// signals, the status and the policy: readiness-rules.test.ts).

import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from './policy';
import { computeReadiness, notStartedIn, statusOf, type WeekAggregate } from './readiness';
import {
  checkin,
  currentIn,
  entry,
  fullWeek,
  fullWeeks,
  inputOf,
  leave,
  run,
  streaks,
  type TestEntry,
  week,
} from './test-support';
import { addDays } from './week';

describe('timeline', () => {
  it('is empty with no data, and current is the not-started week of asOf', () => {
    const r = computeReadiness({
      policy: DEFAULT_POLICY,
      asOf: '2026-03-04',
      weeks: [],
      checkins: [],
    });
    expect(r).toEqual({
      weeks: [],
      current: notStartedIn('2026-03-02'),
      signals: [],
    });
    expect(statusOf(r.current)).toBe('building');
  });

  it('with only leave weeks, lists them and falls back to the not-started current', () => {
    const r = run({
      checkins: [leave(0), leave(1)],
      entries: [entry(1, 'mentoring')],
      asOfWeek: 1,
    });
    expect(r.weeks.map((w) => [w.weekStart, w.onLeave, w.streak, w.ready])).toEqual([
      [week(0), true, 0, false],
      [week(1), true, 0, false],
    ]);
    expect(r.current).toEqual(notStartedIn(week(1)));
    expect(r.signals).toEqual([]);
  });

  it('runs from the earliest check-in or evidence to the week holding asOf', () => {
    const r = run({ checkins: [checkin(1)], entries: [entry(3, 'review')], asOfWeek: 5 });
    expect(r.weeks.map((w) => w.weekStart)).toEqual([week(1), week(2), week(3), week(4), week(5)]);
    expect(r.current.weekStart).toBe(week(5));
  });

  it('ignores empty aggregates when finding the start', () => {
    const empty: WeekAggregate = {
      weekStart: week(0),
      counts: {},
      entries: 0,
      acknowledgedEntries: 0,
    };
    const r = run({ weeks: [empty], entries: [entry(2, 'review')], asOfWeek: 2 });
    expect(r.weeks[0]?.weekStart).toBe(week(2));
  });

  it('ignores evidence and check-ins after the week of asOf', () => {
    const past = { entries: fullWeeks(0, 2), asOfWeek: 2, policy: { thresholdWeeks: 4 } };
    const withFuture = run({
      ...past,
      entries: [...past.entries, ...fullWeeks(3, 5), entry(9, 'mentoring')],
      checkins: [leave(3), checkin(4, 95, 0)],
    });
    expect(withFuture).toEqual(run(past));
    expect(withFuture.weeks).toHaveLength(3);
    // A leave check-in after asOf would otherwise push the projection to week 4.
    expect(withFuture.current.projectedReadyOn).toBe(week(3));
  });

  it('has no weeks when all data lies after asOf', () => {
    const r = run({ entries: fullWeeks(3, 4), checkins: [checkin(3)], asOfWeek: 2 });
    expect(r.weeks).toEqual([]);
    expect(r.current).toEqual(notStartedIn(week(2)));
  });

  it('does not depend on the order of its inputs', () => {
    const input = inputOf({
      entries: [...fullWeeks(0, 6), entry(8, 'mentoring')],
      checkins: [checkin(0, 90, 0), leave(3), checkin(5, 85, 0), checkin(7, 90, 0)],
      asOfWeek: 9,
    });
    const forward = computeReadiness(input);
    const backward = computeReadiness({
      ...input,
      weeks: [...input.weeks].reverse(),
      checkins: [...input.checkins].reverse(),
    });
    expect(backward).toEqual(forward);
  });

  it('sums several aggregates given for one week', () => {
    const split: WeekAggregate[] = [
      {
        weekStart: week(0),
        counts: { ownership: 1, review: 1 },
        entries: 1,
        acknowledgedEntries: 1,
      },
      {
        weekStart: week(0),
        counts: { proposal: 1, mentoring: 1, communication: 1, review: 1 },
        entries: 1,
        acknowledgedEntries: 0,
      },
    ];
    const row = run({ weeks: split, asOfWeek: 0 }).weeks[0];
    expect(row?.consistent).toBe(true);
    expect(row?.counts.review).toBe(2);
    expect(row?.visibility).toBe(0.5);
  });
});

describe('window and consistency', () => {
  it('truncates the window at the first week of the history', () => {
    const full = run({ entries: fullWeek(week(0)), asOfWeek: 0 });
    expect(full.weeks[0]).toMatchObject({ consistent: true, streak: 1, missingKinds: [] });

    const split = run({
      entries: [
        entry(0, 'ownership', 'review'),
        entry(1, 'proposal'),
        entry(1, 'mentoring', 'communication'),
      ],
      asOfWeek: 1,
    });
    expect(split.weeks[0]).toMatchObject({
      consistent: false,
      streak: 0,
      missingKinds: ['proposal', 'mentoring', 'communication'],
    });
    expect(split.weeks[1]).toMatchObject({ consistent: true, streak: 1, missingKinds: [] });
  });

  it('keeps a kind for windowWeeks weeks, then drops it', () => {
    const others: TestEntry[] = [];
    for (let i = 0; i <= 5; i++)
      others.push(entry(i, 'review', 'proposal', 'mentoring'), entry(i, 'communication'));
    const r = run({ entries: [entry(0, 'ownership'), ...others], asOfWeek: 5 });
    expect(streaks(r)).toEqual([1, 2, 3, 4, 0, 0]);
    expect(r.weeks[4]).toMatchObject({ consistent: false, missingKinds: ['ownership'] });
  });

  it('lets one entry holding three kinds satisfy all three', () => {
    const r = run({
      entries: [
        entry(0, 'ownership', 'review', 'proposal'),
        entry(0, 'mentoring', 'communication'),
      ],
      asOfWeek: 0,
    });
    expect(r.weeks[0]?.counts).toEqual({
      ownership: 1,
      review: 1,
      proposal: 1,
      mentoring: 1,
      communication: 1,
      unblocking: 0,
      feedback: 0,
    });
    expect(r.weeks[0]?.consistent).toBe(true);
  });

  it('only requires the policy kinds, and lists missing ones in canonical order', () => {
    const mentoringOnly = run({
      entries: [entry(0, 'mentoring')],
      asOfWeek: 0,
      policy: { requiredKinds: ['mentoring'] },
    });
    expect(mentoringOnly.weeks[0]?.consistent).toBe(true);

    const r = run({
      checkins: [checkin(0)],
      asOfWeek: 0,
      policy: { requiredKinds: ['feedback', 'communication', 'ownership'] },
    });
    expect(r.weeks[0]?.missingKinds).toEqual(['ownership', 'communication', 'feedback']);
  });

  it('resets a broken streak to 0 and starts again', () => {
    const r = run({
      entries: [...fullWeeks(0, 2), ...fullWeek(week(4))],
      asOfWeek: 4,
      policy: { windowWeeks: 1 },
    });
    expect(streaks(r)).toEqual([1, 2, 3, 0, 1]);
    expect(r.weeks[3]).toMatchObject({
      consistent: false,
      missingKinds: ['ownership', 'review', 'proposal', 'mentoring', 'communication'],
    });
  });
});

describe('leave weeks', () => {
  it('pause a streak instead of breaking it', () => {
    const r = run({
      entries: [...fullWeeks(0, 2), ...fullWeek(week(4))],
      checkins: [leave(3)],
      asOfWeek: 4,
      policy: { windowWeeks: 1 },
    });
    expect(streaks(r)).toEqual([1, 2, 3, 3, 4]);
    expect(r.weeks[3]).toEqual({
      weekStart: week(3),
      onLeave: true,
      pending: false,
      counts: {
        ownership: 0,
        review: 0,
        proposal: 0,
        mentoring: 0,
        communication: 0,
        unblocking: 0,
        feedback: 0,
      },
      missingKinds: [],
      consistent: false,
      streak: 3,
      ready: false,
      visibility: null,
    });
  });

  it('repeat the readiness of the week before, and 0 when there is none', () => {
    const r = run({
      entries: fullWeeks(1, 2),
      checkins: [leave(0), leave(3)],
      asOfWeek: 3,
      policy: { thresholdWeeks: 2 },
    });
    expect(r.weeks.map((w) => [w.onLeave, w.streak, w.ready])).toEqual([
      [true, 0, false],
      [false, 1, false],
      [false, 2, true],
      [true, 2, true],
    ]);
  });

  it('are skipped by the window, which reaches back past them', () => {
    const others: TestEntry[] = [];
    for (let i = 3; i <= 6; i++)
      others.push(entry(i, 'review', 'proposal'), entry(i, 'mentoring', 'communication'));
    const r = run({
      entries: [...fullWeek(week(0)), ...others],
      checkins: [leave(1), leave(2)],
      asOfWeek: 6,
    });
    // Week 5's window is weeks 5, 4, 3 and 0: ownership from week 0 still counts. Week 6,
    // the week in progress, misses it: pending, it carries week 5's streak.
    expect(streaks(r)).toEqual([1, 1, 1, 2, 3, 4, 4]);
    expect(r.weeks[6]).toMatchObject({ pending: true, missingKinds: ['ownership'] });
    // Once week 6 has ended (asOf a week later), it breaks the streak.
    const later = run({
      entries: [...fullWeek(week(0)), ...others],
      checkins: [leave(1), leave(2)],
      asOfWeek: 7,
    });
    expect(streaks(later)).toEqual([1, 1, 1, 2, 3, 4, 0, 0]);
    expect(later.weeks[6]).toMatchObject({ pending: false, missingKinds: ['ownership'] });
  });

  it('make the evidence dated in them count for nothing (but show it)', () => {
    const r = run({
      entries: [
        entry(0, 'review', 'proposal'),
        entry(0, 'mentoring', 'communication'),
        { on: addDays(week(1), 3), kinds: ['ownership'], ack: true },
      ],
      checkins: [leave(1)],
      asOfWeek: 2,
    });
    expect(r.weeks[1]).toMatchObject({ onLeave: true, visibility: null });
    expect(r.weeks[1]?.counts.ownership).toBe(1);
    expect(r.weeks[2]).toMatchObject({
      consistent: false,
      missingKinds: ['ownership'],
      visibility: 0,
    });
  });
});

describe('readiness and projection', () => {
  it('is ready on reaching exactly thresholdWeeks, readySince that week', () => {
    const r = run({ entries: fullWeeks(0, 25), asOfWeek: 25 });
    expect(r.weeks[24]).toMatchObject({ streak: 25, ready: false });
    expect(r.weeks[25]).toMatchObject({ streak: 26, ready: true });
    expect(r.current).toEqual(currentIn(25, { streak: 26, readySince: 25, projectedReadyOn: 25 }));
    expect(statusOf(r.current)).toBe('ready');
  });

  it('keeps readySince at the week the threshold was reached', () => {
    const r = run({ entries: fullWeeks(0, 29), asOfWeek: 29 });
    expect(r.current).toMatchObject({
      streak: 30,
      readySince: week(25),
      projectedReadyOn: week(25),
    });
  });

  it('does not count leave weeks toward readySince', () => {
    const r = run({
      entries: [...fullWeeks(0, 9), ...fullWeeks(11, 28)],
      checkins: [leave(10)],
      asOfWeek: 28,
    });
    expect(r.current).toMatchObject({ streak: 28, readySince: week(26) });
  });

  it('takes readySince from the current run, not an earlier one', () => {
    const r = run({
      entries: [...fullWeeks(0, 3), ...fullWeeks(5, 9)],
      asOfWeek: 9,
      policy: { windowWeeks: 1, thresholdWeeks: 2 },
    });
    expect(r.weeks[1]?.ready).toBe(true);
    expect(r.current).toMatchObject({ streak: 5, readySince: week(6) });
  });

  it('projects next week at 25 of 26', () => {
    const r = run({ entries: fullWeeks(0, 24), asOfWeek: 24 });
    expect(r.current).toEqual(currentIn(24, { streak: 25, projectedReadyOn: 25 }));
    expect(statusOf(r.current)).toBe('consistent');
  });

  it('projects thresholdWeeks - streak weeks ahead', () => {
    const r = run({ entries: fullWeeks(0, 11), asOfWeek: 11 });
    expect(r.current).toMatchObject({ streak: 12, projectedReadyOn: week(25) });
  });

  it('skips the known leave weeks between current and asOf when projecting', () => {
    const r = run({ entries: fullWeeks(0, 24), checkins: [leave(25), leave(26)], asOfWeek: 26 });
    expect(r.current).toMatchObject({
      weekStart: week(24),
      streak: 25,
      projectedReadyOn: week(27),
    });
    expect(r.weeks.slice(25).map((w) => [w.onLeave, w.streak])).toEqual([
      [true, 25],
      [true, 25],
    ]);
  });

  it('projects nothing when the current week is not consistent and has no streak to carry', () => {
    // Week 1 has ended without evidence (streak 0); week 2, in progress, carries that 0.
    const r = run({ entries: fullWeek(week(0)), asOfWeek: 2, policy: { windowWeeks: 1 } });
    expect(r.weeks[1]).toMatchObject({ pending: false, consistent: false, streak: 0 });
    expect(r.current).toEqual({ ...notStartedIn(week(2)), pending: true });
    expect(statusOf(r.current)).toBe('building');
  });
});

describe('visibility', () => {
  it('is the share of distinct entries acknowledged, not of kind counts', () => {
    const r = run({
      entries: [
        { on: week(0), kinds: ['ownership', 'review', 'proposal'], ack: true },
        { on: week(0), kinds: ['mentoring'] },
        { on: week(0), kinds: ['communication'] },
      ],
      asOfWeek: 0,
    });
    expect(r.weeks[0]?.visibility).toBeCloseTo(1 / 3);
  });

  it('sums over the window and slides with it', () => {
    const entries = [...fullWeek(week(0), true), ...fullWeek(week(1))];
    expect(run({ entries, asOfWeek: 1 }).weeks.map((w) => w.visibility)).toEqual([1, 0.5]);
    expect(
      run({ entries, asOfWeek: 1, policy: { windowWeeks: 1 } }).weeks.map((w) => w.visibility),
    ).toEqual([1, 0]);
  });

  it('is null when the window holds no entries', () => {
    const r = run({
      entries: fullWeek(week(0), true),
      checkins: [checkin(1)],
      asOfWeek: 1,
      policy: { windowWeeks: 1 },
    });
    expect(r.weeks.map((w) => w.visibility)).toEqual([1, null]);
    expect(run({ checkins: [checkin(0)], asOfWeek: 0 }).weeks[0]?.visibility).toBeNull();
  });

  it('gates consistency at 0.5 when the policy requires it', () => {
    const entries = [...fullWeek(week(0), true), ...fullWeek(week(1)), ...fullWeek(week(2))];
    const required = run({ entries, asOfWeek: 2, policy: { requireVisibility: true } });
    expect(required.weeks.map((w) => w.visibility)).toEqual([1, 0.5, 2 / 6]);
    // Week 2, in progress, lacks acknowledgements rather than kinds: pending, it carries 2.
    expect(streaks(required)).toEqual([1, 2, 2]);
    expect(required.weeks[2]).toMatchObject({ pending: true, consistent: false, missingKinds: [] });
    const ended = run({
      entries,
      checkins: [checkin(3)],
      asOfWeek: 3,
      policy: { requireVisibility: true },
    });
    expect(streaks(ended)).toEqual([1, 2, 0, 0]);
    expect(streaks(run({ entries, asOfWeek: 2 }))).toEqual([1, 2, 3]);
  });

  it('never exceeds 1, even when an aggregate claims more acknowledged entries than entries', () => {
    const odd: WeekAggregate = {
      weekStart: week(0),
      counts: { review: 2 },
      entries: 2,
      acknowledgedEntries: 3,
    };
    expect(run({ weeks: [odd], asOfWeek: 0 }).weeks[0]?.visibility).toBe(1);
  });

  it('makes a week with null visibility not consistent when required', () => {
    // Only reachable with inconsistent aggregates (kind counts but no entries): be strict.
    const odd: WeekAggregate = {
      weekStart: week(0),
      counts: { ownership: 1, review: 1, proposal: 1, mentoring: 1, communication: 1 },
      entries: 0,
      acknowledgedEntries: 0,
    };
    expect(run({ weeks: [odd], asOfWeek: 0 }).weeks[0]?.consistent).toBe(true);
    const r = run({ weeks: [odd], asOfWeek: 0, policy: { requireVisibility: true } });
    expect(r.weeks[0]).toMatchObject({ visibility: null, consistent: false });
  });
});
