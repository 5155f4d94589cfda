// "A report became ready": after a write that can change someone's readiness (their
// evidence, its acknowledgements and endorsements, their check-ins), their current status
// is computed again (services/readiness.ts, cached per data version) and compared with the
// last one seen, kept in readiness_states. The turn to ready notifies their manager, once:
// the upsert only changes a row that was not ready, so of two racing writes one wins. A
// status that leaves ready is recorded too, so becoming ready again notifies again.
//
// The write has committed when this runs: a failure here is logged, never turned into an
// error for a change that was made.
import { statusOf } from '@leadtrack/core';
import type { Database } from '@leadtrack/db';
import type { FastifyBaseLogger } from 'fastify';
import { loadPeople, type Person } from '../../data/weekly-aggregates';
import type { Caller } from '../../plugins/app/authenticate';
import { currentReadinessAfterWrite, currentReadinessOf } from '../readiness';
import type { CachedReadiness } from '../readiness-cache';
import { notify } from './notify';

/** Whose readiness to watch: an id (read first), or the caller when they own the data. */
export type Watched = string | Caller;

export async function watchReadiness(db: Database, who: Watched, now: Date): Promise<void> {
  let person: Pick<Person, 'id' | 'name' | 'managerId' | 'timeZone'>;
  let found: CachedReadiness | undefined;
  if (typeof who === 'string') {
    const people = await loadPeople(db, { ids: [who] });
    const [entry] = people;
    if (!entry) return;
    person = entry.person;
    // As of the person's today (their time zone), like the team view their manager sees.
    found = (await currentReadinessOf(db, people, now)).get(person.id);
  } else {
    // The writer is the owner: their row is the request's, no read of it first.
    person = who;
    found = await currentReadinessAfterWrite(db, who, now);
  }
  if (!found) return;
  const status = statusOf(found.readiness.current);
  if (status !== 'ready') {
    await db.query(
      `INSERT INTO readiness_states (user_id, status) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET status = EXCLUDED.status, changed_at = now()
       WHERE readiness_states.status <> EXCLUDED.status`,
      [person.id, status],
    );
    return;
  }
  // Already ready (every write of a ready person): nothing to record. Otherwise the turn
  // and its notification in one transaction; of two racing turns the upsert lets one win.
  const [state] = await db.query<{ status: string }>(
    'SELECT status FROM readiness_states WHERE user_id = $1',
    [person.id],
  );
  if (state?.status === 'ready') return;
  const { streak } = found.readiness.current;
  const { id, name, managerId } = person;
  await db.prisma.$transaction(async (tx) => {
    const turned = await tx.$executeRaw`
      INSERT INTO readiness_states (user_id, status) VALUES (${id}, 'ready')
      ON CONFLICT (user_id) DO UPDATE SET status = 'ready', changed_at = now()
      WHERE readiness_states.status <> 'ready'`;
    if (turned !== 1 || !managerId) return;
    await notify(
      tx,
      {
        userId: managerId,
        type: 'report-ready',
        subject: `${name} became ready, after ${streak} consistent ${streak === 1 ? 'week' : 'weeks'}.`,
        link: `/team/${id}`,
      },
      null,
    );
  });
}

/** watchReadiness for a route: after the write's answer is known, never failing it. */
export async function watchReadinessAfterWrite(
  db: Database,
  log: FastifyBaseLogger,
  who: Watched,
  now: Date,
): Promise<void> {
  try {
    await watchReadiness(db, who, now);
  } catch (error) {
    const userId = typeof who === 'string' ? who : who.id;
    log.error({ err: error, userId }, 'could not check whether readiness changed');
  }
}
