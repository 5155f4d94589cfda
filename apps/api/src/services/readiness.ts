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
  TIMELINE_WEEKS,
  todayUtc,
} from '@leadtrack/core';
import type { Database } from '@leadtrack/db';
import type { ReadinessDto, ReportDto, ReportListDto } from '@leadtrack/schemas';
import {
  loadHistories,
  loadPeople,
  type Person,
  type PersonHistory,
  type UserHistory,
  type VersionedPerson,
} from '../data/weekly-aggregates';
import { invalidField, notFound } from '../lib/problem';
import type { Caller } from '../plugins/app/authenticate';
import { canReadAsSponsor, resolveUserRef } from './access';
import { readPolicy } from './policy';
import { type CachedReadiness, ReadinessCache } from './readiness-cache';
import { toUserDto } from './users/to-user-dto';

/**
 * `asOf` as given, or today (UTC). A future date is refused (400 naming the field): the
 * model would otherwise project readiness from weeks that have not happened.
 */
export function resolveAsOf(asOf: IsoDate | undefined, field = 'asOf', today = todayUtc()) {
  if (asOf === undefined) return today;
  if (asOf > today) throw invalidField(field, `Must not be after today (${today})`);
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

/** One user's history if the caller may read them (`me` is the caller); 404 otherwise. */
export async function readableHistory(
  db: Database,
  caller: Caller,
  ref: string,
  asOf: IsoDate,
): Promise<PersonHistory> {
  const id = resolveUserRef(caller, ref);
  const [found] = await loadHistories(db, { readable: id, caller }, asOf);
  if (!found || !canReadAsSponsor(caller, found.person)) throw notFound('No such user.');
  return found;
}

const caches = new WeakMap<Database, ReadinessCache>();

function cacheOf(db: Database): ReadinessCache {
  let cache = caches.get(db);
  if (!cache) {
    cache = new ReadinessCache();
    caches.set(db, cache);
  }
  return cache;
}

/**
 * What a caller needs: the whole `timeline` (one user's readiness), or only the `current`
 * status and signals (the team view), which core computes without a row per week.
 */
type ReadinessView = 'timeline' | 'current';

// The manager is part of the answer (unclear-em-boundary) but not of the data version, so
// it is part of the key; each view has its own entries.
function cacheKey(view: ReadinessView, entry: VersionedPerson, asOf: IsoDate, policy: Policy) {
  const { person, dataVersion } = entry;
  const base = ReadinessCache.key(person.id, dataVersion, asOf, policy);
  return `${base}|${person.managerId ?? ''}|${view}`;
}

/**
 * Readiness for each person, from the cache where their data version still matches and
 * otherwise from one statement for all the others (then cached). The version is read
 * before the history, so a history cached under a version is never older than it. For the
 * `current` view the rows are left empty (a cached timeline serves it too).
 */
async function readinessFor(
  db: Database,
  policy: Policy,
  asOf: IsoDate,
  people: VersionedPerson[],
  view: ReadinessView = 'timeline',
): Promise<Map<string, CachedReadiness>> {
  const cache = cacheOf(db);
  const found = new Map<string, CachedReadiness>();
  const missing: VersionedPerson[] = [];
  for (const entry of people) {
    const hit =
      cache.get(cacheKey('timeline', entry, asOf, policy)) ??
      (view === 'current' ? cache.get(cacheKey('current', entry, asOf, policy)) : undefined);
    if (hit) found.set(entry.person.id, hit);
    else missing.push(entry);
  }
  if (missing.length > 0) {
    const histories = await loadHistories(db, { ids: missing.map((m) => m.person.id) }, asOf);
    const byId = new Map(histories.map((h) => [h.person.id, h.history]));
    for (const entry of missing) {
      const { person } = entry;
      const history = byId.get(person.id) ?? {
        weeks: [],
        checkins: [],
        lastEvidenceOn: null,
        agreementConfirmedOn: null,
      };
      const facts = factsOf(person, history);
      const readiness: Readiness =
        view === 'timeline'
          ? readinessFrom(policy, asOf, history, facts)
          : {
              weeks: [],
              ...computeCurrent({
                policy,
                asOf,
                weeks: history.weeks,
                checkins: history.checkins,
                facts,
              }),
            };
      const value = { readiness, lastEvidenceOn: history.lastEvidenceOn };
      cache.set(cacheKey(view, entry, asOf, policy), value);
      found.set(person.id, value);
    }
  }
  return found;
}

/**
 * GET /users/:id/readiness: the user and their data version (one indexed read, which is
 * also the access check), then the cached answer or one aggregation; plus the policy
 * unless cached. Streaks are computed over the whole history; the answer lists the last
 * `weeks` weeks of it.
 */
export async function userReadiness(
  db: Database,
  caller: Caller,
  ref: string,
  asOfParam: IsoDate | undefined,
  weeksParam: number = TIMELINE_WEEKS.default,
): Promise<ReadinessDto> {
  const asOf = resolveAsOf(asOfParam);
  const id = resolveUserRef(caller, ref);
  const [policy, [found]] = await Promise.all([
    readPolicy(db.prisma),
    loadPeople(db, { readable: id, caller }),
  ]);
  if (!found || !canReadAsSponsor(caller, found.person)) throw notFound('No such user.');
  const computed = (await readinessFor(db, policy, asOf, [found])).get(found.person.id);
  if (!computed) throw new Error('readiness was not computed');
  const { weeks: all, current, signals } = computed.readiness;
  const weeks = all.length > weeksParam ? all.slice(-weeksParam) : all;
  return { userId: found.person.id, asOf, policy, weeks, current, signals };
}

/**
 * The team and organisation views' rows: each person's current status, signals and newest
 * entry date, in the order given. One aggregation for whoever changed since their answer
 * was cached (core's computeCurrent: no row per week), however many people.
 */
export async function reportsFor(
  db: Database,
  policy: Policy,
  asOf: IsoDate,
  people: VersionedPerson[],
): Promise<ReportDto[]> {
  const computed = await readinessFor(db, policy, asOf, people, 'current');
  return people.flatMap(({ person }) => {
    const entry = computed.get(person.id);
    if (!entry) return [];
    const { current, signals } = entry.readiness;
    return { user: toUserDto(person), current, signals, lastEvidenceOn: entry.lastEvidenceOn };
  });
}

/**
 * GET /reports: the caller's direct reports (by name), each with its current status,
 * signals and newest entry date. One read of the team's versions, then one aggregation
 * for whoever changed since their answer was cached, plus the policy unless cached: the
 * same number of queries for 2 reports or 200.
 */
export async function teamReadiness(db: Database, caller: Caller): Promise<ReportListDto> {
  const asOf = todayUtc();
  const [policy, team] = await Promise.all([
    readPolicy(db.prisma),
    loadPeople(db, { reportsOf: caller.id }),
  ]);
  return { items: await reportsFor(db, policy, asOf, team) };
}

/**
 * Today's current readiness of each of `people` (the team view's computation, from the
 * cache where their data version still matches): what services/notifications watches
 * after a write.
 */
export async function currentReadinessOf(
  db: Database,
  people: VersionedPerson[],
): Promise<Map<string, CachedReadiness>> {
  const policy = await readPolicy(db.prisma);
  return readinessFor(db, policy, todayUtc(), people, 'current');
}
