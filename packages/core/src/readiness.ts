// Owns the readiness model: windows, consistency, streaks, the week in progress, the current
// status and signals.

import { EVIDENCE_KINDS, type EvidenceKind, isEvidenceKind } from './kinds';
import type { Policy } from './policy';
import { dateOfDayNumber, dayNumberOf, type IsoDate, isIsoDate, mondayNumberOf } from './week';

/** One week of a user's evidence, already aggregated (the API builds it from entries). */
export interface WeekAggregate {
  weekStart: IsoDate;
  /** Entries of that week holding each kind; an entry holding several kinds counts in each. */
  counts: Partial<Record<EvidenceKind, number>>;
  /** Distinct entries that week. */
  entries: number;
  /** Entries with at least one acknowledgement or endorsement. */
  acknowledgedEntries: number;
}

export interface CheckinInput {
  weekStart: IsoDate;
  handsOnPercent: number;
  deepWorkBlocks: number;
  onLeave: boolean;
}

/** What some signals need to know about the person beyond their weeks. */
export interface PersonFacts {
  /** The user has a manager: `unclear-em-boundary` is about that relationship. */
  hasManager: boolean;
  /** The day the working agreement with that manager was last confirmed by both; null when never. */
  agreementConfirmedOn: IsoDate | null;
}

/** Inputs may come in any order and may reach past `asOf`'s week; that part is ignored. */
export interface ReadinessInput {
  policy: Policy;
  asOf: IsoDate;
  weeks: WeekAggregate[];
  checkins: CheckinInput[];
  /** Absent: no manager is known, so `unclear-em-boundary` is never raised. */
  facts?: PersonFacts;
}

export interface WeekRow {
  weekStart: IsoDate;
  onLeave: boolean;
  /** The week in progress, not yet consistent (rule 8): it carries the week before's streak. */
  pending: boolean;
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
  /** The current week is the week in progress and not yet consistent (rule 8). */
  pending: boolean;
  consistent: boolean;
  streak: number;
  ready: boolean;
  readySince: IsoDate | null;
  projectedReadyOn: IsoDate | null;
}

/** How many of the last weeks an answer lists (`weeks`); streaks still span the whole history. */
export const TIMELINE_WEEKS = Object.freeze({ min: 1, max: 520, default: 156 });

/** Every code, in the order signals are listed. */
export const SIGNAL_CODES = Object.freeze([
  'losing-technical-currency',
  'doing-not-enabling',
  'mentoring-ad-hoc',
  'stale',
  'avoiding-difficult-conversations',
  'unrecognised',
  'unclear-em-boundary',
] as const);

export type SignalCode = (typeof SIGNAL_CODES)[number];

export interface Signal {
  code: SignalCode;
  /** For the engineer: what to do next. */
  message: string;
  /** For their manager: what to talk about. */
  managerMessage: string;
}

export interface Readiness {
  weeks: WeekRow[];
  current: CurrentStatus;
  signals: Signal[];
}

/** What the team and organisation views show: `computeCurrent`'s answer. */
export type CurrentReadiness = Pick<Readiness, 'current' | 'signals'>;

export type ReadinessStatus = 'building' | 'consistent' | 'ready';

/** One sentence per signal for the engineer, saying what to do next. */
export const SIGNAL_MESSAGES: Record<SignalCode, string> = Object.freeze({
  'losing-technical-currency':
    'Protect at least one deep-work block this week: three check-ins in a row had none.',
  'doing-not-enabling':
    'Hand a piece of hands-on work to a teammate and spend that time reviewing, mentoring or unblocking: four check-ins in a row were over 80% hands-on with none of that.',
  'mentoring-ad-hoc':
    'Set up a recurring mentoring slot with a less senior engineer: mentoring showed up in fewer than half of the last eight weeks.',
  stale: 'Log what you did this week: no evidence was recorded in the last two weeks.',
  'avoiding-difficult-conversations':
    'Give someone direct, specific feedback or hold the difficult conversation you have been putting off, then log it: none of the last eight weeks shows any.',
  unrecognised:
    'Share your promotion packet with your manager and start the conversation about the title: you are ready, yet fewer than half of your entries in the last eight weeks were acknowledged or endorsed.',
  'unclear-em-boundary':
    'Agree with your manager who owns what between you, from running the sprint to incident command, and both confirm it: no working agreement was confirmed in the last 26 weeks.',
});

