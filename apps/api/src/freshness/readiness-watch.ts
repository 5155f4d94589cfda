// "A report became ready": after a write that can change someone's readiness (their
// evidence, its acknowledgements and endorsements, their check-ins: reported to freshness,
// ./changes.ts), or a policy change (everyone with a manager), their current status
// is computed again (services/readiness.ts, cached per data version) and compared with the
// last one seen, kept in readiness_states. The turn to ready notifies their manager, once:
// the upsert only changes a row that was not ready, so of two racing writes one wins. A
// status that leaves ready is recorded too, so becoming ready again notifies again.
//
// Owners' own writes (the caller is the person: creates, edits, deletes, restores,
// check-ins) are watched in batches: writes that finish while a batch is running join the
// next one, which starts once it ends, so each is watched by a read made after its commit,
// and 16 writes in flight cost a few statements, not 16 times two. A batch is one read of
// the changed weeks per distinct date and one statement recording every status; only a
// turn to ready takes its own transaction (the upsert and the notification together).
//
// The write has committed when this runs: a failure here is logged, never turned into an
// error for a change that was made.
import { statusOf } from '@leadtrack/core';
import type { Database } from '@leadtrack/db';
import { loadPeople, type PeopleScope, type Person } from '../data/weekly-aggregates';
import { perDatabase } from '../lib/per-database';
import { notify } from '../services/notifications/notify';
import { currentReadinessAfterWrites, currentReadinessOf } from '../services/readiness';
import type { CachedReadiness } from '../services/readiness-cache';
import { markNotificationMade, type Watched } from './changes';

type Watchable = Pick<Person, 'id' | 'name' | 'managerId' | 'timeZone'>;

export async function watchReadiness(db: Database, who: Watched, now: Date): Promise<void> {
  if (typeof who !== 'string') {
    // The batch runs in another request's context: its notifications are this one's too.
    if (await batchesOf(db).watch(who, now)) markNotificationMade();
    return;
  }
  await watchPeople(db, { ids: [who] }, now);
}

/** Everyone with a manager (after a policy change: any of them may have turned ready). */
export function watchManagedPeople(db: Database, now: Date): Promise<void> {
  return watchPeople(db, { managed: true }, now);
}

async function watchPeople(db: Database, scope: PeopleScope, now: Date): Promise<void> {
  const people = await loadPeople(db, scope);
  if (people.length === 0) return;
  // As of each person's today (their time zone), like the team view their manager sees.
  const found = await currentReadinessOf(db, people, now);
  await record(
    db,
    people.flatMap(({ person }) => {
      const one = found.get(person.id);
      return one ? [{ person, found: one }] : [];
    }),
  );
}

/**
 * Records each status: one statement for all (a status other than ready is upserted, and
 * the people computed ready whose recorded status is not are returned), then the turn to
 * ready of each of those in a transaction with its notification.
 */
async function record(
  db: Database,
  watched: { person: Watchable; found: CachedReadiness }[],
): Promise<boolean> {
  const statuses = watched.map(({ person, found }) => ({
    user_id: person.id,
    status: statusOf(found.readiness.current),
  }));
  const turning = await db.query<{ id: string }>(
    `WITH x AS (SELECT * FROM json_to_recordset($1::json) AS x(user_id text, status text)),
     up AS (
       INSERT INTO readiness_states (user_id, status)
       SELECT user_id, status FROM x WHERE status <> 'ready'
       ON CONFLICT (user_id) DO UPDATE SET status = EXCLUDED.status, changed_at = now()
       WHERE readiness_states.status <> EXCLUDED.status)
     SELECT x.user_id AS id FROM x LEFT JOIN readiness_states s ON s.user_id = x.user_id
      WHERE x.status = 'ready' AND s.status IS DISTINCT FROM 'ready'`,
    [JSON.stringify(statuses)],
  );
  let notified = false;
  for (const { id } of turning) {
    const one = watched.find((w) => w.person.id === id);
    if (one && (await turnReady(db, one.person, one.found.readiness.current.streak))) {
      notified = true;
    }
  }
  return notified;
}

/** Records the turn to ready and notifies the manager; whether a notification was made. */
async function turnReady(db: Database, person: Watchable, streak: number): Promise<boolean> {
  const { id, name, managerId } = person;
  return db.prisma.$transaction(async (tx) => {
    const turned = await tx.$executeRaw`
      INSERT INTO readiness_states (user_id, status) VALUES (${id}, 'ready')
      ON CONFLICT (user_id) DO UPDATE SET status = 'ready', changed_at = now()
      WHERE readiness_states.status <> 'ready'`;
    if (turned !== 1 || !managerId) return false;
    return notify(
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

interface Batch {
  people: Map<string, Watchable>;
  /** The latest request instant of the batch: each person is judged as of their today then. */
  now: Date;
  /** Whether the batch made a notification. */
  done: Promise<boolean>;
  resolve: (notified: boolean) => void;
  reject: (error: unknown) => void;
}

/** The owners' writes waiting to be watched, one batch running at a time. */
class WatchBatches {
  #open: Batch | null = null;
  #running = false;

  constructor(readonly db: Database) {}

  watch(person: Watchable, now: Date): Promise<boolean> {
    if (!this.#open) {
      let resolve: (notified: boolean) => void = () => {};
      let reject: (error: unknown) => void = () => {};
      const done = new Promise<boolean>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      this.#open = { people: new Map(), now, done, resolve, reject };
      // Writes finishing in this same turn of the event loop join before it starts.
      if (!this.#running) queueMicrotask(() => this.#next());
    }
    const batch = this.#open;
    batch.people.set(person.id, person);
    if (now > batch.now) batch.now = now;
    return batch.done;
  }

  async #next(): Promise<void> {
    const batch = this.#open;
    if (!batch || this.#running) return;
    this.#open = null;
    this.#running = true;
    try {
      const people = [...batch.people.values()];
      const found = await currentReadinessAfterWrites(this.db, people, batch.now);
      const notified = await record(
        this.db,
        people.flatMap((person) => {
          const one = found.get(person.id);
          return one ? [{ person, found: one }] : [];
        }),
      );
      batch.resolve(notified);
    } catch (error) {
      batch.reject(error);
    } finally {
      this.#running = false;
      void this.#next();
    }
  }
}

const batchesOf = perDatabase((db) => new WatchBatches(db));
