// Tests the readiness model's signals, the status and the policy with worked examples, one
// or more per rule of PRODUCT.md (the timeline, the window and readiness: readiness.test.ts).

import { describe, expect, it } from 'vitest';
import type { EvidenceKind } from './kinds';
import { DEFAULT_POLICY, POLICY_LIMITS, type Policy } from './policy';
import {
  computeReadiness,
  notStartedIn,
  type Readiness,
  SIGNAL_CODES,
  SIGNAL_MANAGER_MESSAGES,
  SIGNAL_MESSAGES,
  type SignalCode,
  statusOf,
} from './readiness';
import {
  checkin,
  codes,
  entry,
  fullWeek,
  fullWeeks,
  leave,
  run,
  runWith,
  type TestEntry,
  week,
} from './test-support';

describe('signals', () => {
  function signal(r: Readiness, code: SignalCode) {
    return r.signals.find((s) => s.code === code);
  }
  const expected = (code: SignalCode) => ({
    code,
    message: SIGNAL_MESSAGES[code],
    managerMessage: SIGNAL_MANAGER_MESSAGES[code],
  });

  describe('losing-technical-currency', () => {
    const code = 'losing-technical-currency';

    it('is raised after three check-ins without a deep-work block', () => {
      // asOf in week 3: week 2 has ended (a week in progress never raises a signal).
      const r = run({
        checkins: [checkin(0, 50, 0), checkin(1, 50, 0), checkin(2, 50, 0)],
        asOfWeek: 3,
      });
      expect(signal(r, code)).toEqual(expected(code));
    });

    it('counts check-ins, not weeks: gaps without a check-in are passed over', () => {
      const r = run({
        checkins: [checkin(0, 50, 0), checkin(2, 50, 0), checkin(4, 50, 0)],
        asOfWeek: 5,
      });
      expect(codes(r)).toContain(code);
    });

    it('is not raised with fewer than three check-ins', () => {
      const r = run({ checkins: [checkin(0, 50, 0), checkin(1, 50, 0)], asOfWeek: 3 });
      expect(codes(r)).not.toContain(code);
    });

    it('is not raised when one of the last three had a block', () => {
      const r = run({
        checkins: [checkin(0, 50, 0), checkin(1, 50, 0), checkin(2, 50, 1), checkin(3, 50, 0)],
        asOfWeek: 3,
      });
      expect(codes(r)).not.toContain(code);
    });

    it('does not count a leave check-in', () => {
      const base = [checkin(0, 50, 0), checkin(1, 50, 0), leave(2)];
      expect(codes(run({ checkins: base, asOfWeek: 2 }))).not.toContain(code);
      expect(codes(run({ checkins: [...base, checkin(3, 50, 0)], asOfWeek: 4 }))).toContain(code);
    });
  });

  describe('doing-not-enabling', () => {
    const code = 'doing-not-enabling';
    const busy = [0, 1, 2, 3].map((i) => checkin(i, 90, 2));
    const ownershipEveryWeek = [0, 1, 2, 3].map((i) => entry(i, 'ownership', 'feedback'));
    // Ownership alone makes a week consistent here, so week 3 is not a week in progress.
    const run = runWith({ requiredKinds: ['ownership'] });

    it('is raised after four hands-on check-ins with no enabling evidence', () => {
      const r = run({ checkins: busy, entries: ownershipEveryWeek, asOfWeek: 3 });
      expect(signal(r, code)).toEqual(expected(code));
    });

    it('is not raised with fewer than four check-ins', () => {
      const r = run({ checkins: busy.slice(1), entries: ownershipEveryWeek, asOfWeek: 3 });
      expect(codes(r)).not.toContain(code);
    });

    it.each(['mentoring', 'unblocking', 'review'] as const)(
      'is not raised when a week holds %s',
      (kind) => {
        const r = run({
          checkins: busy,
          entries: [...ownershipEveryWeek, entry(2, kind)],
          asOfWeek: 3,
        });
        expect(codes(r)).not.toContain(code);
      },
    );

    it('is not raised at exactly 80% hands-on', () => {
      const r = run({
        checkins: [...busy.slice(0, 3), checkin(3, 80, 2)],
        entries: ownershipEveryWeek,
        asOfWeek: 3,
      });
      expect(codes(r)).not.toContain(code);
    });

    it('looks only at the check-in weeks themselves', () => {
      // Mentoring in week 1, which has no check-in, does not clear weeks 0, 2, 3 and 4.
      const r = run({
        checkins: [checkin(0, 90), checkin(2, 90), checkin(3, 90), checkin(4, 90)],
        entries: [entry(1, 'mentoring'), ...[0, 1, 2, 3, 4].map((i) => entry(i, 'ownership'))],
        asOfWeek: 4,
      });
      expect(codes(r)).toContain(code);
    });
  });

  describe('mentoring-ad-hoc', () => {
    const code = 'mentoring-ad-hoc';
    const ownership = (from: number, to: number) => {
      const out: TestEntry[] = [];
      for (let i = from; i <= to; i++) out.push(entry(i, 'ownership'));
      return out;
    };
    const mentoringIn = (...weeks: number[]) => weeks.map((i) => entry(i, 'mentoring'));
    // Ownership alone makes a week consistent here, so the last week is not in progress.
    const run = runWith({ requiredKinds: ['ownership'] });

    it('is raised when mentoring shows in fewer than half of the last 8 weeks', () => {
      const r = run({ entries: [...ownership(0, 7), ...mentoringIn(0, 2, 4)], asOfWeek: 7 });
      expect(signal(r, code)).toEqual(expected(code));
    });

    it('is not raised at exactly half', () => {
      const r = run({ entries: [...ownership(0, 7), ...mentoringIn(0, 2, 4, 6)], asOfWeek: 7 });
      expect(codes(r)).not.toContain(code);
    });

    it('is not raised with fewer than 8 non-leave weeks', () => {
      expect(codes(run({ entries: ownership(0, 6), asOfWeek: 6 }))).not.toContain(code);
      expect(
        codes(run({ entries: ownership(0, 7), checkins: [leave(3)], asOfWeek: 7 })),
      ).not.toContain(code);
    });

    it('looks at the last 8 non-leave weeks only', () => {
      expect(
        codes(
          run({ entries: [...ownership(0, 9), ...mentoringIn(0, 1, 2, 3, 4, 5)], asOfWeek: 9 }),
        ),
      ).not.toContain(code);
      expect(
        codes(run({ entries: [...ownership(0, 9), ...mentoringIn(0, 1, 2, 3, 4)], asOfWeek: 9 })),
      ).toContain(code);
      // With week 9 on leave, the last 8 non-leave weeks are 1-8, holding mentoring in 1-4.
      expect(
        codes(
          run({
            entries: [...ownership(0, 9), ...mentoringIn(0, 1, 2, 3, 4, 9)],
            checkins: [leave(9)],
            asOfWeek: 9,
          }),
        ),
      ).not.toContain(code);
    });
  });

  describe('stale', () => {
    const code = 'stale';

    it('is raised with no evidence in the last 2 non-leave weeks', () => {
      const r = run({ entries: fullWeek(week(0)), asOfWeek: 2 });
      expect(signal(r, code)).toEqual(expected(code));
    });

    it('is not raised when one of the last 2 weeks has evidence', () => {
      expect(codes(run({ entries: fullWeek(week(0)), asOfWeek: 1 }))).not.toContain(code);
      expect(
        codes(run({ entries: [entry(2, 'feedback')], checkins: [checkin(0)], asOfWeek: 3 })),
      ).not.toContain(code);
    });

    it('is not raised with a single week of history', () => {
      expect(codes(run({ checkins: [checkin(0)], asOfWeek: 0 }))).not.toContain(code);
    });

    it('skips leave weeks and ignores evidence dated in them', () => {
      const r = run({
        entries: [...fullWeek(week(0)), entry(2, 'ownership')],
        checkins: [leave(2)],
        asOfWeek: 3,
      });
      expect(codes(r)).toContain(code);
    });
  });

  it('raises several at once in a fixed order', () => {
    const r = run({
      checkins: [0, 1, 2, 3, 4, 5, 6, 7, 8].map((i) => checkin(i, 95, 0)),
      asOfWeek: 8,
      facts: { hasManager: true, agreementConfirmedOn: null },
    });
    expect(codes(r)).toEqual([
      'losing-technical-currency',
      'doing-not-enabling',
      'mentoring-ad-hoc',
      'stale',
      'avoiding-difficult-conversations',
      'unclear-em-boundary',
    ]);
    expect(r.signals).toEqual(codes(r).map(expected));
  });

  it('raises nothing for a healthy history', () => {
    const r = run({
      entries: [...fullWeeks(0, 9), entry(3, 'feedback'), entry(8, 'feedback')],
      checkins: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => checkin(i)),
      asOfWeek: 9,
      facts: { hasManager: true, agreementConfirmedOn: week(2) },
    });
    expect(r.signals).toEqual([]);
  });

  it("has one sentence per message for each side, the engineer's and the manager's", () => {
    for (const messages of [SIGNAL_MESSAGES, SIGNAL_MANAGER_MESSAGES]) {
      for (const message of Object.values(messages)) expect(message).toMatch(/^[A-Z][^.]*\.$/);
      expect(Object.keys(messages)).toEqual([...SIGNAL_CODES]);
    }
    for (const code of SIGNAL_CODES) {
      expect(SIGNAL_MANAGER_MESSAGES[code]).not.toBe(SIGNAL_MESSAGES[code]);
    }
  });
});

