// Once per person, kind and week: a message_deliveries row is claimed in the database
// before a message is sent, so a rerun, a backfilled tick or a second API process running
// the same job at the same moment sends nothing twice (the unique key
// (user_id, kind, week_start) decides who sends). Nothing claimed is lost: when sending
// fails the claim is deleted again, and a claim left by a process that died while sending
// may be taken over once it is CLAIM_TIMEOUT old.
import type { IsoDate } from '@leadtrack/core';
import type { Database } from '@leadtrack/db';
import type { MessageKind } from '@leadtrack/schemas';
import type { JobContext, JobResult } from './job';
import { hasCome, type LocalWeek, localWeekOf, oldestWeekStart } from './schedule';

/** Longer than any send takes (the SMTP timeouts are 15 s). */
export const CLAIM_TIMEOUT = '15 minutes';

export interface DeliveryKey {
  userId: string;
  kind: MessageKind;
  weekStart: IsoDate;
}

interface Claim {
  id: string;
  /** The claim's own time: a release deletes only the claim it made. */
  claimedAt: string;
}

/** Claims the delivery, or null when it is sent or being sent by someone else. */
export async function claimDelivery(db: Database, key: DeliveryKey): Promise<Claim | null> {
  const [claim] = await db.query<Claim>(
    `INSERT INTO message_deliveries AS d (id, user_id, kind, week_start, status, claimed_at)
     VALUES (gen_random_uuid()::text, $1, $2, $3::date, 'claimed', clock_timestamp())
     ON CONFLICT (user_id, kind, week_start) DO UPDATE SET claimed_at = excluded.claimed_at
       WHERE d.status = 'claimed' AND d.claimed_at < now() - interval '${CLAIM_TIMEOUT}'
     RETURNING d.id, d.claimed_at::text AS "claimedAt"`,
    [key.userId, key.kind, key.weekStart],
  );
  return claim ?? null;
}

export async function markSent(db: Database, claim: Claim, details: unknown): Promise<void> {
  await db.query(
    `UPDATE message_deliveries SET status = 'sent', sent_at = now(), details = $2::jsonb
      WHERE id = $1`,
    [claim.id, details === undefined ? null : JSON.stringify(details)],
  );
}

export async function releaseDelivery(db: Database, claim: Claim): Promise<void> {
  await db.query(
    `DELETE FROM message_deliveries
      WHERE id = $1 AND status = 'claimed' AND claimed_at = $2::timestamptz`,
    [claim.id, claim.claimedAt],
  );
}

/**
 * The deliveries of `kind` already made (or being made) from `since` on, as
 * `userId|weekStart` keys: who can be left out before any work is done for them.
 */
export async function deliveredSince(
  db: Database,
  kind: MessageKind,
  since: IsoDate,
): Promise<Set<string>> {
  const rows = await db.query<{ key: string }>(
    `SELECT user_id || '|' || to_char(week_start, 'YYYY-MM-DD') AS key
       FROM message_deliveries WHERE kind = $1 AND week_start >= $2::date`,
    [kind, since],
  );
  return new Set(rows.map((r) => r.key));
}

/**
 * Claims, sends and records one delivery: true when this call sent it, false when it was
 * already sent or claimed elsewhere. When `send` throws the claim is released (and the
 * error thrown on), so the next run tries again.
 */
export async function deliverOnce(
  db: Database,
  key: DeliveryKey,
  send: () => Promise<unknown>,
): Promise<boolean> {
  const claim = await claimDelivery(db, key);
  if (!claim) return false;
  let details: unknown;
  try {
    details = await send();
  } catch (error) {
    await releaseDelivery(db, claim);
    throw error;
  }
  await markSent(db, claim, details);
  return true;
}

/**
 * deliverOnce for a job's run: counts the delivery in `result` (done when this call sent
 * it, failed when sending threw: logged, released, and retried on the next run).
 */
export async function deliverCounted(
  ctx: JobContext,
  result: JobResult,
  key: DeliveryKey,
  send: () => Promise<unknown>,
): Promise<void> {
  try {
    if (await deliverOnce(ctx.db, key, send)) result.done++;
  } catch (err) {
    result.failed++;
    ctx.log.error(
      { err, userId: key.userId, kind: key.kind },
      'message not sent; retried on the next run',
    );
  }
}

/** Someone a scheduled message goes to, at a local weekday and hour of their own zone. */
export interface Recipient {
  id: string;
  timeZone: string;
}

/**
 * The recipients whose moment of this local week (`momentOf`: an ISO weekday and an hour)
 * has come and who have no delivery of `kind` for that week yet, each with that week. The
 * recipients are read while the deliveries are.
 */
export async function dueThisWeek<R extends Recipient>(
  ctx: JobContext,
  kind: MessageKind,
  asOf: Date,
  recipients: Promise<R[]>,
  momentOf: (recipient: R) => { day: number; hour: number },
): Promise<(R & LocalWeek)[]> {
  const [people, delivered] = await Promise.all([
    recipients,
    deliveredSince(ctx.db, kind, oldestWeekStart(asOf)),
  ]);
  const due: (R & LocalWeek)[] = [];
  for (const person of people) {
    const week = localWeekOf(person.timeZone, asOf);
    const { day, hour } = momentOf(person);
    if (!hasCome(week.local, day, hour)) continue;
    if (delivered.has(`${person.id}|${week.weekStart}`)) continue;
    due.push({ ...person, ...week });
  }
  return due;
}
