// Owns the readiness model: windows, consistency, streaks, the current status and signals.

import { EVIDENCE_KINDS, type EvidenceKind, isEvidenceKind } from './kinds';
import type { Policy } from './policy';
import { addWeeks, type IsoDate, isIsoDate, weekStartOf, weeksBetween } from './week';

/** One week of a user's evidence, already aggregated (the API builds it from entries). */
export interface WeekAggregate {
  weekStart: IsoDate;
  /** Entries of that week holding each kind; an entry holding several kinds counts in each. */
  counts: Partial<Record<EvidenceKind, number>>;
  /** Distinct entries that week. */
  entries: number;
  /** Entries with at least one acknowledgement. */
  acknowledgedEntries: number;
}

export interface CheckinInput {
  weekStart: IsoDate;
  handsOnPercent: number;
  deepWorkBlocks: number;
  onLeave: boolean;
}

/** Inputs may come in any order and may reach past `asOf`'s week; that part is ignored. */
export interface ReadinessInput {
  policy: Policy;
  asOf: IsoDate;
  weeks: WeekAggregate[];
  checkins: CheckinInput[];
}

export interface WeekRow {
  weekStart: IsoDate;
  onLeave: boolean;
  /** All seven kinds, zeros included. */
  counts: Record<EvidenceKind, number>;
  missingKinds: EvidenceKind[];
  consistent: boolean;
  streak: number;
  ready: boolean;
  visibility: number | null;
}

export interface CurrentStatus {
  weekStart: IsoDate;
  consistent: boolean;
  streak: number;
  ready: boolean;
  readySince: IsoDate | null;
  projectedReadyOn: IsoDate | null;
}

export type SignalCode =
  | 'losing-technical-currency'
  | 'doing-not-enabling'
  | 'mentoring-ad-hoc'
  | 'stale';

export interface Signal {
  code: SignalCode;
  message: string;
}

export interface Readiness {
  weeks: WeekRow[];
  current: CurrentStatus;
  signals: Signal[];
}

export type ReadinessStatus = 'building' | 'consistent' | 'ready';

/** One sentence per signal, saying what to do next. */
export const SIGNAL_MESSAGES: Record<SignalCode, string> = Object.freeze({
  'losing-technical-currency':
    'Protect at least one deep-work block this week: three check-ins in a row had none.',
  'doing-not-enabling':
    'Hand a piece of hands-on work to a teammate and spend that time reviewing, mentoring or unblocking: four check-ins in a row were over 80% hands-on with none of that.',
  'mentoring-ad-hoc':
    'Set up a recurring mentoring slot with a less senior engineer: mentoring showed up in fewer than half of the last eight weeks.',
  stale: 'Log what you did this week: no evidence was recorded in the last two weeks.',
});

// Signal look-backs, from PRODUCT.md "Signals".
const DEEP_WORK_CHECKINS = 3;
const HANDS_ON_CHECKINS = 4;
const HANDS_ON_LIMIT = 80;
const ENABLING_KINDS: readonly EvidenceKind[] = ['mentoring', 'unblocking', 'review'];
const MENTORING_WEEKS = 8;
const STALE_WEEKS = 2;
const VISIBILITY_BAR = 0.5;

interface Slot {
  counts: Record<EvidenceKind, number>;
  entries: number;
  acknowledged: number;
  checkin: CheckinInput | undefined;
}

function zeroCounts(): Record<EvidenceKind, number> {
  return {
    ownership: 0,
    review: 0,
    proposal: 0,
    mentoring: 0,
    communication: 0,
    unblocking: 0,
    feedback: 0,
  };
}

function hasEvidence(slot: Slot): boolean {
  return slot.entries > 0 || EVIDENCE_KINDS.some((k) => slot.counts[k] > 0);
}

function hasEvidenceAggregate(week: WeekAggregate): boolean {
  return week.entries > 0 || EVIDENCE_KINDS.some((k) => (week.counts[k] ?? 0) > 0);
}

