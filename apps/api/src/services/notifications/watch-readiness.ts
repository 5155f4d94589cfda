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
import { loadPeople } from '../../data/weekly-aggregates';
import { currentReadinessOf } from '../readiness';
import { notify } from './notify';

export async function watchReadiness(db: Database, userId: string, now: Date): Promise<void> {
  const people = await loadPeople(db, { ids: [userId] });
  // As of the person's today (their time zone), like the team view their manager sees.
  const computed = await currentReadinessOf(db, people, now);
  const [entry] = people;
  const found = entry && computed.get(entry.person.id);
  if (!entry || !found) return;
  const { person } = entry;
  const status = statusOf(found.readiness.current);
  if (status !== 'ready') {
    await db.prisma.$executeRaw`
      INSERT INTO readiness_states (user_id, status) VALUES (${person.id}, ${status})
      ON CONFLICT (user_id) DO UPDATE SET status = EXCLUDED.status, changed_at = now()
      WHERE readiness_states.status <> EXCLUDED.status`;
    return;
  }
  const { streak } = found.readiness.current;
  await db.prisma.$transaction(async (tx) => {
    const turned = await tx.$executeRaw`
      INSERT INTO readiness_states (user_id, status) VALUES (${person.id}, 'ready')
      ON CONFLICT (user_id) DO UPDATE SET status = 'ready', changed_at = now()
      WHERE readiness_states.status <> 'ready'`;
    if (turned !== 1 || !person.managerId) return;
    await notify(
      tx,
      {
        userId: person.managerId,
        type: 'report-ready',
        subject: `${person.name} became ready, after ${streak} consistent ${streak === 1 ? 'week' : 'weeks'}.`,
        link: `/team/${person.id}`,
      },
      null,
    );
  });
}

/** watchReadiness for a route: after the write's answer is known, never failing it. */
export async function watchReadinessAfterWrite(
  db: Database,
  log: FastifyBaseLogger,
  userId: string,
  now: Date,
): Promise<void> {
  try {
    await watchReadiness(db, userId, now);
  } catch (error) {
    log.error({ err: error, userId }, 'could not check whether readiness changed');
  }
}
