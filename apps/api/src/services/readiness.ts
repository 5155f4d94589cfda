// Readiness: one user's timeline and a manager's team overview. The model itself lives in
// @leadtrack/core (computeReadiness); this file fetches its inputs with one statement
// (data/weekly-aggregates.ts: whatever the history's length or the team's size) plus the
// policy (cached, see services/policy.ts), and decides who may see what.
//
// Access: a timeline is readable by its owner, their direct manager, admins and the
// sponsors the owner granted (access.ts canReadAsSponsor); anyone else gets 404, exactly
// like a missing user. The statement itself only reads a user the
// caller may read (so an unreadable user costs no aggregation, and answers as fast as a
// missing one), and canReadAsSponsor from services/access.ts checks the row it returns again.
// The team view lists the caller's DIRECT reports only, for managers and admins (the
// route's requireRole); an admin without reports gets an empty list.
import {
  computeCurrent,
  computeReadiness,
  type IsoDate,
  type PersonFacts,
  type Policy,
  type Readiness,
  todayIn,
} from '@leadtrack/core';
import type { Database } from '@leadtrack/db';
import {
  type ReadinessDto,
  ReadinessSchema,
  type ReportDto,
  type ReportListDto,
  ReportListSchema,
  type TeamReportDto,
} from '@leadtrack/schemas';
import { type Prelude, readTeam, type TeamDigest } from '../data/prelude';
import {
  loadHistories,
  loadPeople,
  type Person,
  type PersonHistory,
  type UserHistory,
  type VersionedPerson,
  WeekStore,
} from '../data/weekly-aggregates';
import { freshnessKey, type KeyInput, policyInputs } from '../freshness/keys';
import { allowListSerializer } from '../lib/allow-list-serializer';
import { bodyCacheOf, type CachedBody } from '../lib/body-cache';
import { perDatabase } from '../lib/per-database';
import { invalidField, notFound } from '../lib/problem';
import type { Caller } from '../plugins/app/authenticate';
import { canReadAsSponsor, resolveUserRef } from './access';
import { countWaitingEntries } from './agenda/waiting-entries';
import { weeksOf } from './agenda/weeks';
import { readPolicy } from './policy';
import { type CachedReadiness, ReadinessCache } from './readiness-cache';
import { toUserDto } from './users/to-user-dto';

/**
 * `asOf` as given, or the person's today (their date at `now` in their time zone: the data's
 * owner decides, whoever reads it). A later date is refused (400 naming the field): the
 * model would otherwise project readiness from weeks that have not happened.
 */
export function resolveAsOf(
  asOf: IsoDate | undefined,
  person: Pick<Person, 'timeZone'>,
  now: Date,
  field = 'asOf',
): IsoDate {
  const today = todayIn(person.timeZone, now);
  if (asOf === undefined) return today;
  if (asOf > today) {
    throw invalidField(field, `Must not be after today (${today} in ${person.timeZone}).`);
  }
  return asOf;
}

/**
 * What the signals need beyond the weeks (unclear-em-boundary): whether the user has a
 * manager, from their row, and the day their working agreement with that manager was
 * confirmed by both, from the statement (null when never: then the signal can fire).
 */
export function factsOf(person: Pick<Person, 'managerId'>, history: UserHistory): PersonFacts {
  return {
    hasManager: person.managerId !== null,
    agreementConfirmedOn: history.agreementConfirmedOn,
  };
}

/** Without `facts` (the packet, which shows no signals) unclear-em-boundary is never raised. */
export function readinessFrom(
  policy: Policy,
  asOf: IsoDate,
  history: UserHistory,
  facts?: PersonFacts,
): Readiness {
  return computeReadiness({
    policy,
    asOf,
    weeks: history.weeks,
    checkins: history.checkins,
    facts,
  });
}

