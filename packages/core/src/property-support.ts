// The generated histories and the naive reference model the readiness property tests
// (readiness.property.test.ts) check the model against.
import fc from 'fast-check';
import { DEFAULT_REQUIRED_KINDS, EVIDENCE_KINDS, type EvidenceKind } from './kinds';
import type { Policy } from './policy';
import {
  type CheckinInput,
  computeReadiness,
  type PersonFacts,
  type Readiness,
  type ReadinessInput,
  SIGNAL_CODES,
  SIGNAL_MANAGER_MESSAGES,
  SIGNAL_MESSAGES,
  type SignalCode,
  type WeekRow,
} from './readiness';
import { aggregate, notStartedIn, type TestEntry, week } from './test-support';
import { addDays } from './week';

export interface GenEntry {
  kinds: EvidenceKind[];
  ack: boolean;
  day: number;
}

export interface GenWeek {
  onLeave: boolean;
  checkin: { handsOnPercent: number; deepWorkBlocks: number } | null;
  entries: GenEntry[];
}

export interface History {
  policy: Policy;
  weeks: GenWeek[];
  asOfIndex: number;
  asOfDay: number;
  hasManager: boolean;
  /** The working agreement's confirmation, as a week index and day, or null. */
  agreement: { week: number; day: number } | null;
}

export const kindsArb = fc.subarray([...EVIDENCE_KINDS], { minLength: 1, maxLength: 3 });

// Entries draw their kinds from a per-history palette: histories then range from always
// consistent (palette covers the required kinds) to never, and some lack enabling kinds.
export interface Habits {
  palette: EvidenceKind[];
  leaveOneIn: number;
  handsOnMin: number;
  deepWorkMax: number;
}

export function weekArb({
  palette,
  leaveOneIn,
  handsOnMin,
  deepWorkMax,
}: Habits): fc.Arbitrary<GenWeek> {
  const entryArb: fc.Arbitrary<GenEntry> = fc.record({
    kinds: fc.subarray(palette, { minLength: 1, maxLength: Math.min(3, palette.length) }),
    ack: fc.boolean(),
    day: fc.integer({ min: 0, max: 6 }),
  });
  return fc.record({
    onLeave: fc.integer({ min: 1, max: leaveOneIn }).map((n) => leaveOneIn > 1 && n === 1),
    checkin: fc.option(
      fc.record({
        handsOnPercent: fc.integer({ min: handsOnMin, max: 100 }),
        deepWorkBlocks: fc.integer({ min: 0, max: deepWorkMax }),
      }),
      { nil: null, freq: 3 },
    ),
    entries: fc.oneof(
      { weight: 1, arbitrary: fc.constant<GenEntry[]>([]) },
      { weight: 5, arbitrary: fc.array(entryArb, { minLength: 1, maxLength: 4 }) },
    ),
  });
}

export function historyArb(minThreshold = 1): fc.Arbitrary<History> {
  return fc
    .record({
      palette: fc.subarray([...EVIDENCE_KINDS], { minLength: 1 }),
      // 1 means no leave at all; otherwise about one week in leaveOneIn is leave.
      leaveOneIn: fc.integer({ min: 1, max: 8 }),
      // Per-history habits, so that the check-in signals fire in a fair share of cases.
      handsOnMin: fc.constantFrom(0, 70, 81),
      deepWorkMax: fc.integer({ min: 0, max: 2 }),
      length: fc.integer({ min: 0, max: 50 }),
      // asOf usually lands inside the data, sometimes before its end (the rest must be
      // ignored) or a few weeks after it.
      asOfShift: fc.oneof(fc.constant(0), fc.integer({ min: -8, max: 3 })),
      asOfDay: fc.integer({ min: 0, max: 6 }),
    })
    .chain(({ length, asOfShift, asOfDay, ...habits }) =>
      fc.record({
        policy: fc.record({
          requiredKinds: fc.oneof(
            fc.subarray(habits.palette, {
              minLength: 1,
              maxLength: Math.min(4, habits.palette.length),
            }),
            fc.subarray([...EVIDENCE_KINDS], { minLength: 1, maxLength: 3 }),
            fc.constant<EvidenceKind[]>([...DEFAULT_REQUIRED_KINDS]),
          ),
          windowWeeks: fc.integer({ min: 1, max: 6 }),
          thresholdWeeks: fc.integer({ min: minThreshold, max: 12 }),
          requireVisibility: fc.boolean(),
        }),
        weeks: fc.array(weekArb(habits), { minLength: length, maxLength: length }),
        asOfIndex: fc.constant(Math.max(0, length - 1 + asOfShift)),
        asOfDay: fc.constant(asOfDay),
        hasManager: fc.boolean(),
        agreement: fc.option(
          fc.record({
            week: fc.integer({ min: length - 35, max: length + 1 }),
            day: fc.integer({ min: 0, max: 6 }),
          }),
        ),
      }),
    );
}