describe('statusOf', () => {
  const current = notStartedIn(week(0));
  it('reads building, consistent or ready', () => {
    expect(statusOf(current)).toBe('building');
    expect(statusOf({ ...current, consistent: true, streak: 3 })).toBe('consistent');
    expect(statusOf({ ...current, consistent: true, streak: 26, ready: true })).toBe('ready');
  });
});

describe('policy', () => {
  it('defaults to five kinds, a 4-week window and 26 weeks', () => {
    expect(DEFAULT_POLICY).toEqual({
      requiredKinds: ['ownership', 'review', 'proposal', 'mentoring', 'communication'],
      windowWeeks: 4,
      thresholdWeeks: 26,
      requireVisibility: false,
    });
    expect(Object.isFrozen(DEFAULT_POLICY)).toBe(true);
    expect(POLICY_LIMITS).toEqual({
      windowWeeks: { min: 1, max: 52 },
      thresholdWeeks: { min: 1, max: 104 },
      requiredKinds: { min: 1, max: 7 },
    });
  });

  it('rejects policies and dates the model cannot use', () => {
    const bad: Partial<Policy>[] = [
      { windowWeeks: 0 },
      { thresholdWeeks: 1.5 },
      { requiredKinds: [] },
      { requiredKinds: ['leadership' as EvidenceKind] },
    ];
    for (const policy of bad) expect(() => run({ policy, asOfWeek: 0 })).toThrow(RangeError);
    expect(() =>
      computeReadiness({ policy: DEFAULT_POLICY, asOf: '2026-02-30', weeks: [], checkins: [] }),
    ).toThrow(RangeError);
  });
});