/** A user the caller may read at sponsor level (`me` is the caller), with their data version; 404 otherwise. */
export async function readablePerson(
  db: Database,
  caller: Caller,
  ref: string,
  prelude?: Prelude,
): Promise<VersionedPerson> {
  const id = resolveUserRef(caller, ref);
  // Read with the caller when the route asked for this person (data/prelude.ts); the same
  // rule is applied to that row below.
  const [found] =
    prelude && 'person' in prelude && resolveUserRef(caller, prelude.person) === id
      ? [prelude.found]
      : await loadPeople(db, { readable: id, caller });
  if (!found || !canReadAsSponsor(caller, found.person)) throw notFound('No such user.');
  return found;
}

/**
 * One user's history up to the date `asOfFor` picks once the person is known (their time
 * zone decides their today), if the caller may read them; 404 otherwise.
 */
export async function readableHistory<T extends { asOf: IsoDate }>(
  db: Database,
  caller: Caller,
  ref: string,
  asOfFor: (person: Person) => T,
): Promise<PersonHistory & T> {
  const { person } = await readablePerson(db, caller, ref);
  const resolved = asOfFor(person);
  const [found] = await loadHistories(db, { ids: [person.id] }, resolved.asOf);
  if (!found) throw notFound('No such user.');
  return { ...resolved, person, history: found.history };
}

const cacheOf = perDatabase(() => new ReadinessCache());
const storeOf = perDatabase(() => new WeekStore());

/**
 * What a caller needs: the whole `timeline` (one user's readiness), or only the `current`
 * status and signals (the team view), which core computes without a row per week.
 */
type ReadinessView = 'timeline' | 'current';

// The manager is part of the answer (unclear-em-boundary) but not of the data version, so
// it is part of the key; each view has its own entries. `asOf` is the person's own date
// (their today unless asked otherwise), so two readers in different zones share an entry,
// and a person's week in progress moves to the next key at their midnight, not at UTC's.
function cacheKey(
  view: ReadinessView,
  entry: { person: Pick<Person, 'id' | 'managerId'>; dataVersion: string; asOf: IsoDate },
  policy: Policy,
) {
  const { person, dataVersion, asOf } = entry;
  return freshnessKey(view, person.id, dataVersion, asOf, policyInputs(policy), person.managerId);
}

/** A person whose readiness is wanted, as of a date of theirs. */
interface ReadinessRequest extends VersionedPerson {
  asOf: IsoDate;
}

/** Today at `now` by time zone, each zone formatted once (a team shares a few zones). */
function todayByZone(now: Date): (timeZone: string) => IsoDate {
  const byZone = new Map<string, IsoDate>();
  return (timeZone) => {
    let today = byZone.get(timeZone);
    if (today === undefined) {
      today = todayIn(timeZone, now);
      byZone.set(timeZone, today);
    }
    return today;
  };
}

/** Each person as of their own today at `now` (their time zone). */
function asOfTheirToday(people: VersionedPerson[], now: Date): ReadinessRequest[] {
  const today = todayByZone(now);
  return people.map((entry) => ({ ...entry, asOf: today(entry.person.timeZone) }));
}

/** Only the current status and signals (the team view's): no row per week. */
function currentOf(
  policy: Policy,
  asOf: IsoDate,
  person: Pick<Person, 'managerId'>,
  history: UserHistory,
): CachedReadiness {
  const { weeks, checkins, lastEvidenceOn } = history;
  const facts = factsOf(person, history);
  const current = computeCurrent({ policy, asOf, weeks, checkins, facts });
  return { readiness: { weeks: [], ...current }, lastEvidenceOn };
}

/**
 * Readiness for each person, from the cache where their data version still matches and
 * otherwise from one statement per distinct `asOf` for all the others (then cached). Each
 * person is computed as of their own date, so a team spanning the date line may need two
 * or three statements, never one per person. The version is read before the history, so a
 * history cached under a version is never older than it. For the `current` view the rows
 * are left empty (a cached timeline serves it too).
 */