/** One sentence per signal for the manager, saying what to talk about. */
export const SIGNAL_MANAGER_MESSAGES: Record<SignalCode, string> = Object.freeze({
  'losing-technical-currency':
    'Ask what keeps them from deep work and how to protect a block each week: their last three check-ins had none.',
  'doing-not-enabling':
    'Talk about which hands-on work they could hand to a teammate to make room for reviewing, mentoring and unblocking: four check-ins in a row were over 80% hands-on with none of that.',
  'mentoring-ad-hoc':
    'Talk about a recurring mentoring relationship with a less senior engineer: mentoring showed up in fewer than half of their last eight weeks.',
  stale:
    'Ask how the last two weeks went and what got in the way of logging: they recorded no evidence in them.',
  'avoiding-difficult-conversations':
    'Ask which piece of direct feedback or difficult conversation they have been putting off, and how you can help them hold it: none of their last eight weeks shows any.',
  unrecognised:
    'Read their promotion packet and start the conversation about the title: they are ready, yet fewer than half of their entries in the last eight weeks were acknowledged or endorsed.',
  'unclear-em-boundary':
    'Agree together who owns what between you, from running the sprint to incident command, and both confirm it: no working agreement was confirmed in the last 26 weeks.',
});

// One shared, frozen object per signal: the model hands out the same ones every time.
const SIGNALS: readonly Signal[] = Object.freeze(
  SIGNAL_CODES.map((code) =>
    Object.freeze({
      code,
      message: SIGNAL_MESSAGES[code],
      managerMessage: SIGNAL_MANAGER_MESSAGES[code],
    }),
  ),
);

// Signal look-backs, from PRODUCT.md "Signals".
const DEEP_WORK_CHECKINS = 3;
const HANDS_ON_CHECKINS = 4;
const HANDS_ON_LIMIT = 80;
const RECENT_WEEKS = 8;
const STALE_WEEKS = 2;
const AGREEMENT_WEEKS = 26;
const VISIBILITY_BAR = 0.5;

const K = EVIDENCE_KINDS.length;
const kindIndex = (k: EvidenceKind) => EVIDENCE_KINDS.indexOf(k);
const OWNERSHIP = kindIndex('ownership');
const REVIEW = kindIndex('review');
const PROPOSAL = kindIndex('proposal');
const MENTORING = kindIndex('mentoring');
const COMMUNICATION = kindIndex('communication');
const UNBLOCKING = kindIndex('unblocking');
const FEEDBACK = kindIndex('feedback');

// Each signal's bit in a mask of raised signals: bit i is SIGNAL_CODES[i].
const SIGNAL_BIT = Object.freeze(
  Object.fromEntries(SIGNAL_CODES.map((code, i) => [code, 1 << i])),
) as Readonly<Record<SignalCode, number>>;

/** `fn` remembered per argument, forgetting everything once `limit` arguments are held. */
function boundedMemo<K, V>(fn: (key: K) => V, limit = 20_000): (key: K) => V {
  const held = new Map<K, V>();
  return (key) => {
    let value = held.get(key);
    if (value === undefined) {
      if (held.size >= limit) held.clear();
      value = fn(key);
      held.set(key, value);
    }
    return value;
  };
}

// Week names by day number, and the other way round: every history names the same few
// hundred Mondays, and formatting or parsing a date is most of what a row would otherwise
// cost. Bounded, so a long-running server cannot grow them without end.
const mondayName: (day: number) => IsoDate = boundedMemo(dateOfDayNumber);
const mondayOf: (date: IsoDate) => number = boundedMemo(mondayNumberOf);

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

