// Owns test fixtures: builds readiness inputs from entry-level data, the way the API would.

import type { EvidenceKind } from './kinds';
import { DEFAULT_POLICY, type Policy } from './policy';
import {
  type CheckinInput,
  type CurrentStatus,
  computeReadiness,
  type PersonFacts,
  type Readiness,
  type ReadinessInput,
  type SignalCode,
  type WeekAggregate,
} from './readiness';
import { addDays, addWeeks, type IsoDate, weekStartOf } from './week';

export interface TestEntry {
  on: IsoDate;
  kinds: EvidenceKind[];
  ack?: boolean;
}

/** Monday 2026-01-05: week(0). Examples count weeks from here so dates stay readable. */
export const BASE_WEEK = '2026-01-05';

export function week(i: number): IsoDate {
  return addWeeks(BASE_WEEK, i);
}

// The current status of someone with nothing in a week: the model's own (tests/api checks
// its literal shape through the API).
export { notStartedIn } from './readiness';

/** Aggregates entries per ISO week exactly as WeekAggregate documents it. */
export function aggregate(entries: TestEntry[]): WeekAggregate[] {
  const byWeek = new Map<IsoDate, WeekAggregate>();
  for (const e of entries) {
    const weekStart = weekStartOf(e.on);
    let agg = byWeek.get(weekStart);
    if (!agg) {
      agg = { weekStart, counts: {}, entries: 0, acknowledgedEntries: 0 };
      byWeek.set(weekStart, agg);
    }
    for (const k of new Set(e.kinds)) agg.counts[k] = (agg.counts[k] ?? 0) + 1;
    agg.entries += 1;
    if (e.ack) agg.acknowledgedEntries += 1;
  }
  return [...byWeek.values()];
}

/** Two entries that together show all five default kinds (one of them shows three). */
export function fullWeek(weekStart: IsoDate, ack = false): TestEntry[] {
  return [
    { on: weekStart, kinds: ['ownership', 'review', 'proposal'], ack },
    { on: weekStart, kinds: ['mentoring', 'communication'], ack },
  ];
}

/** `fullWeek` for weeks from..to (inclusive, indices as in `week`). */
export function fullWeeks(from: number, to: number): TestEntry[] {
  const out: TestEntry[] = [];
  for (let i = from; i <= to; i++) out.push(...fullWeek(week(i)));
  return out;
}

/** A worked example: entries and check-ins by week index, asOf the Wednesday of `asOfWeek`. */
export interface Scenario {
  entries?: TestEntry[];
  checkins?: CheckinInput[];
  /** Aggregates given as they are, besides those of `entries`. */
  weeks?: WeekAggregate[];
  asOfWeek: number;
  policy?: Partial<Policy>;
  facts?: PersonFacts;
}

export function inputOf(s: Scenario): ReadinessInput {
  return {
    policy: { ...DEFAULT_POLICY, ...s.policy },
    asOf: addDays(week(s.asOfWeek), 2),
    weeks: [...aggregate(s.entries ?? []), ...(s.weeks ?? [])],
    checkins: s.checkins ?? [],
    ...(s.facts ? { facts: s.facts } : {}),
  };
}

/** The model's answer for a worked example. */
export function run(s: Scenario): Readiness {
  return computeReadiness(inputOf(s));
}

/** `run` under `policy`, which a scenario's own policy fields override. */
export function runWith(policy: Partial<Policy>): (s: Scenario) => Readiness {
  return (s) => run({ ...s, policy: { ...policy, ...s.policy } });
}

export const streaks = (r: Readiness): number[] => r.weeks.map((w) => w.streak);

export const codes = (r: Readiness): SignalCode[] => r.signals.map((s) => s.code);

/**
 * The whole current status of week i, weeks given as indices as `week` takes them: a pending
 * week is not yet consistent, any other is; ready means having reached the threshold in
 * week `readySince`.
 */
export function currentIn(
  i: number,
  s: { pending?: boolean; streak: number; readySince?: number; projectedReadyOn: number | null },
): CurrentStatus {
  const pending = s.pending ?? false;
  return {
    weekStart: week(i),
    pending,
    consistent: !pending,
    streak: s.streak,
    ready: s.readySince !== undefined,
    readySince: s.readySince === undefined ? null : week(s.readySince),
    projectedReadyOn: s.projectedReadyOn === null ? null : week(s.projectedReadyOn),
  };
}

/** An entry on the Tuesday of week i. */
export function entry(i: number, ...kinds: EvidenceKind[]): TestEntry {
  return { on: addDays(week(i), 1), kinds };
}

export function leave(i: number): CheckinInput {
  return { weekStart: week(i), handsOnPercent: 0, deepWorkBlocks: 0, onLeave: true };
}

export function checkin(i: number, handsOnPercent = 50, deepWorkBlocks = 2): CheckinInput {
  return { weekStart: week(i), handsOnPercent, deepWorkBlocks, onLeave: false };
}