async function readinessFor(
  db: Database,
  policy: Policy,
  people: ReadinessRequest[],
  view: ReadinessView = 'timeline',
): Promise<Map<string, CachedReadiness>> {
  const cache = cacheOf(db);
  const found = new Map<string, CachedReadiness>();
  const missing = new Map<IsoDate, ReadinessRequest[]>();
  for (const entry of people) {
    const hit =
      cache.get(cacheKey('timeline', entry, policy)) ??
      (view === 'current' ? cache.get(cacheKey('current', entry, policy)) : undefined);
    if (hit) found.set(entry.person.id, hit);
    else {
      const sameDay = missing.get(entry.asOf);
      if (sameDay) sameDay.push(entry);
      else missing.set(entry.asOf, [entry]);
    }
  }
  // Only the weeks that changed since this process last read each person (after one entry
  // was logged, one row per person): see data/weekly-aggregates.ts WeekStore.
  const loaded = await Promise.all(
    [...missing].map(async ([asOf, entries]) => {
      const ids = entries.map((m) => m.person.id);
      // The versions just read: a person held at that version costs no read at all.
      const known = new Map(
        entries.map(({ person, dataVersion }) => [
          person.id,
          { dataVersion, managerId: person.managerId },
        ]),
      );
      return { asOf, entries, byId: await storeOf(db).histories(db, ids, asOf, known) };
    }),
  );
  for (const { asOf, entries, byId } of loaded) {
    for (const entry of entries) {
      const { person } = entry;
      const history = byId.get(person.id) ?? {
        weeks: [],
        checkins: [],
        lastEvidenceOn: null,
        agreementConfirmedOn: null,
      };
      const value =
        view === 'timeline'
          ? {
              readiness: readinessFrom(policy, asOf, history, factsOf(person, history)),
              lastEvidenceOn: history.lastEvidenceOn,
            }
          : currentOf(policy, asOf, person, history);
      cache.set(cacheKey(view, entry, policy), value);
      found.set(person.id, value);
    }
  }
  return found;
}

async function timelineRequest(
  db: Database,
  caller: Caller,
  ref: string,
  asOfParam: IsoDate | undefined,
  now: Date,
  prelude: Prelude | undefined,
): Promise<{ policy: Policy; entry: ReadinessRequest }> {
  const [policy, found] = await Promise.all([
    readPolicy(db.prisma),
    readablePerson(db, caller, ref, prelude),
  ]);
  return { policy, entry: { ...found, asOf: resolveAsOf(asOfParam, found.person, now) } };
}

async function timelineOf(
  db: Database,
  policy: Policy,
  entry: ReadinessRequest,
  weeksParam: number,
): Promise<ReadinessDto> {
  const { person, asOf } = entry;
  const computed = (await readinessFor(db, policy, [entry])).get(person.id);
  if (!computed) throw new Error('readiness was not computed');
  const { weeks: all, current, signals } = computed.readiness;
  const weeks = all.length > weeksParam ? all.slice(-weeksParam) : all;
  return { userId: person.id, asOf, policy, weeks, current, signals };
}

// Two years of weeks: serialised by the schema's property names, not a zod encode.
const serializeTimeline = allowListSerializer(ReadinessSchema)();
const serializeReports = allowListSerializer(ReportListSchema)();

/**
 * GET /users/:id/readiness, serialised: the user and their data version (one indexed read,
 * which is also the access check), plus the policy unless cached; then the answer kept per
 * process under every input of it (the person's data version, asOf, the policy, the
 * manager, `weeks`), or one aggregation for whoever changed. `asOf` defaults to the user's
 * today in their time zone (at `now`, the request's instant). Streaks are computed over
 * the whole history; the answer lists the last `weeks` weeks of it.
 */
