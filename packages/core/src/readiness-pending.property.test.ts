// Tests the week in progress (rule 8), the model's cheap path and its scale over generated
// histories, against the naive reference of property-support.ts.
import { describe, expect, it } from 'vitest';
import { EVIDENCE_KINDS, type EvidenceKind } from './kinds';
import {
  compute,
  forAllHistories,
  inputOf,
  OLD_CODES,
  reference,
  withPreviousStreak,
} from './property-support';
import { computeCurrent, computeReadiness, type Readiness } from './readiness';
import { aggregate, type TestEntry, week } from './test-support';

describe('the week in progress (rule 8) and the cheap path', { timeout: 60_000 }, () => {
  const runs = { numRuns: 300 };

  it('is only ever the last week: pending exactly when it is not on leave and not consistent', () => {
    forAllHistories(runs, (h) => {
      const rows = compute(h).weeks;
      rows.forEach((row, i) => {
        const last = i === rows.length - 1;
        expect(row.pending).toBe(last && !row.onLeave && !row.consistent);
      });
    });
  });

  it('never lowers the streak shown below the week before', () => {
    forAllHistories(runs, (h) => {
      const { weeks, current } = compute(h);
      const rows = withPreviousStreak(weeks);
      for (const { row, previous } of rows) {
        if (!row.pending) continue;
        expect(row.streak).toBe(previous);
        expect(row.ready).toBe(previous >= h.policy.thresholdWeeks);
      }
      const last = rows[rows.length - 1];
      if (last && !last.row.onLeave) expect(current.streak).toBeGreaterThanOrEqual(last.previous);
    });
  });

  it('counts the last week once it is consistent, and it is no longer pending', () => {
    forAllHistories(runs, (h) => {
      const before = compute(h);
      const last = before.weeks[before.weeks.length - 1];
      if (!last?.pending) return;
      const carried = last.streak;
      // Every required kind this week, acknowledged: consistent unless an unacknowledged
      // window keeps visibility under the bar.
      const fill = h.policy.requiredKinds.map((k) => ({
        on: week(h.asOfIndex),
        kinds: [k],
        ack: true,
      }));
      let after = compute(h, fill);
      for (let i = 0; i < 8 && after.current.pending; i++) {
        after = compute(h, [...fill, ...Array.from({ length: 8 * (i + 1) }, () => fill).flat()]);
      }
      const row = after.weeks[after.weeks.length - 1];
      expect(row).toMatchObject({ pending: false, consistent: true, streak: carried + 1 });
      expect(after.current).toMatchObject({
        pending: false,
        consistent: true,
        streak: carried + 1,
      });
      // What it projected while pending (with a streak to carry) is what it projects now.
      if (carried > 0) {
        expect(after.current.projectedReadyOn).toBe(before.current.projectedReadyOn);
      } else {
        expect(before.current.projectedReadyOn).toBeNull();
      }
    });
  });

  it('equals the model before rule 8 whenever no week is pending', () => {
    forAllHistories(runs, (h) => {
      const now = compute(h);
      if (now.current.pending) return;
      const old = reference(h, 'old');
      expect(now.weeks).toEqual(old.weeks);
      expect(now.current).toEqual(old.current);
      const oldCodes = (r: Readiness) =>
        r.signals.map((s) => s.code).filter((c) => OLD_CODES.includes(c));
      expect(oldCodes(now)).toEqual(oldCodes(old));
    });
  });

  it('computeCurrent answers exactly the current status and signals of computeReadiness', () => {
    forAllHistories(runs, (h) => {
      const full = compute(h);
      expect(computeCurrent(inputOf(h))).toEqual({
        current: full.current,
        signals: full.signals,
      });
    });
  });
});

describe('scale', () => {
  it('handles twenty years of weekly history with a year-long window', () => {
    const weeks = 20 * 52;
    const entries: TestEntry[] = [];
    for (let i = 0; i < weeks; i++) {
      entries.push({
        on: week(i),
        kinds: [EVIDENCE_KINDS[i % 7] as EvidenceKind],
        ack: i % 3 === 0,
      });
    }
    const r = computeReadiness({
      policy: {
        requiredKinds: [...EVIDENCE_KINDS],
        windowWeeks: 52,
        thresholdWeeks: 104,
        requireVisibility: true,
      },
      asOf: week(weeks - 1),
      weeks: aggregate(entries),
      checkins: [],
    });
    expect(r.weeks).toHaveLength(weeks);
    // Weeks 0-5 miss a kind; from week 6 every window holds all seven, a third acknowledged.
    expect(r.current.streak).toBe(0);
    expect(r.weeks[6]?.missingKinds).toEqual([]);
  });
});
