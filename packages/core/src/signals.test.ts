// Tests the signals added with the rest of the role (avoiding-difficult-conversations,
// unrecognised, unclear-em-boundary) and how every signal treats the week in progress.

import { describe, expect, it } from 'vitest';
import type { EvidenceKind } from './kinds';
import {
  computeCurrent,
  computeReadiness,
  type PersonFacts,
  type Readiness,
  SIGNAL_MANAGER_MESSAGES,
  SIGNAL_MESSAGES,
  type SignalCode,
} from './readiness';
import {
  checkin,
  codes,
  entry,
  fullWeek,
  inputOf,
  leave,
  runWith,
  type Scenario,
  type TestEntry,
  week,
} from './test-support';
import { addDays } from './week';

// Ownership alone makes a week consistent here, so logging it closes the week in progress
// and the examples read week by week.
const run = runWith({ requiredKinds: ['ownership'] });
const expected = (code: SignalCode) => ({
  code,
  message: SIGNAL_MESSAGES[code],
  managerMessage: SIGNAL_MANAGER_MESSAGES[code],
});

function each(from: number, to: number, ...kinds: EvidenceKind[]): TestEntry[] {
  const out: TestEntry[] = [];
  for (let i = from; i <= to; i++) out.push(entry(i, ...kinds));
  return out;
}

describe('avoiding-difficult-conversations', () => {
  const code = 'avoiding-difficult-conversations';

  it('is raised when none of the last 8 non-leave weeks holds feedback', () => {
    const r = run({ entries: each(0, 7, 'ownership'), asOfWeek: 7 });
    expect(r.signals.find((s) => s.code === code)).toEqual(expected(code));
  });

  it('is not raised when one of them does', () => {
    const r = run({ entries: [...each(0, 7, 'ownership'), entry(0, 'feedback')], asOfWeek: 7 });
    expect(codes(r)).not.toContain(code);
  });

  it('looks at the last 8 non-leave weeks only, reaching back past leave', () => {
    const entries = [...each(0, 8, 'ownership'), entry(0, 'feedback')];
    expect(codes(run({ entries, asOfWeek: 8 }))).toContain(code);
    // With week 5 on leave, the last 8 non-leave weeks are 0-4 and 6-8: week 0 counts.
    expect(codes(run({ entries, checkins: [leave(5)], asOfWeek: 8 }))).not.toContain(code);
  });

  it('is not raised while the history holds fewer than 8 non-leave weeks', () => {
    expect(codes(run({ entries: each(0, 6, 'ownership'), asOfWeek: 6 }))).not.toContain(code);
    const withLeave = run({ entries: each(0, 7, 'ownership'), checkins: [leave(3)], asOfWeek: 7 });
    expect(codes(withLeave)).not.toContain(code);
  });

  it('counts feedback dated in a leave week for nothing', () => {
    const r = run({
      entries: [...each(0, 7, 'ownership'), entry(8, 'feedback')],
      checkins: [leave(8)],
      asOfWeek: 8,
    });
    expect(codes(r)).toContain(code);
  });
});

describe('unrecognised', () => {
  const code = 'unrecognised';
  // Ready after 4 consistent weeks; one ownership entry a week, acknowledged in `acked`.
  const history = (last: number, ...acked: number[]): Scenario => ({
    entries: Array.from({ length: last + 1 }, (_, i) => ({
      on: addDays(week(i), 1),
      kinds: ['ownership'] as EvidenceKind[],
      ack: acked.includes(i),
    })),
    asOfWeek: last,
    policy: { thresholdWeeks: 4 },
  });

  it("is raised when ready yet fewer than half of the last 8 weeks' entries are acknowledged or endorsed", () => {
    const r = run(history(7, 0, 1, 2));
    expect(r.current.ready).toBe(true);
    expect(r.signals.find((s) => s.code === code)).toEqual(expected(code));
  });

  it('tells the engineer to share the packet and start the title conversation', () => {
    expect(SIGNAL_MESSAGES[code]).toMatch(/packet/);
    expect(SIGNAL_MESSAGES[code]).toMatch(/title/);
    expect(SIGNAL_MANAGER_MESSAGES[code]).toMatch(/title/);
  });

  it('is not raised at exactly half', () => {
    expect(codes(run(history(7, 0, 1, 2, 3)))).not.toContain(code);
  });

  it('counts entries, not weeks, over the last 8 non-leave weeks only', () => {
    // Weeks 0-1 acknowledged fall out of the look-back at week 9; 2-9 hold 3 of 8.
    expect(codes(run(history(9, 0, 1, 2, 3, 4)))).toContain(code);
    // Two acknowledged entries more in week 9: 5 of 10.
    const more = history(9, 0, 1, 2, 3, 4);
    more.entries?.push(
      { on: addDays(week(9), 2), kinds: ['review'], ack: true },
      { on: addDays(week(9), 3), kinds: ['mentoring'], ack: true },
    );
    expect(codes(run(more))).not.toContain(code);
  });

  it('is not raised when the current week is not ready', () => {
    expect(codes(run({ ...history(7), policy: { thresholdWeeks: 26 } }))).not.toContain(code);
  });

  it('is not raised while the history holds fewer than 8 non-leave weeks', () => {
    const r = run(history(6));
    expect(r.current.ready).toBe(true);
    expect(codes(r)).not.toContain(code);
  });
});