export async function userReadinessBody(
  db: Database,
  caller: Caller,
  ref: string,
  asOfParam: IsoDate | undefined,
  weeksParam: number,
  now: Date,
  prelude?: Prelude,
): Promise<CachedBody> {
  const { policy, entry } = await timelineRequest(db, caller, ref, asOfParam, now, prelude);
  const key = freshnessKey('timeline-body', cacheKey('timeline', entry, policy), weeksParam);
  return bodyCacheOf(db).getOrMake(key, async () =>
    serializeTimeline(await timelineOf(db, policy, entry, weeksParam)),
  );
}

/**
 * The team and organisation views' rows: each person's current status, signals and newest
 * entry date, in the order given, each as of their own today (their time zone at `now`).
 * One aggregation per distinct date (one to three: the date line) for whoever changed since
 * their answer was cached (core's computeCurrent: no row per week), however many people.
 */
export async function reportsFor(
  db: Database,
  policy: Policy,
  now: Date,
  people: VersionedPerson[],
): Promise<ReportDto[]> {
  const computed = await readinessFor(db, policy, asOfTheirToday(people, now), 'current');
  return people.flatMap(({ person }) => {
    const entry = computed.get(person.id);
    if (!entry) return [];
    const { current, signals } = entry.readiness;
    return { user: toUserDto(person), current, signals, lastEvidenceOn: entry.lastEvidenceOn };
  });
}

/**
 * GET /reports: the caller's active direct reports (by name), each with its current status,
 * signals, newest entry date and the entries waiting for the caller's acknowledgement, each
 * as of their own today (their time zone at `now`). One read of the team's versions, one
 * count of the waiting entries, then one aggregation per distinct date (one to three: the
 * date line) for whoever changed since their answer was cached, plus the policy unless
 * cached: the same number of queries for 2 reports or 200.
 */
export async function teamReadiness(
  db: Database,
  caller: Caller,
  now: Date,
): Promise<ReportListDto> {
  const [policy, team] = await Promise.all([
    readPolicy(db.prisma),
    loadPeople(db, { reportsOf: caller.id }),
  ]);
  return { items: await teamRows(db, caller, policy, now, team) };
}

/** How many entries of each report wait for the caller's acknowledgement: one statement. */
function waitingFor(db: Database, caller: Caller, now: Date, team: VersionedPerson[]) {
  const windows = weeksOf(
    team.map(({ person }) => person),
    now,
  );
  return countWaitingEntries(db, caller.id, windows);
}

/** The team's rows: their readiness and their waiting counts, read side by side. */
async function teamRows(
  db: Database,
  caller: Caller,
  policy: Policy,
  now: Date,
  team: VersionedPerson[],
): Promise<TeamReportDto[]> {
  const [rows, waiting] = await Promise.all([
    reportsFor(db, policy, now, team),
    waitingFor(db, caller, now, team),
  ]);
  return rows.map((row) => ({ ...row, unacknowledged: waiting.get(row.user.id) ?? 0 }));
}

/**
 * Everything a row of the team or organisation view shows depends on, for a cache key:
 * the person's fields, data version and date (their today), and the policy.
 */
export function reportsInputs(policy: Policy, now: Date, people: VersionedPerson[]): KeyInput[] {
  const inputs: KeyInput[] = policyInputs(policy);
  const today = todayByZone(now);
  for (const { person: p, dataVersion } of people) {
    inputs.push(
      p.id,
      dataVersion,
      today(p.timeZone),
      p.managerId,
      p.role,
      p.deactivatedAt?.getTime(),
      p.email,
      p.name,
    );
  }
  return inputs;
}

/**
 * The team's cache key: the caller, the policy, the digest of every report's fields and
 * data version (data/prelude.ts) and each of their time zones' today.
 */
function teamKey(caller: Caller, policy: Policy, now: Date, { digest, zones }: TeamDigest) {
  const today = todayByZone(now);
  return freshnessKey(
    'team',
    caller.id,
    policyInputs(policy),
    digest,
    zones.flatMap((zone) => [zone, today(zone)]),
  );
}

