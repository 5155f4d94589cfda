// Reads an iCalendar file (RFC 5545) with ical.js and turns what a calendar shows about the
// role into suggestions. Recurring events are expanded (RRULE, RDATE, EXDATE and moved
// occurrences), each occurrence is dated in the person's own time zone, and only occurrences
// inside the window (by default the last 26 weeks up to today) count:
// - a meeting with product or stakeholders suggests `communication`;
// - a recurring 1:1, or pairing, suggests `mentoring`;
// - focus blocks are counted per ISO week and suggest that week's deep-work blocks, and
//   out-of-office days covering most of a working week (3 weekdays or more) suggest leave:
//   one check-in suggestion per week.
// Cancelled events and occurrences the person declined are skipped. Nothing here stores
// anything: the import service offers the drafts.
//
// Bounded whatever the file says: a rule without COUNT is expanded from the window's start,
// not from DTSTART (its start moved forward by whole periods to just before the window:
// rules whose BY-parts a whole number of periods keeps, see fastForward); at most MAX_OCCURRENCES_PER_FILE occurrences
// are read from one file and MAX_STEPS_PER_FILE expansion steps taken (a rule with COUNT
// still steps from DTSTART), and the answer names the events left out; RDATE/EXDATE lists,
// RRULEs per event and time zones are capped, a VTIMEZONE whose rules are not yearly is not
// used (its expansion would be unbounded), and ical.js's zone registry is emptied for
// each file (a file's zones are its own).
import {
  addDays,
  type EvidenceKind,
  type IsoDate,
  isValidTimeZone,
  localDateIn,
  weekStartOf,
} from '@leadtrack/core';
import ICAL from 'ical.js';
import type { SuggestionDraft } from '../../services/suggestions/offer-suggestions';

export type IcsSuggestionDraft = SuggestionDraft;

export type IcsOptions = {
  /** The person's IANA time zone: occurrences are dated in it. */
  timeZone: string;
  /** The person's address: an occurrence they declined is skipped. */
  email?: string;
  /** The person's today; occurrences after it are not evidence yet. */
  today: IsoDate;
  /** The first day considered (default 26 weeks before today's week). */
  from?: IsoDate;
};

export type IcsResult = {
  drafts: IcsSuggestionDraft[];
  errors: { line: number; message: string }[];
  /** Set when the file is not an iCalendar at all: why, in a few words. */
  unreadable?: string;
};

export const CALENDAR_SOURCE = 'calendar';
/** The most occurrences read from one file (inside the window). */
export const MAX_OCCURRENCES_PER_FILE = 10_000;
/** The most expansion steps for one file, those outside the window included. */
const MAX_STEPS_PER_FILE = 2 * MAX_OCCURRENCES_PER_FILE;
/** RDATE and EXDATE values in one file (ical.js sorts each list by insertion). */
const MAX_LISTED_DATES_PER_FILE = 10_000;
const MAX_RULES_PER_EVENT = 10;
const MAX_TIME_ZONES_PER_FILE = 50;
const TITLE_MAX = 200;
/** What a description quotes of an event's summary at most. */
const SUMMARY_MAX = 1_000;

const STAKEHOLDER =
  /\b(product|stakeholders?|roadmap|customers?|clients?|sales|marketing|support|leadership|exec(utive)?s?|directors?|business|finance|legal|design review|demo|steering|qbr|all[- ]hands|PMs?)\b/i;
const ONE_ON_ONE =
  /(\b1\s*[:-]\s*1\b|\bone[- ]on[- ]one\b|\b1on1\b|\bpair(ing)?\b|\bmentor(ing|ship)?\b|\bcoaching\b)/i;
const FOCUS =
  /\b(focus|deep[- ]work|heads[- ]down|maker[- ]time|no[- ]meetings?|do not book|dnb)\b/i;
