// The audit log: admin actions recorded inside the same transaction as the change they
// describe (so a rolled-back change leaves no entry, and no change goes unrecorded), and
// read back newest first with keyset paging on (at, id).
//
// Details hold what changed, never a secret: no password, hash, token or reset link.
import { Prisma, type PrismaClient } from '@leadtrack/db';
import type { AUDIT_ACTIONS, AuditEvent, AuditPage, AuditQuery } from '@leadtrack/schemas';
import { decodeInstantCursor, encodeInstantCursor } from '../lib/instant-cursor';

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  actorId: string;
  action: AuditAction;
  targetId?: string | null;
  details?: Prisma.InputJsonObject;
}

/** Records one admin action; pass the transaction that makes the change. */
export async function recordAuditEvent(
  tx: Prisma.TransactionClient | PrismaClient,
  entry: AuditEntry,
): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      targetId: entry.targetId ?? null,
      details: entry.details ?? {},
    },
  });
}

interface AuditRow {
  id: string;
  at: Date;
  action: string;
  details: Record<string, unknown> | null;
  actorId: string | null;
  actorName: string | null;
  targetId: string | null;
  targetName: string | null;
}

/** GET /audit (admins only, checked by the route): one page, newest first. */
export async function listAuditEvents(prisma: PrismaClient, query: AuditQuery): Promise<AuditPage> {
  const after = query.cursor === undefined ? null : decodeInstantCursor(query.cursor);
  const rows = await prisma.$queryRaw<AuditRow[]>`
    SELECT a.id, a.at, a.action, a.details,
           a.actor_id AS "actorId", actor.name AS "actorName",
           a.target_id AS "targetId", target.name AS "targetName"
      FROM audit_events a
      LEFT JOIN users actor ON actor.id = a.actor_id
      LEFT JOIN users target ON target.id = a.target_id
     WHERE ${after ? Prisma.sql`(a.at, a.id) < (${after.at}::timestamptz, ${after.id})` : Prisma.sql`TRUE`}
     ORDER BY a.at DESC, a.id DESC
     LIMIT ${query.limit + 1}`;
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toAuditEvent),
    nextCursor: rows.length > query.limit && last ? encodeInstantCursor(last) : null,
  };
}

function toAuditEvent(row: AuditRow): AuditEvent {
  return {
    id: row.id,
    at: row.at.toISOString(),
    // Accounts are never deleted through the API; the fallback only covers a row whose
    // actor was removed by hand in the database.
    actor: { id: row.actorId ?? '', name: row.actorName ?? 'A removed account' },
    action: row.action,
    target: row.targetId ? { id: row.targetId, name: row.targetName ?? '' } : null,
    details: row.details ?? {},
  };
}