function assertPositiveInteger(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`policy.${name} must be a positive integer, got ${value}`);
  }
}

// Canonical kind order, so rows and missingKinds read the same whatever order the policy lists.
function requiredKindsOf(policy: Policy): EvidenceKind[] {
  for (const k of policy.requiredKinds) {
    if (!isEvidenceKind(k)) throw new RangeError(`policy.requiredKinds: unknown kind ${k}`);
  }
  const required = EVIDENCE_KINDS.filter((k) => policy.requiredKinds.includes(k));
  if (required.length === 0) throw new RangeError('policy.requiredKinds must not be empty');
  return required;
}

/** Builds the readiness timeline, the current status and the signals for one user. */
export function computeReadiness(input: ReadinessInput): Readiness {
  const { policy, asOf } = input;
  if (!isIsoDate(asOf)) throw new RangeError(`asOf is not a YYYY-MM-DD date: ${asOf}`);
  assertPositiveInteger(policy.windowWeeks, 'windowWeeks');
  assertPositiveInteger(policy.thresholdWeeks, 'thresholdWeeks');
  const required = requiredKindsOf(policy);
  const threshold = policy.thresholdWeeks;
  const asOfWeek = weekStartOf(asOf);

  // Offsets are in weeks relative to asOf's week (0 = that week, negative = earlier).
  const weekOffsets = input.weeks.map((w) => weeksBetween(asOfWeek, w.weekStart));
  const checkinOffsets = input.checkins.map((c) => weeksBetween(asOfWeek, c.weekStart));
  let earliest = 1;
  input.weeks.forEach((w, i) => {
    const off = weekOffsets[i] ?? 1;
    if (off <= 0 && off < earliest && hasEvidenceAggregate(w)) earliest = off;
  });
  for (const off of checkinOffsets) if (off <= 0 && off < earliest) earliest = off;

  if (earliest > 0) return { weeks: [], current: notStarted(asOfWeek), signals: [] };

  const length = 1 - earliest;
  const start = addWeeks(asOfWeek, earliest);
  const slots: Slot[] = Array.from({ length }, () => ({
    counts: zeroCounts(),
    entries: 0,
    acknowledged: 0,
    checkin: undefined,
  }));
  input.weeks.forEach((w, i) => {
    const slot = slots[(weekOffsets[i] ?? 1) - earliest];
    if (!slot) return;
    // Several aggregates for one week are summed, so callers may pre-aggregate in chunks.
    for (const k of EVIDENCE_KINDS) slot.counts[k] += w.counts[k] ?? 0;
    slot.entries += w.entries;
    slot.acknowledged += w.acknowledgedEntries;
  });
  input.checkins.forEach((c, i) => {
    const slot = slots[(checkinOffsets[i] ?? 1) - earliest];
    // One check-in per week is expected; with duplicates the later one in input order wins.
    if (slot) slot.checkin = c;
  });

  const rows: WeekRow[] = [];
  // Sliding window over non-leave weeks: a queue of slot indices plus running sums,
  // so each week costs O(kinds) however long the history.
  const queue: number[] = [];
  let head = 0;
  const windowCounts = zeroCounts();
  let windowEntries = 0;
  let windowAcknowledged = 0;

  let prevStreak = 0;
  let prevReady = false;
  let runReadySince: IsoDate | null = null;
  let current: CurrentStatus | null = null;
  const activeSlots: Slot[] = [];

  for (let i = 0; i < length; i++) {
    const slot = slots[i] as Slot;
    const weekStart = addWeeks(start, i);
    if (slot.checkin?.onLeave) {
      rows.push({
        weekStart,
        onLeave: true,
        counts: { ...slot.counts },
        missingKinds: [],
        consistent: false,
        streak: prevStreak,
        ready: prevReady,
        visibility: null,
      });
      continue;
    }

    queue.push(i);
    for (const k of EVIDENCE_KINDS) windowCounts[k] += slot.counts[k];
    windowEntries += slot.entries;
    // Clamped so bad input cannot push visibility above 1.
    windowAcknowledged += Math.min(slot.acknowledged, slot.entries);
    if (queue.length - head > policy.windowWeeks) {
      const old = slots[queue[head] as number] as Slot;
      head++;
      for (const k of EVIDENCE_KINDS) windowCounts[k] -= old.counts[k];
      windowEntries -= old.entries;
      windowAcknowledged -= Math.min(old.acknowledged, old.entries);
    }

    const missingKinds = required.filter((k) => windowCounts[k] <= 0);
    const visibility = windowEntries > 0 ? windowAcknowledged / windowEntries : null;
    const consistent =
      missingKinds.length === 0 &&
      (!policy.requireVisibility || (visibility !== null && visibility >= VISIBILITY_BAR));
    const streak = consistent ? prevStreak + 1 : 0;
    const ready = streak >= threshold;
    // Each run passes through streak === threshold before it can be ready, so this always
    // holds the current run's week by the time readySince is read.
    if (streak === threshold) runReadySince = weekStart;

    rows.push({
      weekStart,
      onLeave: false,
      counts: { ...slot.counts },
      missingKinds,
      consistent,
      streak,
      ready,
      visibility,
    });
    activeSlots.push(slot);
    prevStreak = streak;
    prevReady = ready;
    current = {
      weekStart,
      consistent,
      streak,
      ready,
      readySince: ready ? runReadySince : null,
      // Every week after `current` up to asOf's week is a leave week (current is the last
      // non-leave one), and later weeks are assumed not on leave: so count on from asOf's week.
      projectedReadyOn: ready
        ? runReadySince
        : consistent
          ? addWeeks(asOfWeek, threshold - streak)
          : null,
    };
  }

  return {
    weeks: rows,
    current: current ?? notStarted(asOfWeek),
    signals: signalsOf(activeSlots),
  };
}