const OUT_OF_OFFICE =
  /(\bout of (the )?office\b|\bOOO\b|\bvacation\b|\bholiday\b|\bannual leave\b|\bPTO\b|\bon leave\b|\bsick\b|\bparental leave\b|\btime off\b)/i;

type Occurrence = {
  uid: string;
  summary: string;
  date: IsoDate;
  /** For all-day events, the dates covered (end exclusive); timed events cover one date. */
  days: IsoDate[];
  recurring: boolean;
  attendees: number;
  url: string | null;
  start: string;
};

export function parseIcs(content: string, options: IcsOptions): IcsResult {
  const errors: IcsResult['errors'] = [];
  if (content.replace(/^\uFEFF/, '').trim() === '') {
    return { drafts: [], errors: [{ line: 1, message: 'The file is empty: no calendar in it.' }] };
  }
  let root: ICAL.Component;
  try {
    const parsed = ICAL.parse(content);
    // Several top-level components parse to a list; the first is read.
    root = new ICAL.Component((Array.isArray(parsed[0]) ? parsed[0] : parsed) as never);
  } catch (error) {
    return {
      drafts: [],
      errors: [{ line: lineOfParseError(content, error), message: parseMessage(error) }],
      unreadable: 'it cannot be read as iCalendar',
    };
  }
  const calendar = root.name === 'vcalendar' ? root : root.getFirstSubcomponent('vcalendar');
  if (!calendar) {
    return {
      drafts: [],
      errors: [{ line: 1, message: 'The file is not an iCalendar file (no VCALENDAR).' }],
      unreadable: 'it has no VCALENDAR',
    };
  }

  const registered = registerTimeZones(calendar);
  const from = options.from ?? addDays(weekStartOf(options.today), -7 * 26);
  const eventLines = lineNumbersOf(content, 'BEGIN:VEVENT');
  const vevents = calendar.getAllSubcomponents('vevent');
  const lineOf = new Map(vevents.map((vevent, index) => [vevent, eventLines[index] ?? 1]));
  const budget: Budget = {
    occurrences: MAX_OCCURRENCES_PER_FILE,
    steps: MAX_STEPS_PER_FILE,
    listedDates: MAX_LISTED_DATES_PER_FILE,
  };

  // Moved or changed occurrences (RECURRENCE-ID) belong to their series.
  const masters = new Map<string, ICAL.Event>();
  const exceptions: ICAL.Component[] = [];
  const occurrences: Occurrence[] = [];
  vevents.forEach((vevent, index) => {
    const line = eventLines[index] ?? 1;
    const uid = vevent.getFirstPropertyValue('uid');
    if (!vevent.getFirstProperty('dtstart')) {
      errors.push({
        line,
        message: `Event ${describe(vevent)} has no start (DTSTART); it was skipped.`,
      });
      return;
    }
    if (typeof uid !== 'string' || uid === '') {
      errors.push({ line, message: `Event ${describe(vevent)} has no UID; it was skipped.` });
      return;
    }
    if (vevent.hasProperty('recurrence-id')) exceptions.push(vevent);
    // `exceptions: []`: ical.js would otherwise scan every VEVENT of the calendar for this
    // one's exceptions (quadratic in the file: a plain 5 MiB calendar took minutes); they
    // are related below, each once.
    else masters.set(uid, new ICAL.Event(vevent, { strictExceptions: false, exceptions: [] }));
  });
  // In order of their RECURRENCE-ID, so ical.js's sorted insert appends (a reversed list
  // of THISANDFUTURE exceptions would cost it quadratic time).
  const recurrenceId = (c: ICAL.Component) => String(c.getFirstPropertyValue('recurrence-id'));
  exceptions.sort((a, b) => (recurrenceId(a) < recurrenceId(b) ? -1 : 1));
  for (const exception of exceptions) {
    const master = masters.get(String(exception.getFirstPropertyValue('uid')));
    if (master) master.relateException(exception);
    else masters.set(String(exception.getFirstPropertyValue('uid')), new ICAL.Event(exception));
  }

  const left: ICAL.Event[] = [];
  for (const event of masters.values()) {
    const line = lineOf.get(event.component) ?? 1;
    if (budget.occurrences <= 0 || budget.steps <= 0) {
      left.push(event);
      continue;
    }
    const refusal = tooManyDates(event.component, budget);
    if (refusal) {
      errors.push({
        line,
        message: `Event ${describe(event.component)} ${refusal}; it was skipped.`,
      });
      continue;
    }
    try {
      const found = expand(event, from, options, registered, budget);
      for (const occurrence of found.occurrences) occurrences.push(occurrence);
      if (!found.complete) left.push(event);
    } catch (error) {
      errors.push({
        line,
        message: `Event ${describe(event.component)} could not be read: ${parseMessage(error)}`,
      });
    }
  }
  const [firstLeft] = left;
  if (firstLeft) {
    errors.push({
      line: lineOf.get(firstLeft.component) ?? 1,
      message: `Only the first ${MAX_OCCURRENCES_PER_FILE.toLocaleString('en')} occurrences of a file are read: ${left.length === 1 ? 'this event was' : `this event and ${(left.length - 1).toLocaleString('en')} more were`} cut short or skipped.`,
    });
  }

  return { drafts: toDrafts(occurrences), errors };
}