/** Asserts `check` on generated histories (fast-check shrinks a failing one). */
export function forAllHistories(runs: fc.Parameters<[History]>, check: (h: History) => void) {
  fc.assert(fc.property(historyArb(), check), runs);
}

export function entriesOf(h: History): TestEntry[] {
  return h.weeks.flatMap((w, i) =>
    w.entries.map((e) => ({ on: addDays(week(i), e.day), kinds: e.kinds, ack: e.ack })),
  );
}

export function checkinsOf(h: History): CheckinInput[] {
  const out: CheckinInput[] = [];
  h.weeks.forEach((w, i) => {
    if (!w.onLeave && !w.checkin) return;
    out.push({
      weekStart: week(i),
      handsOnPercent: w.checkin?.handsOnPercent ?? 0,
      deepWorkBlocks: w.checkin?.deepWorkBlocks ?? 0,
      onLeave: w.onLeave,
    });
  });
  return out;
}

export function factsOf(h: History): PersonFacts {
  return {
    hasManager: h.hasManager,
    agreementConfirmedOn: h.agreement ? addDays(week(h.agreement.week), h.agreement.day) : null,
  };
}

export function inputOf(h: History, extra: TestEntry[] = []): ReadinessInput {
  return {
    policy: h.policy,
    asOf: addDays(week(h.asOfIndex), h.asOfDay),
    weeks: aggregate([...entriesOf(h), ...extra]),
    checkins: checkinsOf(h),
    facts: factsOf(h),
  };
}

export function compute(h: History, extra: TestEntry[] = []): Readiness {
  return computeReadiness(inputOf(h, extra));
}

/** Each row beside the streak of the nearest earlier non-leave row (0 if none). */
export function withPreviousStreak(rows: WeekRow[]): { row: WeekRow; previous: number }[] {
  let previous = 0;
  return rows.map((row) => {
    const paired = { row, previous };
    if (!row.onLeave) previous = row.streak;
    return paired;
  });
}

export const OLD_CODES: readonly SignalCode[] = [
  'losing-technical-currency',
  'doing-not-enabling',
  'mentoring-ad-hoc',
  'stale',
];

/**
 * The model restated the slow, obvious way: every window and streak recomputed from
 * scratch. `old` is the model before rule 8 and the three newer signals: no week is
 * pending, only the first four signals exist.
 */