function notStarted(weekStart: IsoDate): CurrentStatus {
  return {
    weekStart,
    consistent: false,
    streak: 0,
    ready: false,
    readySince: null,
    projectedReadyOn: null,
  };
}

// `active` holds the non-leave weeks up to the current one, oldest first.
function signalsOf(active: Slot[]): Signal[] {
  const checkins: { checkin: CheckinInput; slot: Slot }[] = [];
  for (const slot of active) if (slot.checkin) checkins.push({ checkin: slot.checkin, slot });

  const raised = new Set<SignalCode>();
  const lastCheckins = (n: number) => (checkins.length >= n ? checkins.slice(-n) : null);

  const deepWork = lastCheckins(DEEP_WORK_CHECKINS);
  if (deepWork?.every(({ checkin }) => checkin.deepWorkBlocks < 1)) {
    raised.add('losing-technical-currency');
  }

  const handsOn = lastCheckins(HANDS_ON_CHECKINS);
  if (
    handsOn?.every(
      ({ checkin, slot }) =>
        checkin.handsOnPercent > HANDS_ON_LIMIT && ENABLING_KINDS.every((k) => slot.counts[k] <= 0),
    )
  ) {
    raised.add('doing-not-enabling');
  }

  if (active.length >= MENTORING_WEEKS) {
    const mentored = active.slice(-MENTORING_WEEKS).filter((s) => s.counts.mentoring > 0).length;
    if (mentored * 2 < MENTORING_WEEKS) raised.add('mentoring-ad-hoc');
  }

  if (active.length >= STALE_WEEKS && active.slice(-STALE_WEEKS).every((s) => !hasEvidence(s))) {
    raised.add('stale');
  }

  return (Object.keys(SIGNAL_MESSAGES) as SignalCode[])
    .filter((code) => raised.has(code))
    .map((code) => ({ code, message: SIGNAL_MESSAGES[code] }));
}

/** The status word the dashboard shows: Ready beats Consistent beats Building. */
export function statusOf(current: CurrentStatus): ReadinessStatus {
  if (current.ready) return 'ready';
  if (current.consistent) return 'consistent';
  return 'building';
}