/**
 * A history laid out as one slot per week from its first week to asOf's (index 0 = the
 * first): kind counts in flat typed arrays (K per week, EVIDENCE_KINDS order) rather than
 * an object per week, so a long history costs a few allocations.
 */
interface Timeline {
  counts: Float64Array;
  entries: Float64Array;
  acknowledged: Float64Array;
  checkins: (CheckinInput | undefined)[];
  /** Slot indices of the non-leave weeks, oldest first; `activeCount` of them are set. */
  active: Int32Array;
  activeCount: number;
}

function hasEvidence(t: Timeline, i: number): boolean {
  if ((t.entries[i] as number) > 0) return true;
  for (let k = i * K; k < i * K + K; k++) if ((t.counts[k] as number) > 0) return true;
  return false;
}

// Acknowledged entries, clamped so bad input cannot push visibility above 1.
function acknowledgedAt(t: Timeline, i: number): number {
  return Math.min(t.acknowledged[i] as number, t.entries[i] as number);
}

// Named reads rather than a loop over EVIDENCE_KINDS: a computed key is a keyed lookup on
// objects of many shapes, which was most of the model's time (bench).
function addCounts(to: Float64Array, base: number, c: WeekAggregate['counts']): void {
  to[base + OWNERSHIP] = (to[base + OWNERSHIP] as number) + (c.ownership ?? 0);
  to[base + REVIEW] = (to[base + REVIEW] as number) + (c.review ?? 0);
  to[base + PROPOSAL] = (to[base + PROPOSAL] as number) + (c.proposal ?? 0);
  to[base + MENTORING] = (to[base + MENTORING] as number) + (c.mentoring ?? 0);
  to[base + COMMUNICATION] = (to[base + COMMUNICATION] as number) + (c.communication ?? 0);
  to[base + UNBLOCKING] = (to[base + UNBLOCKING] as number) + (c.unblocking ?? 0);
  to[base + FEEDBACK] = (to[base + FEEDBACK] as number) + (c.feedback ?? 0);
}

function countsAt(counts: Float64Array, base: number): Record<EvidenceKind, number> {
  return {
    ownership: counts[base + OWNERSHIP] as number,
    review: counts[base + REVIEW] as number,
    proposal: counts[base + PROPOSAL] as number,
    mentoring: counts[base + MENTORING] as number,
    communication: counts[base + COMMUNICATION] as number,
    unblocking: counts[base + UNBLOCKING] as number,
    feedback: counts[base + FEEDBACK] as number,
  };
}

interface Evaluated {
  rows: WeekRow[] | null;
  current: CurrentStatus;
  signals: Signal[];
}

/** Builds the readiness timeline, the current status and the signals for one user. */
export function computeReadiness(input: ReadinessInput): Readiness {
  const { rows, current, signals } = evaluate(input, true);
  return { weeks: rows ?? [], current, signals };
}

/**
 * Only the current status and the signals (what the team and organisation views show):
 * the same computation as `computeReadiness` without building a row per week.
 */
export function computeCurrent(input: ReadinessInput): CurrentReadiness {
  const { current, signals } = evaluate(input, false);
  return { current, signals };
}

