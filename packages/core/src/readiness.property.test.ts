// Tests invariants of the readiness model over generated histories, and checks it against a
// naive reference (property-support.ts): the timeline and readiness, the week in progress
// (rule 8) and the cheap path; then the model's scale.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EVIDENCE_KINDS, type EvidenceKind } from './kinds';
import {
  compute,
  forAllHistories,
  historyArb,
  inputOf,
  kindsArb,
  OLD_CODES,
  reference,
  withPreviousStreak,
} from './property-support';
import { computeCurrent, computeReadiness, type Readiness } from './readiness';
import { aggregate, type TestEntry, week } from './test-support';
import { addDays, addWeeks } from './week';

// Hundreds of generated histories each, against a deliberately slow reference: on a loaded
// machine that takes longer than vitest's default 5 s.
describe('readiness properties', { timeout: 60_000 }, () => {
  const runs = { numRuns: 400 };

  it('matches the naive reference model exactly', () => {
    forAllHistories(runs, (h) => {
      expect(compute(h)).toEqual(reference(h));
    });
  });

  it('never lets a streak exceed the non-leave weeks so far', () => {
    forAllHistories(runs, (h) => {
      let nonLeave = 0;
      for (const row of compute(h).weeks) {
        if (!row.onLeave) nonLeave++;
        expect(row.streak).toBeLessThanOrEqual(nonLeave);
      }
    });
  });

  it('resets the streak exactly on ended non-consistent weeks, else adds one to the previous non-leave week', () => {
    forAllHistories(runs, (h) => {
      for (const { row, previous } of withPreviousStreak(compute(h).weeks)) {
        if (row.onLeave) continue;
        const expected = row.consistent ? previous + 1 : row.pending ? previous : 0;
        expect(row.streak).toBe(expected);
      }
    });
  });

  it('makes leave rows repeat the previous non-leave streak and readiness', () => {
    forAllHistories(runs, (h) => {
      for (const { row, previous } of withPreviousStreak(compute(h).weeks)) {
        if (!row.onLeave) continue;
        expect(row).toMatchObject({
          consistent: false,
          missingKinds: [],
          visibility: null,
          streak: previous,
          ready: previous >= h.policy.thresholdWeeks,
        });
      }
    });
  });

  it('is ready exactly when the streak reaches the threshold', () => {
    forAllHistories(runs, (h) => {
      const r = compute(h);
      for (const row of r.weeks) expect(row.ready).toBe(row.streak >= h.policy.thresholdWeeks);
      expect(r.current.ready).toBe(r.current.streak >= h.policy.thresholdWeeks);
    });
  });

  it('never lowers a streak when evidence is added (acknowledged evidence when visibility is required)', () => {
    const extraArb = fc.record({
      weekIndex: fc.integer({ min: -3, max: 55 }),
      kinds: kindsArb,
      ack: fc.boolean(),
      day: fc.integer({ min: 0, max: 6 }),
    });
    fc.assert(
      fc.property(historyArb(), extraArb, (h, x) => {
        // An unacknowledged entry can lower visibility, and so consistency when it is required.
        const ack = x.ack || h.policy.requireVisibility;
        const before = compute(h);
        const after = compute(h, [{ on: addDays(week(x.weekIndex), x.day), kinds: x.kinds, ack }]);
        const afterByWeek = new Map(after.weeks.map((row) => [row.weekStart, row]));
        for (const row of before.weeks) {
          expect(afterByWeek.get(row.weekStart)?.streak).toBeGreaterThanOrEqual(row.streak);
        }
        expect(after.current.streak).toBeGreaterThanOrEqual(before.current.streak);
      }),
      runs,
    );
  });

  it('is monotone in the threshold: ready at t implies ready at t - 1', () => {
    fc.assert(
      fc.property(historyArb(2), (h) => {
        const atT = compute(h);
        const lower = compute({
          ...h,
          policy: { ...h.policy, thresholdWeeks: h.policy.thresholdWeeks - 1 },
        });
        atT.weeks.forEach((row, i) => {
          if (row.ready) expect(lower.weeks[i]?.ready).toBe(true);
        });
        if (atT.current.ready) expect(lower.current.ready).toBe(true);
      }),
      runs,
    );
  });

  it('covers consecutive Mondays up to the week of asOf, whatever the input order', () => {
    fc.assert(
      fc.property(historyArb(), fc.integer(), (h, seed) => {
        const input = inputOf(h);
        const r = computeReadiness(input);
        const rows = r.weeks;
        if (rows.length > 0) {
          expect(rows[rows.length - 1]?.weekStart).toBe(week(h.asOfIndex));
          rows.forEach((row, i) => {
            expect(row.weekStart).toBe(addWeeks(rows[0]?.weekStart as string, i));
          });
        }
        const shuffle = <T>(xs: T[]) =>
          xs
            .map((x, i) => ({ x, key: Math.imul(i + 1, seed | 1) ^ seed }))
            .sort((a, b) => a.key - b.key)
            .map((e) => e.x);
        const shuffled = computeReadiness({
          ...input,
          weeks: shuffle(input.weeks),
          checkins: shuffle(input.checkins),
        });
        expect(shuffled).toEqual(r);
      }),
      runs,
    );
  });

  it('ignores everything after the week of asOf', () => {
    forAllHistories(runs, (h) => {
      const truncated = { ...h, weeks: h.weeks.slice(0, h.asOfIndex + 1) };
      expect(compute(h)).toEqual(compute(truncated));
    });
  });

  it('keeps current, readySince and the projection coherent with the rows', () => {
    forAllHistories(runs, (h) => {
      const { weeks: rows, current } = compute(h);
      const active = rows.filter((row) => !row.onLeave);
      const last = active[active.length - 1];
      if (!last) {
        expect(current.streak).toBe(0);
        return;
      }
      expect(current).toMatchObject({
        weekStart: last.weekStart,
        pending: last.pending,
        consistent: last.consistent,
        streak: last.streak,
        ready: last.ready,
      });
      if (current.ready) {
        const since = rows.find((row) => row.weekStart === current.readySince);
        expect(since).toMatchObject({
          onLeave: false,
          pending: false,
          streak: h.policy.thresholdWeeks,
        });
        expect(current.projectedReadyOn).toBe(current.readySince);
      } else {
        expect(current.readySince).toBeNull();
        if (current.consistent) {
          expect((current.projectedReadyOn ?? '') > week(h.asOfIndex)).toBe(true);
        } else if (current.pending && current.streak > 0) {
          // As if this week became consistent: it may be the week that reaches the threshold.
          expect((current.projectedReadyOn ?? '') >= week(h.asOfIndex)).toBe(true);
        } else {
          expect(current.projectedReadyOn).toBeNull();
        }
      }
    });
  });
});

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
