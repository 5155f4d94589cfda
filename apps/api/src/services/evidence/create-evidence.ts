// Logging evidence. Anyone signed in logs entries for themselves only: the owner is always
// the caller, so there is nothing to authorise beyond authentication. Entries made through
// the API are `manual`; the sources' ids and `import` belong to suggestions and imports.
//
// Idempotency-Key: a client that retries a create (a timeout, a flaky network) must not log
// the same work twice. Keys are per user (unique (user_id, key)) and remember a SHA-256 of
// the canonical body: the same key and body within 24 hours returns the first entry again,
// the same key with another body is a 409, and an expired key may be used afresh.
import { createHash } from 'node:crypto';
import type { Database, Prisma } from '@leadtrack/db';
import type { CreateEvidenceBody } from '@leadtrack/schemas';
import { dataChanged } from '../../freshness';
import { fromIsoDate } from '../../lib/dates';
import { conflict } from '../../lib/problem';
import { uuid7 } from '../../lib/uuid7';
import type { Caller } from '../../plugins/app/authenticate';
import { evidenceInclude } from './evidence-entry';

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

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
 * fixed key order, so bodies that would store the same entry (key order, whitespace around
 * strings, an omitted optional field versus its default) count as the same.
 */
export function fingerprint(entry: unknown): string {
  return createHash('sha256').update(JSON.stringify(entry)).digest('hex');
}

type EntryRow = Prisma.EvidenceGetPayload<{ include: typeof evidenceInclude }>;

// Arrays travel as JSON text: the embedded PGlite driver does not serialise JS arrays as
// Postgres arrays. The entry, and with a key its idempotency record, in ONE statement (one round trip, one
// implicit transaction): the key is claimed with ON CONFLICT DO NOTHING and the entry is
// inserted only if the claim succeeded, so a key never points at nothing and an entry made
// under a key is never left without it. The foreign key from the record to the entry is
// checked at the end of the statement, once both rows exist. The weekly aggregates and
// the owner's data version follow in the same statement (database triggers).
const INSERT_WITH_KEY = `
  WITH claimed AS (
    INSERT INTO idempotency_keys (id, user_id, key, request_hash, evidence_id, created_at)
    VALUES ($11, $2, $12, $13, $1, $9::timestamptz)
    ON CONFLICT (user_id, key) DO NOTHING
    RETURNING evidence_id
  )
  INSERT INTO evidence (id, user_id, kinds, title, description, occurred_on, links, audience,
    source, version, created_at, updated_at)
  SELECT claimed.evidence_id, $2, ARRAY(SELECT json_array_elements_text($3::json))::"EvidenceKind"[], $4, $5, $6::date, ARRAY(SELECT json_array_elements_text($7::json)),
    $8::"Audience", $10::"EvidenceSource", 1, $9::timestamptz, $9::timestamptz
  FROM claimed
  RETURNING id`;

const INSERT_ENTRY = `
  INSERT INTO evidence (id, user_id, kinds, title, description, occurred_on, links, audience,
    source, version, created_at, updated_at)
  VALUES ($1, $2, ARRAY(SELECT json_array_elements_text($3::json))::"EvidenceKind"[], $4, $5, $6::date, ARRAY(SELECT json_array_elements_text($7::json)), $8::"Audience",
    $10::"EvidenceSource", 1, $9::timestamptz, $9::timestamptz)
  RETURNING id`;

/**
 * Inserts the entry (and the key's record when `key` is given) in one statement. Returns
 * the entry as a response needs it, or null when the key is already taken (nothing is
 * written then).
 */
async function insertEntry(
  db: Pick<Database, 'query'>,
  userId: string,
  entry: ReturnType<typeof normalise>,
  key?: { key: string; requestHash: string },
): Promise<EntryRow | null> {
  const id = uuid7();
  const now = new Date();
  const values: unknown[] = [
    id,
    userId,
    JSON.stringify(entry.kinds),
    entry.title,
    entry.description,
    entry.occurredOn,
    JSON.stringify(entry.links),
    entry.audience,
    now.toISOString(),
    SOURCE,
  ];
  const rows = key
    ? await db.query(INSERT_WITH_KEY, [...values, uuid7(), key.key, key.requestHash])
    : await db.query(INSERT_ENTRY, values);
  if (rows.length === 0) return null;
  return {
    id,
    userId,
    kinds: entry.kinds,
    title: entry.title,
    description: entry.description,
    occurredOn: fromIsoDate(entry.occurredOn),
    links: entry.links,
    audience: entry.audience,
    source: SOURCE,
    version: 1,
    contentVersion: 1,
    deletedAt: null,
    createdAt: now,
    updatedAt: now,
    acknowledgements: [],
    endorsements: [],
  };
}

const SOURCE = 'manual' as const;

export async function createEvidence(
  db: Pick<Database, 'prisma' | 'query'>,
  caller: Caller,
  body: CreateEvidenceBody,
  idempotencyKey?: string,
): Promise<EntryRow> {
  // Reported first: freshness watches it only when the command succeeds.
  dataChanged(caller);
  const entry = normalise(body);
  if (idempotencyKey === undefined) {
    const created = await insertEntry(db, caller.id, entry);
    if (!created) throw new Error('the entry was not inserted');
    return created;
  }

  const requestHash = fingerprint(entry);
  const where = { userId_key: { userId: caller.id, key: idempotencyKey } };
  // A key seen for the first time costs one statement. A taken key is read: a fresh one
  // answers (the first entry, or a 409); an expired one is removed and the claim retried,
  // and a concurrent request that claims it first is then simply the one this one returns.
  for (let attempt = 0; ; attempt++) {
    const created = await insertEntry(db, caller.id, entry, { key: idempotencyKey, requestHash });
    if (created) return created;
    const seen = await db.prisma.idempotencyKey.findUnique({
      where,
      include: { evidence: { include: evidenceInclude } },
    });
    const fresh = seen && seen.createdAt.getTime() > Date.now() - IDEMPOTENCY_TTL_MS;
    if (seen && fresh) {
      if (seen.requestHash !== requestHash) {
        throw conflict('This Idempotency-Key was already used with another body.');
      }
      // The retry of a create whose entry was deleted since must not bring it back.
      if (seen.evidence.deletedAt) {
        throw conflict('The entry created with this Idempotency-Key has been deleted since.');
      }
      return seen.evidence;
    }
    if (attempt >= 2) throw new Error('the Idempotency-Key could not be claimed');
    // An expired key is replaced, not reused: its row (and old fingerprint) goes.
    if (seen) await db.prisma.idempotencyKey.deleteMany({ where: { id: seen.id } });
  }
}