function evaluate(input: ReadinessInput, withRows: boolean): Evaluated {
  const { policy, asOf, facts } = input;
  if (!isIsoDate(asOf)) throw new RangeError(`asOf is not a YYYY-MM-DD date: ${asOf}`);
  assertPositiveInteger(policy.windowWeeks, 'windowWeeks');
  assertPositiveInteger(policy.thresholdWeeks, 'thresholdWeeks');
  const required = requiredKindsOf(policy);
  const requiredIndices = required.map(kindIndex);
  const threshold = policy.thresholdWeeks;
  const windowWeeks = policy.windowWeeks;
  const asOfMonday = mondayNumberOf(asOf);
  const confirmedOn = facts?.agreementConfirmedOn ?? null;
  if (confirmedOn !== null && !isIsoDate(confirmedOn)) {
    throw new RangeError(`agreementConfirmedOn is not a YYYY-MM-DD date: ${confirmedOn}`);
  }

  // Offsets are in weeks relative to asOf's week (0 = that week, negative = earlier).
  const weeksIn = input.weeks;
  const checkinsIn = input.checkins;
  const weekOffsets = new Float64Array(weeksIn.length);
  const checkinOffsets = new Float64Array(checkinsIn.length);
  let earliest = 1;
  for (let i = 0; i < weeksIn.length; i++) {
    const w = weeksIn[i] as WeekAggregate;
    const off = (mondayOf(w.weekStart) - asOfMonday) / 7;
    weekOffsets[i] = off;
    if (off <= 0 && off < earliest && hasEvidenceAggregate(w)) earliest = off;
  }
  for (let i = 0; i < checkinsIn.length; i++) {
    const off = (mondayOf((checkinsIn[i] as CheckinInput).weekStart) - asOfMonday) / 7;
    checkinOffsets[i] = off;
    if (off <= 0 && off < earliest) earliest = off;
  }

  if (earliest > 0) {
    return {
      rows: withRows ? [] : null,
      current: notStartedIn(mondayName(asOfMonday)),
      signals: [],
    };
  }

  const length = 1 - earliest;
  const startMonday = asOfMonday + 7 * earliest;
  const t: Timeline = {
    counts: new Float64Array(length * K),
    entries: new Float64Array(length),
    acknowledged: new Float64Array(length),
    checkins: new Array<CheckinInput | undefined>(length).fill(undefined),
    active: new Int32Array(length),
    activeCount: 0,
  };
  for (let i = 0; i < weeksIn.length; i++) {
    const slot = (weekOffsets[i] as number) - earliest;
    if (slot < 0 || slot >= length) continue;
    const w = weeksIn[i] as WeekAggregate;
    // Several aggregates for one week are summed, so callers may pre-aggregate in chunks.
    addCounts(t.counts, slot * K, w.counts);
    t.entries[slot] = (t.entries[slot] as number) + w.entries;
    t.acknowledged[slot] = (t.acknowledged[slot] as number) + w.acknowledgedEntries;
  }
  for (let i = 0; i < checkinsIn.length; i++) {
    const slot = (checkinOffsets[i] as number) - earliest;
    // One check-in per week is expected; with duplicates the later one in input order wins.
    if (slot >= 0 && slot < length) t.checkins[slot] = checkinsIn[i];
  }

  const rows: WeekRow[] | null = withRows ? [] : null;
  // Sliding window over non-leave weeks: a queue of slot indices plus running sums,
  // so each week costs O(kinds) however long the history.
  const queue = new Int32Array(length);
  let head = 0;
  let tail = 0;
  const windowCounts = new Float64Array(K);
  let windowEntries = 0;
  let windowAcknowledged = 0;
  const missingKinds = () =>
    required.filter((_, r) => (windowCounts[requiredIndices[r] as number] as number) <= 0);

  let prevStreak = 0;
  let prevReady = false;
  let runReadySince: IsoDate | null = null;
  // The last non-leave week: what `current` reports.
  let lastConsistent = false;
  let pending = false;
  const lastSlot = length - 1;

  for (let i = 0; i < length; i++) {
    const base = i * K;
    if (t.checkins[i]?.onLeave) {
      rows?.push({
        weekStart: mondayName(startMonday + 7 * i),
        onLeave: true,
        pending: false,
        counts: countsAt(t.counts, base),
        missingKinds: [],
        consistent: false,
        streak: prevStreak,
        ready: prevReady,
        visibility: null,
      });
      continue;
    }

    queue[tail++] = i;
    for (let k = 0; k < K; k++) {
      windowCounts[k] = (windowCounts[k] as number) + (t.counts[base + k] as number);
    }
    windowEntries += t.entries[i] as number;
    windowAcknowledged += acknowledgedAt(t, i);
    if (tail - head > windowWeeks) {
      const old = queue[head++] as number;
      for (let k = 0; k < K; k++) {
        windowCounts[k] = (windowCounts[k] as number) - (t.counts[old * K + k] as number);
      }
      windowEntries -= t.entries[old] as number;
      windowAcknowledged -= acknowledgedAt(t, old);
    }
    t.active[t.activeCount++] = i;

    let complete = true;
    for (const k of requiredIndices) {
      if ((windowCounts[k] as number) <= 0) {
        complete = false;
        break;
      }
    }
    const visibility = windowEntries > 0 ? windowAcknowledged / windowEntries : null;
    const consistent =
      complete &&
      (!policy.requireVisibility || (visibility !== null && visibility >= VISIBILITY_BAR));

    if (i === lastSlot && !consistent) {
      // Rule 8: the week holding asOf has not ended. Not consistent yet, it breaks nothing:
      // like a leave week it carries the streak and readiness of the week before, and its
      // missingKinds say what to log before Sunday.
      pending = true;
      rows?.push({
        weekStart: mondayName(startMonday + 7 * i),
        onLeave: false,
        pending: true,
        counts: countsAt(t.counts, base),
        missingKinds: missingKinds(),
        consistent: false,
        streak: prevStreak,
        ready: prevReady,
        visibility,
      });
      break;
    }

    const streak = consistent ? prevStreak + 1 : 0;
    const ready = streak >= threshold;
    // Each run passes through streak === threshold before it can be ready, so this always
    // holds the current run's week by the time readySince is read.
    if (streak === threshold) runReadySince = mondayName(startMonday + 7 * i);
    rows?.push({
      weekStart: mondayName(startMonday + 7 * i),
      onLeave: false,
      pending: false,
      counts: countsAt(t.counts, base),
      missingKinds: complete ? [] : missingKinds(),
      consistent,
      streak,
      ready,
      visibility,
    });
    prevStreak = streak;
    prevReady = ready;
    lastConsistent = consistent;
  }

  if (t.activeCount === 0) {
    return { rows, current: notStartedIn(mondayName(asOfMonday)), signals: [] };
  }
  // A pending week reports the carried values; otherwise prevStreak/prevReady are the last
  // non-leave week's own.
  const streak = prevStreak;
  const ready = prevReady;
  let projectedReadyOn: IsoDate | null = null;
  if (ready) projectedReadyOn = runReadySince;
  else if (pending) {
    // As if the week in progress became consistent: streak + 1 this week.
    if (streak > 0) projectedReadyOn = mondayName(asOfMonday + 7 * (threshold - streak - 1));
  } else if (lastConsistent) {
    // Every week after `current` up to asOf's week is a leave week (current is the last
    // non-leave one), and later weeks are assumed not on leave: so count on from asOf's week.
    projectedReadyOn = mondayName(asOfMonday + 7 * (threshold - streak));
  }
  const current: CurrentStatus = {
    weekStart: mondayName(startMonday + 7 * (t.active[t.activeCount - 1] as number)),
    pending,
    consistent: lastConsistent && !pending,
    streak,
    ready,
    readySince: ready ? runReadySince : null,
    projectedReadyOn,
  };

  const agreementFresh =
    confirmedOn !== null &&
    dayNumberOf(confirmedOn) <= dayNumberOf(asOf) &&
    mondayNumberOf(confirmedOn) > asOfMonday - 7 * AGREEMENT_WEEKS;
  const context: SignalContext = {
    ready,
    hasManager: facts?.hasManager ?? false,
    agreementFresh,
  };
  // A week in progress can clear a signal but never raise one: with a pending week, a
  // signal is raised only when it holds both with and without that week. So `stale` does
  // not fire on a Monday because the week has no entry yet, nor does a look-back gain a
  // week (the "not raised while the history holds fewer" rule) before that week ends.
  let mask = raisedSignals(t, t.activeCount, context);
  if (pending) mask &= raisedSignals(t, t.activeCount - 1, context);
  const signals: Signal[] = [];
  for (let s = 0; s < SIGNALS.length; s++) if (mask & (1 << s)) signals.push(SIGNALS[s] as Signal);
  return { rows, current, signals };
}

