// The one way entries are stored: a create (POST /evidence), a batch (POST /evidence/batch),
// an import in `create` mode and an accepted suggestion all come here. The owner is always
// the caller (nothing to authorise beyond authentication); every item has passed
// CreateEvidenceBodySchema and is stored alike (`normalise`). After the insert, database
// triggers keep the weekly aggregates and the owner's data version (freshness/).
//
// One statement, whatever the number of entries: the items travel as one JSON array
// (json_to_recordset; arrays as JSON because the embedded driver does not send JS arrays as
// Postgres arrays), and with an Idempotency-Key the key is claimed in the same statement
// (ON CONFLICT DO NOTHING), the entries inserted only if the claim succeeded: a key never
// points at nothing, and entries made under a key are never left without it.
//
// Idempotency-Key, one algorithm for one entry and many: keys are per user and remember a
// SHA-256 of the normalised body (`fingerprint`; a batch's is taken over `{batch: items}`,
// so a key used for one cannot replay as the other). The same key and body within 24 hours
// returns the first request's entries again (their ids kept in `evidence_ids`), another body
// is a 409, an entry deleted since is a 409, and an expired key is replaced.
import { createHash } from 'node:crypto';
import type { Database, Prisma, PrismaClient } from '@leadtrack/db';
import type { CreateEvidenceBody, EvidenceSource } from '@leadtrack/schemas';
import { fromIsoDate } from '../../lib/dates';
import { conflict } from '../../lib/problem';
import { uuid7 } from '../../lib/uuid7';
import { evidenceInclude } from './evidence-entry';

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/** A stored entry with the relations every entry response carries. */
export type EntryRow = Prisma.EvidenceGetPayload<{ include: typeof evidenceInclude }>;

/** Where a statement runs: the app's database, or a Prisma transaction (`sqlOf(tx)`). */
export type Sql = Pick<Database, 'query'>;

/** A Prisma transaction as a `Sql`, so an insert joins the caller's transaction. */
export function sqlOf(tx: Prisma.TransactionClient): Sql {
  return {
    query: <T>(text: string, values: unknown[] = []) => tx.$queryRawUnsafe<T[]>(text, ...values),
  };
}

/** The stored form of a create body; optional fields take their stored defaults. */
export function normalise(body: CreateEvidenceBody) {
  return {
    kinds: body.kinds,
    title: body.title,
    description: body.description || null,
    occurredOn: body.occurredOn,
    links: body.links ?? [],
    audience: body.audience ?? null,
  };
}

/**
 * The fingerprint of a body for Idempotency-Key: computed on the normalised body with a
 * fixed key order, so bodies that would store the same entries (key order, whitespace around
 * strings, an omitted optional field versus its default) count as the same.
 */
export function fingerprint(body: unknown): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('hex');
}

const INSERT = `
  WITH items AS (
    SELECT * FROM json_to_recordset($2::json)
      AS t(n int, id text, kinds "EvidenceKind"[], title text, description text,
           occurred_on date, links text[], audience "Audience")
  ),
  claimed AS (
    INSERT INTO idempotency_keys (id, user_id, key, request_hash, evidence_id, evidence_ids,
      created_at)
    SELECT $5, $1, $6, $7, $8, ARRAY(SELECT json_array_elements_text($9::json)), $3::timestamptz
     WHERE $6::text IS NOT NULL
    ON CONFLICT (user_id, key) DO NOTHING
    RETURNING 1
  )
  INSERT INTO evidence (id, user_id, kinds, title, description, occurred_on, links, audience,
    source, version, created_at, updated_at)
  SELECT i.id, $1, i.kinds, i.title, i.description, i.occurred_on, i.links, i.audience,
    $4::"EvidenceSource", 1, $3::timestamptz, $3::timestamptz
    FROM items i
   WHERE $6::text IS NULL OR EXISTS (SELECT 1 FROM claimed)
   ORDER BY i.n
  RETURNING id`;

/**
 * Inserts `items` for `userId`, in order, in one statement (and the key's record when `key`
 * is given). Answers the entries as a response needs them, or null when the key is already
 * taken (nothing is written then).
 */
export async function insertEntries(
  sql: Sql,
  userId: string,
  items: CreateEvidenceBody[],
  source: EvidenceSource = 'manual',
  key?: { key: string; requestHash: string },
): Promise<EntryRow[] | null> {
  if (items.length === 0) return [];
  const now = new Date();
  const entries = items.map((item) => ({ id: uuid7(), ...normalise(item) }));
  const ids = entries.map((e) => e.id);
  const rows = await sql.query<{ id: string }>(INSERT, [
    userId,
    JSON.stringify(
      entries.map((e, n) => ({ ...e, n, occurred_on: e.occurredOn, occurredOn: undefined })),
    ),
    now.toISOString(),
    source,
    uuid7(),
    key?.key ?? null,
    key?.requestHash ?? null,
    ids[0],
    JSON.stringify(ids),
  ]);
  if (rows.length === 0) return null;
  return entries.map(({ occurredOn, ...entry }) => ({
    ...entry,
    userId,
    occurredOn: fromIsoDate(occurredOn),
    source,
    version: 1,
    contentVersion: 1,
    deletedAt: null,
    createdAt: now,
    updatedAt: now,
    acknowledgements: [],
    endorsements: [],
  }));
}

/**
 * Creates the caller's entries under an Idempotency-Key: a key seen for the first time costs
 * one statement; a taken key is read: a fresh one answers (the first request's entries, or a
 * 409), an expired one is removed and the claim retried, and a concurrent request that
 * claims it first is then simply the one this one returns.
 */
export async function insertIdempotently(
  db: Pick<Database, 'prisma' | 'query'>,
  userId: string,
  items: CreateEvidenceBody[],
  key: string,
  requestHash: string,
): Promise<EntryRow[]> {
  const where = { userId_key: { userId, key } };
  for (let attempt = 0; ; attempt++) {
    const created = await insertEntries(db, userId, items, 'manual', { key, requestHash });
    if (created) return created;
    const seen = await db.prisma.idempotencyKey.findUnique({ where });
    if (seen && seen.createdAt.getTime() > Date.now() - IDEMPOTENCY_TTL_MS) {
      if (seen.requestHash !== requestHash)
        throw conflict('This Idempotency-Key was already used with another body.');
      // Keys claimed before `evidence_ids` was kept name their one entry only.
      return replay(db.prisma, seen.evidenceIds.length > 0 ? seen.evidenceIds : [seen.evidenceId]);
    }
    if (attempt >= 2) throw new Error('the Idempotency-Key could not be claimed');
    // An expired key is replaced, not reused: its row (and old fingerprint) goes.
    if (seen) await db.prisma.idempotencyKey.deleteMany({ where: { id: seen.id } });
  }
}

/** The entries a key's first request made, in their order; 409 if one was deleted since. */
async function replay(prisma: PrismaClient, ids: string[]): Promise<EntryRow[]> {
  const rows = await prisma.evidence.findMany({
    where: { id: { in: ids } },
    include: evidenceInclude,
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const entries = ids.map((id) => byId.get(id));
  // The retry of a create whose entry was deleted since must not bring it back.
  if (entries.some((entry) => !entry || entry.deletedAt)) {
    throw conflict(
      ids.length === 1
        ? 'The entry created with this Idempotency-Key has been deleted since.'
        : 'An entry created with this Idempotency-Key has been deleted since.',
    );
  }
  return entries as EntryRow[];
}