export function reference(h: History, model: 'current' | 'old' = 'current'): Readiness {
  const rule8 = model === 'current';
  const required = EVIDENCE_KINDS.filter((k) => h.policy.requiredKinds.includes(k));
  const threshold = h.policy.thresholdWeeks;
  const last = h.asOfIndex;
  const at = (i: number): GenWeek | undefined => (i <= last ? h.weeks[i] : undefined);
  let first = -1;
  for (let i = 0; i <= last; i++) {
    const w = at(i);
    if (w && (w.entries.length > 0 || w.checkin || w.onLeave)) {
      first = i;
      break;
    }
  }
  const notStarted = notStartedIn(week(last));
  if (first < 0) return { weeks: [], current: notStarted, signals: [] };

  const onLeave = (i: number) => at(i)?.onLeave ?? false;
  const countsOf = (i: number) => {
    const counts = Object.fromEntries(EVIDENCE_KINDS.map((k) => [k, 0])) as Record<
      EvidenceKind,
      number
    >;
    for (const e of at(i)?.entries ?? []) for (const k of e.kinds) counts[k] += 1;
    return counts;
  };
  const windowOf = (i: number) => {
    const out: number[] = [];
    for (let j = i; j >= first && out.length < h.policy.windowWeeks; j--)
      if (!onLeave(j)) out.push(j);
    return out;
  };
  const consistentAt = (i: number) => {
    const win = windowOf(i);
    const entries = win.flatMap((j) => at(j)?.entries ?? []);
    const visibility = entries.length ? entries.filter((e) => e.ack).length / entries.length : null;
    const missingKinds = required.filter((k) => !entries.some((e) => e.kinds.includes(k)));
    const consistent =
      missingKinds.length === 0 &&
      (!h.policy.requireVisibility || (visibility !== null && visibility >= 0.5));
    return { missingKinds, visibility, consistent };
  };
  // Rule 8: the week holding asOf, not on leave and not consistent.
  const pending = rule8 && !onLeave(last) && !consistentAt(last).consistent;
  const previousNonLeave = (i: number) => {
    let j = i - 1;
    while (j >= first && onLeave(j)) j--;
    return j;
  };
  const streakAt = (i: number): number => {
    if (i < first) return 0;
    if (onLeave(i) || (pending && i === last)) return streakAt(previousNonLeave(i));
    let n = 0;
    for (let j = i; j >= first; j--) {
      if (onLeave(j)) continue;
      if (!consistentAt(j).consistent) break;
      n++;
    }
    return n;
  };

  const rows: WeekRow[] = [];
  for (let i = first; i <= last; i++) {
    const streak = streakAt(i);
    if (onLeave(i)) {
      rows.push({
        weekStart: week(i),
        onLeave: true,
        pending: false,
        counts: countsOf(i),
        missingKinds: [],
        consistent: false,
        streak,
        ready: streak >= threshold,
        visibility: null,
      });
    } else {
      const c = consistentAt(i);
      rows.push({
        weekStart: week(i),
        onLeave: false,
        pending: pending && i === last,
        counts: countsOf(i),
        ...c,
        streak,
        ready: streak >= threshold,
      });
    }
  }

  const active: number[] = [];
  for (let i = first; i <= last; i++) if (!onLeave(i)) active.push(i);
  const cur = active[active.length - 1];
  let current = notStarted;
  if (cur !== undefined) {
    const consistent = !pending && consistentAt(cur).consistent;
    const streak = streakAt(cur);
    const ready = streak >= threshold;
    // readySince: walk back over the run (ending at the week whose streak is shown) to its
    // threshold-th non-leave week.
    const runEnd = pending ? previousNonLeave(cur) : cur;
    const run = active.filter((i) => i <= runEnd).slice(-streak || active.length);
    const readySince = ready ? week(run[threshold - 1] as number) : null;
    let projectedReadyOn: string | null = readySince;
    if (!ready && (consistent || (pending && streak > 0))) {
      // As if a pending week became consistent: it counts one more this week.
      let i = cur;
      let need = threshold - streak - (pending ? 1 : 0);
      while (need > 0) {
        i++;
        if (!onLeave(i)) need--;
      }
      projectedReadyOn = week(i);
    }
    current = {
      weekStart: week(cur),
      pending,
      consistent,
      streak,
      ready,
      readySince,
      projectedReadyOn,
    };
  }

  // The agreement counts when confirmed by asOf and within the 26 weeks ending with its week.
  const agreementFresh =
    h.agreement !== null &&
    (h.agreement.week < last || (h.agreement.week === last && h.agreement.day <= h.asOfDay)) &&
    last - h.agreement.week < 26;
  const raisedOver = (weeks: number[]): Set<SignalCode> => {
    const withCheckin = weeks.filter((i) => at(i)?.checkin);
    const raised = new Set<SignalCode>();
    const lastN = <T>(xs: T[], n: number) => (xs.length >= n ? xs.slice(-n) : null);
    if (lastN(withCheckin, 3)?.every((i) => (at(i)?.checkin?.deepWorkBlocks ?? 0) < 1)) {
      raised.add('losing-technical-currency');
    }
    if (
      lastN(withCheckin, 4)?.every((i) => {
        const counts = countsOf(i);
        return (
          (at(i)?.checkin?.handsOnPercent ?? 0) > 80 &&
          counts.mentoring + counts.unblocking + counts.review === 0
        );
      })
    ) {
      raised.add('doing-not-enabling');
    }
    const last8 = lastN(weeks, 8);
    if (last8 && last8.filter((i) => countsOf(i).mentoring > 0).length < 4) {
      raised.add('mentoring-ad-hoc');
    }
    if (lastN(weeks, 2)?.every((i) => (at(i)?.entries.length ?? 0) === 0)) raised.add('stale');
    if (rule8 && last8) {
      if (last8.every((i) => countsOf(i).feedback === 0)) {
        raised.add('avoiding-difficult-conversations');
      }
      const entries = last8.flatMap((i) => at(i)?.entries ?? []);
      if (
        current.ready &&
        entries.length > 0 &&
        entries.filter((e) => e.ack).length < entries.length / 2
      ) {
        raised.add('unrecognised');
      }
      if (h.hasManager && !agreementFresh) raised.add('unclear-em-boundary');
    }
    return raised;
  };
  const raised = raisedOver(active);
  // A pending week can clear a signal, never raise one.
  if (pending) {
    const without = raisedOver(active.slice(0, -1));
    for (const code of raised) if (!without.has(code)) raised.delete(code);
  }

  return {
    weeks: rows,
    current,
    signals: SIGNAL_CODES.filter((code) => raised.has(code)).map((code) => ({
      code,
      message: SIGNAL_MESSAGES[code],
      managerMessage: SIGNAL_MANAGER_MESSAGES[code],
    })),
  };
}