interface SignalContext {
  /** The current week is ready (a pending week's carried readiness). */
  ready: boolean;
  hasManager: boolean;
  /** A working agreement with the manager was confirmed by both in the last 26 weeks. */
  agreementFresh: boolean;
}

// The signals raised over the first `n` non-leave weeks, as a bit mask (bit i = SIGNAL_CODES[i]).
function raisedSignals(t: Timeline, n: number, context: SignalContext): number {
  let mask = 0;

  // The last check-ins of non-leave weeks, newest first (weeks without one are passed over).
  let found = 0;
  let noDeepWork = true;
  let busy = true;
  for (let j = n - 1; j >= 0 && found < HANDS_ON_CHECKINS; j--) {
    const i = t.active[j] as number;
    const checkin = t.checkins[i];
    if (!checkin) continue;
    found++;
    if (found <= DEEP_WORK_CHECKINS && !(checkin.deepWorkBlocks < 1)) noDeepWork = false;
    const base = i * K;
    const enabling =
      (t.counts[base + MENTORING] as number) > 0 ||
      (t.counts[base + UNBLOCKING] as number) > 0 ||
      (t.counts[base + REVIEW] as number) > 0;
    if (!(checkin.handsOnPercent > HANDS_ON_LIMIT) || enabling) busy = false;
  }
  if (found >= DEEP_WORK_CHECKINS && noDeepWork) mask |= SIGNAL_BIT['losing-technical-currency'];
  if (found >= HANDS_ON_CHECKINS && busy) mask |= SIGNAL_BIT['doing-not-enabling'];

  if (n >= RECENT_WEEKS) {
    let mentored = 0;
    let feedback = 0;
    let entries = 0;
    let acknowledged = 0;
    for (let j = n - RECENT_WEEKS; j < n; j++) {
      const i = t.active[j] as number;
      if ((t.counts[i * K + MENTORING] as number) > 0) mentored++;
      if ((t.counts[i * K + FEEDBACK] as number) > 0) feedback++;
      entries += t.entries[i] as number;
      acknowledged += acknowledgedAt(t, i);
    }
    if (mentored * 2 < RECENT_WEEKS) mask |= SIGNAL_BIT['mentoring-ad-hoc'];
    if (feedback === 0) mask |= SIGNAL_BIT['avoiding-difficult-conversations'];
    if (context.ready && entries > 0 && acknowledged * 2 < entries) mask |= SIGNAL_BIT.unrecognised;
    if (context.hasManager && !context.agreementFresh) mask |= SIGNAL_BIT['unclear-em-boundary'];
  }

  if (
    n >= STALE_WEEKS &&
    !hasEvidence(t, t.active[n - 1] as number) &&
    !hasEvidence(t, t.active[n - 2] as number)
  ) {
    mask |= SIGNAL_BIT.stale;
  }
  return mask;
}

/** The current status of someone with nothing towards readiness in the week of `weekStart`. */
export function notStartedIn(weekStart: IsoDate): CurrentStatus {
  return {
    weekStart,
    pending: false,
    consistent: false,
    streak: 0,
    ready: false,
    readySince: null,
    projectedReadyOn: null,
  };
}

/**
 * The status word the dashboard shows: Ready beats Consistent beats Building. A week in
 * progress with a streak to keep reads Consistent: the streak is still alive.
 */
export function statusOf(current: CurrentStatus): ReadinessStatus {
  if (current.ready) return 'ready';
  if (current.consistent || (current.pending && current.streak > 0)) return 'consistent';
  return 'building';
}
