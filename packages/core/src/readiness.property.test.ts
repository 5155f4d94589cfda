// Tests invariants of the readiness model over generated histories, and checks it against a
// naive reference (property-support.ts); the week in progress and scale:
// readiness-pending.property.test.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compute,
  forAllHistories,
  historyArb,
  inputOf,
  kindsArb,
  reference,
  withPreviousStreak,
} from './property-support';
import { computeReadiness } from './readiness';
import { week } from './test-support';
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