/** What is left of a file's allowance as its events are expanded. */
interface Budget {
  occurrences: number;
  steps: number;
  listedDates: number;
}

/** Why an event's own lists are too long to expand, or null (and the budget charged). */
function tooManyDates(vevent: ICAL.Component, budget: Budget): string | null {
  if (vevent.getAllProperties('rrule').length > MAX_RULES_PER_EVENT)
    return `has more than ${MAX_RULES_PER_EVENT} recurrence rules (RRULE)`;
  let listed = 0;
  for (const name of ['rdate', 'exdate']) {
    // Counted in the raw jCal ([name, params, type, ...values]): getValues() would first
    // make a time object of each of a list's hundreds of thousands of dates.
    for (const property of vevent.getAllProperties(name)) listed += property.jCal.length - 3;
  }
  budget.listedDates -= listed;
  if (budget.listedDates < 0)
    return `takes the file past ${MAX_LISTED_DATES_PER_FILE.toLocaleString('en')} listed dates (RDATE, EXDATE)`;
  return null;
}

const SECONDS: Record<string, number> = {
  SECONDLY: 1,
  MINUTELY: 60,
  HOURLY: 3600,
  DAILY: 86_400,
  WEEKLY: 7 * 86_400,
};
const WEEK = 7 * 86_400;
/** The BY-parts a shift by whole weeks (in the event's wall time) keeps. */
const WEEK_PARTS = new Set(['BYDAY', 'BYHOUR', 'BYMINUTE', 'BYSECOND']);

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/**
 * Where to start expanding a rule so that the window's occurrences come at once: DTSTART
 * moved forward by a whole number of periods to the last one before the window's first
 * instant (the start itself, which ical.js always yields, then lies outside the window). Only for one RRULE
 * without COUNT (COUNT counts from DTSTART), with FREQ up to WEEKLY and no BY-part other
 * than those a shift by whole weeks keeps (then the shift is whole weeks too); null
 * otherwise, and the rule is expanded from DTSTART within the file's steps.
 */
