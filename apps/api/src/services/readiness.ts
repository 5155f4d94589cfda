// Readiness: one user's timeline and a manager's team overview. The model itself lives in
// @leadtrack/core (computeReadiness); this file fetches its inputs with one statement
// (data/weekly-aggregates.ts: whatever the history's length or the team's size) plus the
// policy (cached, see services/policy.ts), and decides who may see what.
//
// Access: a timeline is readable by its owner, their direct manager and admins; anyone
// else gets 404, exactly like a missing user. The statement itself only reads a user the
// caller may read (so an unreadable user costs no aggregation, and answers as fast as a
// missing one), and canRead from services/access.ts checks the row it returns again.
// The team view lists the caller's DIRECT reports only, for managers and admins (the
// route's requireRole); an admin without reports gets an empty list.
import {
  computeReadiness,
  type IsoDate,
  type Policy,
  type Readiness,
  todayUtc,
} from '@leadtrack/core';
import type { Database } from '@leadtrack/db';
import type { ReadinessDto, ReportListDto } from '@leadtrack/schemas';
import { loadHistories, type PersonHistory, type UserHistory } from '../data/weekly-aggregates';
import { invalidField, notFound } from '../lib/problem';
import type { Caller } from '../plugins/app/authenticate';
import { canRead } from './access';
import { toUserDto } from './accounts';
import { readPolicy } from './policy';

/**
 * `asOf` as given, or today (UTC). A future date is refused (400 naming the field): the
 * model would otherwise project readiness from weeks that have not happened.
 */
export function resolveAsOf(asOf: IsoDate | undefined, field = 'asOf', today = todayUtc()) {
  if (asOf === undefined) return today;
  if (asOf > today) throw invalidField(field, `Must not be after today (${today})`);
  return asOf;
}

export function readinessFrom(policy: Policy, asOf: IsoDate, history: UserHistory): Readiness {
  return computeReadiness({ policy, asOf, weeks: history.weeks, checkins: history.checkins });
}

/** One user's history if the caller may read them (`me` is the caller); 404 otherwise. */
export async function readableHistory(
  db: Database,
  caller: Caller,
  ref: string,
  asOf: IsoDate,
): Promise<PersonHistory> {
  const id = ref === 'me' ? caller.id : ref;
  const [found] = await loadHistories(db, { readable: id, caller }, asOf);
  if (!found || !canRead(caller, found.person)) throw notFound('No such user.');
  return found;
}

/** GET /users/:id/readiness: one statement, plus the policy unless cached. */
export async function userReadiness(
  db: Database,
  caller: Caller,
  ref: string,
  asOfParam: IsoDate | undefined,
): Promise<ReadinessDto> {
  const asOf = resolveAsOf(asOfParam);
  const [policy, { person, history }] = await Promise.all([
    readPolicy(db.prisma),
    readableHistory(db, caller, ref, asOf),
  ]);
  const { weeks, current, signals } = readinessFrom(policy, asOf, history);
  return { userId: person.id, asOf, policy, weeks, current, signals };
}

/**
 * GET /reports: the caller's direct reports (by name), each with its current status,
 * signals and newest entry date. One statement for the whole team, plus the policy
 * unless cached: the same number of queries for 2 reports or 200.
 */
export async function teamReadiness(db: Database, caller: Caller): Promise<ReportListDto> {
  const asOf = todayUtc();
  const [policy, team] = await Promise.all([
    readPolicy(db.prisma),
    loadHistories(db, { reportsOf: caller.id }, asOf),
  ]);
  return {
    items: team.map(({ person, history }) => {
      const { current, signals } = readinessFrom(policy, asOf, history);
      return { user: toUserDto(person), current, signals, lastEvidenceOn: history.lastEvidenceOn };
    }),
  };
}