/**
 * teamReadiness serialised, kept per process under every input of the answer (each report's
 * fields, data version and today, the policy): a warm request reads the team's digest with
 * the session (the route's prelude) and sends the string.
 */
export async function teamReadinessBody(
  db: Database,
  caller: Caller,
  now: Date,
  prelude?: Prelude,
): Promise<CachedBody> {
  // With the route's prelude the digest came with the session; otherwise it is read with
  // the people.
  const [policy, first] = await Promise.all([
    readPolicy(db.prisma),
    prelude && 'team' in prelude ? { digest: prelude.team } : readTeam(db, caller.id),
  ]);
  const cache = bodyCacheOf(db);
  const hit = cache.get(teamKey(caller, policy, now, first.digest));
  if (hit) return hit;
  // Not cached: the people, with the digest of the same snapshot, which keys what is made
  // from them. The waiting counts are computed with the answer (after the people, so never
  // older than their digest), not read at every request: whatever changes them moves a key
  // input. Entries written, edited (an edit makes an acknowledgement stale), deleted or
  // restored and acknowledgements given or withdrawn bump the owner's data version
  // (freshness/triggers.ts); the manager and the person's today, which picks the weeks
  // counted, are inputs too.
  const { team, digest } = 'team' in first ? first : await readTeam(db, caller.id);
  return cache.getOrMake(teamKey(caller, policy, now, digest), async () =>
    serializeReports({ items: await teamRows(db, caller, policy, now, team) }),
  );
}

/**
 * The current readiness of people known to the caller (writers, who own the data) as of
 * their today at `now`, right after their writes: one statement per distinct date (the
 * weeks that changed since this process last read them, with each data version), then
 * computeCurrent; each answer is kept for the team view under that version. What
 * services/notifications watches after owners' own writes, without a read of them first.
 */
export async function currentReadinessAfterWrites(
  db: Database,
  people: Pick<Person, 'id' | 'managerId' | 'timeZone'>[],
  now: Date,
): Promise<Map<string, CachedReadiness>> {
  const policy = await readPolicy(db.prisma);
  const today = todayByZone(now);
  const byDate = new Map<IsoDate, typeof people>();
  for (const person of people) {
    const asOf = today(person.timeZone);
    byDate.set(asOf, [...(byDate.get(asOf) ?? []), person]);
  }
  const found = new Map<string, CachedReadiness>();
  for (const [asOf, group] of byDate) {
    const histories = await storeOf(db).histories(
      db,
      group.map((p) => p.id),
      asOf,
    );
    for (const person of group) {
      const history = histories.get(person.id);
      if (!history) continue;
      const value = currentOf(policy, asOf, person, history);
      const entry = { person, dataVersion: history.dataVersion, asOf };
      cacheOf(db).set(cacheKey('current', entry, policy), value);
      found.set(person.id, value);
    }
  }
  return found;
}

/**
 * Each person's whole timeline as of their today at `now`, cached like GET
 * /users/:id/readiness, with the policy it was computed under (the agenda's `log` item).
 */
export async function timelinesOf(
  db: Database,
  people: VersionedPerson[],
  now: Date,
): Promise<{ policy: Policy; timelines: Map<string, CachedReadiness> }> {
  const policy = await readPolicy(db.prisma);
  return { policy, timelines: await readinessFor(db, policy, asOfTheirToday(people, now)) };
}

/**
 * The current readiness of each of `people` as of their today at `now` (the team view's
 * computation, from the cache where their data version still matches): what
 * services/notifications watches after a write.
 */
export async function currentReadinessOf(
  db: Database,
  people: VersionedPerson[],
  now: Date,
): Promise<Map<string, CachedReadiness>> {
  const policy = await readPolicy(db.prisma);
  return readinessFor(db, policy, asOfTheirToday(people, now), 'current');
}