function fastForward(event: ICAL.Event, from: IsoDate, personZone: string): ICAL.Time | null {
  const rules = event.component.getAllProperties('rrule');
  const rule = rules[0]?.getFirstValue() as ICAL.Recur | undefined;
  if (rules.length !== 1 || !rule || rule.count || event.component.hasProperty('rdate'))
    return null;
  const unit = SECONDS[rule.freq];
  if (!unit) return null;
  const parts = Object.keys(rule.parts ?? {});
  if (parts.some((part) => !WEEK_PARTS.has(part))) return null;
  let step = unit * Math.max(1, rule.interval || 1);
  if (parts.length > 0 && step % WEEK !== 0) step = (step * WEEK) / gcd(step, WEEK);
  const start = event.startDate;
  // The window's first instant (midnight of `from` where the person is), as a wall time of
  // the event's own clock: UTC, its zone, or (floating, unknown) the person's.
  const midnight = Date.parse(`${from}T00:00:00Z`);
  const windowStart = isValidTimeZone(personZone) ? zoneMidnight(midnight, personZone) : midnight;
  const tzid = start.zone?.tzid;
  let target: number;
  if (tzid === 'UTC') target = windowStart;
  else if (tzid && tzid !== 'floating' && isValidTimeZone(tzid))
    target = windowStart + offsetOf(tzid, windowStart);
  else if (tzid && tzid !== 'floating') target = windowStart - 86_400_000;
  else target = midnight;
  target = target / 1000 - 1;
  const wall =
    Date.UTC(start.year, start.month - 1, start.day, start.hour, start.minute, start.second) / 1000;
  const periods = Math.floor((target - wall) / step);
  if (periods <= 0) return null;
  const moved = start.clone();
  const seconds = periods * step;
  moved.adjust(Math.floor(seconds / 86_400), 0, 0, seconds % 86_400);
  return moved;
}