describe('unclear-em-boundary', () => {
  const code = 'unclear-em-boundary';
  // asOf is the Wednesday of week 7; eight non-leave weeks, 0-7.
  const withFacts = (facts: PersonFacts | undefined, last = 7): Readiness =>
    run({ entries: each(0, last, 'ownership'), asOfWeek: last, ...(facts ? { facts } : {}) });

  it('is raised with a manager and no working agreement confirmed by both', () => {
    const r = withFacts({ hasManager: true, agreementConfirmedOn: null });
    expect(r.signals.find((s) => s.code === code)).toEqual(expected(code));
  });

  it('is not raised without a manager, or when nothing is known about one', () => {
    expect(codes(withFacts({ hasManager: false, agreementConfirmedOn: null }))).not.toContain(code);
    expect(codes(withFacts(undefined))).not.toContain(code);
  });

  it('is not raised while the history holds fewer than 8 non-leave weeks', () => {
    const r = withFacts({ hasManager: true, agreementConfirmedOn: null }, 6);
    expect(codes(r)).not.toContain(code);
  });

  it('accepts a confirmation within the 26 weeks ending with asOf, and nothing later than asOf', () => {
    const confirmed = (on: string) =>
      codes(withFacts({ hasManager: true, agreementConfirmedOn: on }));
    // The Monday 25 weeks before asOf's week: the oldest week still inside.
    expect(confirmed(week(7 - 25))).not.toContain(code);
    // The Sunday before it: 26 weeks back, outside.
    expect(confirmed(addDays(week(7 - 25), -1))).toContain(code);
    // asOf itself (a Wednesday) counts; the Thursday after it has not happened yet.
    expect(confirmed(addDays(week(7), 2))).not.toContain(code);
    expect(confirmed(addDays(week(7), 3))).toContain(code);
  });

  it('refuses a confirmation date that is not a calendar date', () => {
    expect(() => withFacts({ hasManager: true, agreementConfirmedOn: '2026-02-30' })).toThrow(
      RangeError,
    );
  });
});

describe('signals and the week in progress', () => {
  it('do not raise stale because the week in progress has no entry yet', () => {
    // Week 1 ended without evidence; week 2 is in progress, empty so far.
    const s: Scenario = { entries: fullWeek(week(0)), asOfWeek: 2, policy: { windowWeeks: 1 } };
    const midweek = computeReadiness(inputOf(s));
    expect(midweek.current.pending).toBe(true);
    expect(codes(midweek)).not.toContain('stale');
    // A week later, weeks 2 and 3 both empty and 2 has ended: stale.
    expect(codes(computeReadiness(inputOf({ ...s, asOfWeek: 3 })))).toContain('stale');
  });

  it('keep a signal raised over the ended weeks, and let the week in progress clear it', () => {
    // Mentoring in 3 of weeks 0-7 (ended); week 8 in progress lacks ownership.
    const base = [...each(0, 7, 'ownership'), ...[1, 3, 5].map((i) => entry(i, 'mentoring'))];
    const s: Scenario = { entries: base, asOfWeek: 8, policy: { windowWeeks: 1 } };
    const before = run(s);
    expect(before.current.pending).toBe(true);
    expect(codes(before)).toContain('mentoring-ad-hoc');
    // Mentoring this week: 4 of weeks 1-8, cleared before the week is even consistent.
    const after = run({ ...s, entries: [...base, entry(8, 'mentoring')] });
    expect(after.current.pending).toBe(true);
    expect(codes(after)).not.toContain('mentoring-ad-hoc');
  });

  it('never let the week in progress bring a look-back to its count', () => {
    // Seven ended weeks and week 7 in progress: eight non-leave weeks, but one not over.
    const s: Scenario = {
      entries: each(0, 6, 'ownership'),
      asOfWeek: 7,
      policy: { windowWeeks: 1 },
      facts: { hasManager: true, agreementConfirmedOn: null },
    };
    const r = run(s);
    expect(r.current.pending).toBe(true);
    expect(codes(r)).not.toContain('avoiding-difficult-conversations');
    expect(codes(r)).not.toContain('unclear-em-boundary');
    // Once week 7 has ended: raised.
    const later = codes(run({ ...s, asOfWeek: 8 }));
    expect(later).toContain('avoiding-difficult-conversations');
    expect(later).toContain('unclear-em-boundary');
  });

  it('wait for the week in progress to end before counting its check-in against it', () => {
    const checkins = [checkin(0, 50, 0), checkin(1, 50, 0), checkin(2, 50, 0)];
    // Week 2 is in progress (no evidence at all): two ended check-ins without a block.
    expect(codes(run({ checkins, asOfWeek: 2 }))).not.toContain('losing-technical-currency');
    expect(codes(run({ checkins, asOfWeek: 3 }))).toContain('losing-technical-currency');
    // A block in this week's check-in clears the signal of the weeks before.
    const cleared = [...checkins, checkin(3, 50, 1)];
    expect(codes(run({ checkins: cleared, asOfWeek: 3 }))).not.toContain(
      'losing-technical-currency',
    );
  });

  it('are the same through computeCurrent', () => {
    const s: Scenario = {
      entries: [...each(0, 9, 'ownership'), entry(2, 'mentoring')],
      checkins: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => checkin(i, 95, 0)),
      asOfWeek: 10,
      facts: { hasManager: true, agreementConfirmedOn: null },
    };
    const full = run(s);
    expect(full.signals.length).toBeGreaterThan(3);
    const input = inputOf({ ...s, policy: { requiredKinds: ['ownership'] } });
    expect(computeCurrent(input)).toEqual({ current: full.current, signals: full.signals });
  });
});