function expand(
  event: ICAL.Event,
  from: IsoDate,
  options: IcsOptions,
  registered: Set<string>,
  budget: Budget,
): { occurrences: Occurrence[]; complete: boolean } {
  const found: Occurrence[] = [];
  const dtstart = event.component.getFirstProperty('dtstart');
  const tzid = dtstart?.getParameter('tzid');
  const zoneOfEvent = typeof tzid === 'string' ? tzid : null;
  const iterator = event.iterator(fastForward(event, from, options.timeZone) ?? undefined);
  for (;;) {
    if (budget.steps <= 0 || budget.occurrences <= 0)
      return { occurrences: found, complete: false };
    budget.steps -= 1;
    const next = iterator.next();
    if (!next) break;
    const details = event.getOccurrenceDetails(next);
    const item = details.item;
    if (String(item.component.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED')
      continue;
    const start = details.startDate;
    const date = dateOf(start, zoneOfEvent, options.timeZone, registered);
    if (date > options.today) break;
    if (date < from) continue;
    if (declinedBy(item.component, options.email)) continue;
    const days = start.isDate ? allDayDates(start, details.endDate) : [date];
    budget.occurrences -= 1;
    found.push({
      uid: event.uid,
      summary: String(item.summary ?? '').trim(),
      date,
      days,
      recurring: event.isRecurring(),
      attendees: item.attendees.length,
      url: urlOf(item.component),
      start: start.toString(),
    });
  }
  return { occurrences: found, complete: true };
}

function toDrafts(occurrences: Occurrence[]): IcsSuggestionDraft[] {
  const drafts: IcsSuggestionDraft[] = [];
  const weeks = new Map<IsoDate, { focus: number; leaveDays: Set<IsoDate> }>();
  const week = (weekStart: IsoDate) => {
    let entry = weeks.get(weekStart);
    if (!entry) {
      entry = { focus: 0, leaveDays: new Set() };
      weeks.set(weekStart, entry);
    }
    return entry;
  };

  for (const o of occurrences) {
    if (OUT_OF_OFFICE.test(o.summary)) {
      for (const day of o.days) if (isWeekday(day)) week(weekStartOf(day)).leaveDays.add(day);
      continue;
    }
    if (FOCUS.test(o.summary)) {
      week(weekStartOf(o.date)).focus += 1;
      continue;
    }
    const kind = kindOf(o);
    if (!kind) continue;
    // Clipped here, in the worker: a 5 MiB summary is not carried back to the event loop.
    const summary = clip(o.summary, SUMMARY_MAX) || (kind === 'mentoring' ? '1:1' : 'Meeting');
    drafts.push({
      type: 'evidence',
      source: CALENDAR_SOURCE,
      externalId: `${o.uid}@${o.start}`,
      url: o.url,
      title: clip(summary),
      description:
        kind === 'mentoring'
          ? `${summary}: a recurring one-to-one or pairing session on your calendar.`
          : `${summary}: a meeting with product or stakeholders on your calendar${o.attendees > 0 ? ` (${o.attendees} attendees)` : ''}.`,
      occurredOn: o.date,
      suggestedKinds: [kind],
      details: {
        calendarUid: o.uid,
        start: o.start,
        attendees: o.attendees,
        recurring: o.recurring,
      },
    });
  }

  for (const [weekStart, w] of [...weeks.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const onLeave = w.leaveDays.size >= 3;
    if (!onLeave && w.focus === 0) continue;
    const parts = [
      w.focus > 0 ? `${w.focus} focus ${w.focus === 1 ? 'block' : 'blocks'}` : null,
      w.leaveDays.size > 0
        ? `${w.leaveDays.size} ${w.leaveDays.size === 1 ? 'day' : 'days'} out of office`
        : null,
    ].filter(Boolean);
    drafts.push({
      type: 'checkin',
      source: CALENDAR_SOURCE,
      externalId: `week:${weekStart}`,
      url: null,
      title: `Week of ${weekStart}: ${parts.join(', ')}`,
      description: onLeave
        ? 'Most of this working week is out of office on your calendar: a leave week does not count against your streak.'
        : 'Focus blocks on your calendar this week.',
      occurredOn: weekStart,
      suggestedKinds: [],
      checkin: { weekStart, deepWorkBlocks: w.focus, onLeave },
      details: { focusBlocks: w.focus, outOfOfficeDays: [...w.leaveDays].sort() },
    });
  }
  return drafts;
}

function kindOf(o: Occurrence): EvidenceKind | null {
  if (ONE_ON_ONE.test(o.summary) && (o.recurring || /pair/i.test(o.summary))) return 'mentoring';
  if (o.recurring && o.attendees === 2 && !STAKEHOLDER.test(o.summary)) return 'mentoring';
  if (STAKEHOLDER.test(o.summary)) return 'communication';
  return null;
}

/** The occurrence's date in the person's zone. */
function dateOf(
  start: ICAL.Time,
  eventZone: string | null,
  personZone: string,
  registered: Set<string>,
): IsoDate {
  const wall = `${pad(start.year, 4)}-${pad(start.month)}-${pad(start.day)}`;
  if (start.isDate) return wall;
  const tzid = start.zone?.tzid;
  let instant: number;
  if (tzid === 'UTC' || (tzid && tzid !== 'floating' && registered.has(tzid))) {
    instant = start.toUnixTime() * 1000;
  } else if (eventZone && isValidTimeZone(eventZone)) {
    instant = wallTimeToInstant(start, eventZone);
  } else {
    // Floating time (or a zone this machine does not know): the person's own wall clock.
    return wall;
  }
  return localDateIn(personZone, new Date(instant));
}

/** The instant of the wall time `asUtc` (a UTC timestamp of its fields) in `zone`. */
function zoneMidnight(asUtc: number, zone: string): number {
  let guess = asUtc - offsetOf(zone, asUtc);
  guess = asUtc - offsetOf(zone, guess);
  return guess;
}

function wallTimeToInstant(t: ICAL.Time, zone: string): number {
  const asUtc = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
  // Two passes settle the offset, also across a daylight-saving change.
  let guess = asUtc - offsetOf(zone, asUtc);
  guess = asUtc - offsetOf(zone, guess);
  return guess;
}

/** One formatter per zone (making one costs far more than using it). */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterIn(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    if (formatters.size < 1_000) formatters.set(zone, formatter);
  }
  return formatter;
}

function offsetOf(zone: string, instant: number): number {
  const parts = formatterIn(zone).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * The file's own time zones, registered with ical.js for this file only (the registry is
 * emptied first). A zone is used only when its observances repeat yearly at most (ical.js
 * expands them from their start up to each date asked: a FREQ=SECONDLY observance would
 * never end) and list few dates; others are left out, and their events dated as below.
 */
function registerTimeZones(calendar: ICAL.Component): Set<string> {
  ICAL.TimezoneService.reset();
  const names = new Set<string>();
  for (const vtimezone of calendar.getAllSubcomponents('vtimezone')) {
    if (names.size >= MAX_TIME_ZONES_PER_FILE) break;
    const tzid = vtimezone.getFirstPropertyValue('tzid');
    if (typeof tzid !== 'string' || names.has(tzid) || !yearlyAtMost(vtimezone)) continue;
    ICAL.TimezoneService.register(vtimezone);
    names.add(tzid);
  }
  return names;
}

function yearlyAtMost(vtimezone: ICAL.Component): boolean {
  const observances = vtimezone.getAllSubcomponents();
  if (observances.length > 20) return false;
  return observances.every((observance) => {
    const rules = observance.getAllProperties('rrule');
    const dates = observance.getAllProperties('rdate');
    const listed = dates.reduce((n, property) => n + property.jCal.length - 3, 0);
    return (
      rules.length <= 1 &&
      listed <= 400 &&
      rules.every((rule) => (rule.getFirstValue() as ICAL.Recur).freq === 'YEARLY')
    );
  });
}

function allDayDates(start: ICAL.Time, end: ICAL.Time | undefined): IsoDate[] {
  const first = `${pad(start.year, 4)}-${pad(start.month)}-${pad(start.day)}`;
  const last = end ? `${pad(end.year, 4)}-${pad(end.month)}-${pad(end.day)}` : addDays(first, 1);
  const days: IsoDate[] = [];
  for (let d = first; d < last && days.length < 366; d = addDays(d, 1)) days.push(d);
  return days.length > 0 ? days : [first];
}

function declinedBy(vevent: ICAL.Component, email: string | undefined): boolean {
  if (!email) return false;
  const wanted = email.toLowerCase();
  return vevent.getAllProperties('attendee').some((attendee) => {
    const address = String(attendee.getFirstValue() ?? '')
      .replace(/^mailto:/i, '')
      .toLowerCase();
    return (
      address === wanted &&
      String(attendee.getParameter('partstat') ?? '').toUpperCase() === 'DECLINED'
    );
  });
}

function urlOf(vevent: ICAL.Component): string | null {
  const url = vevent.getFirstPropertyValue('url');
  return typeof url === 'string' && /^https?:\/\//i.test(url) ? url : null;
}

function isWeekday(date: IsoDate): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day >= 1 && day <= 5;
}

function describe(vevent: ICAL.Component): string {
  const summary = vevent.getFirstPropertyValue('summary');
  return typeof summary === 'string' && summary.trim() !== ''
    ? `"${clip(summary.trim(), 60)}"`
    : 'without a title';
}

function clip(text: string, max = TITLE_MAX): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function lineNumbersOf(content: string, marker: string): number[] {
  const lines = content.split(/\r?\n/);
  const found: number[] = [];
  lines.forEach((line, i) => {
    if (line.trim().toUpperCase() === marker) found.push(i + 1);
  });
  return found;
}

function parseMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s+/g, ' ').slice(0, 200);
}

function lineOfParseError(content: string, error: unknown): number {
  const quoted = /"([^"]*)"/.exec(parseMessage(error))?.[1];
  if (quoted) {
    const index = content.split(/\r?\n/).findIndex((line) => line.includes(quoted));
    if (index >= 0) return index + 1;
  }
  return 1;
}
