// Logging many entries at once (POST /evidence/batch, imports, accepted suggestions). As for
// one entry (create-evidence.ts), the owner is always the caller: nothing to authorise
// beyond authentication. Each item obeys the rules of a single create (the route validates
// every item with CreateEvidenceBodySchema, naming `items.<n>.<field>`), and they are stored
// alike (the same normalise), all or nothing.
//
// Cheap: the entries are one INSERT … RETURNING (createManyAndReturn), whatever their
// number; with an Idempotency-Key the key joins them in one transaction. A new entry has no
// acknowledgement or endorsement yet, so its response needs no second read.
//
// Idempotency-Key as for one entry: the key is per user and remembers a SHA-256 of the
// normalised items, so the same key and body within 24 hours returns the first batch (its
// entries, in order, kept in `evidence_ids`), another body is a 409, and a key used for a
// single create cannot replay as a batch (the fingerprints differ).
import type { Evidence as EvidenceRow, Prisma, PrismaClient } from '@leadtrack/db';
import type { CreateEvidenceBody, EvidenceSource } from '@leadtrack/schemas';
import { dataChanged } from '../../freshness';
import { isUniqueViolation } from '../../lib/database-errors';
import { fromIsoDate } from '../../lib/dates';
import { conflict } from '../../lib/problem';
import type { Caller } from '../../plugins/app/authenticate';
import { fingerprint, IDEMPOTENCY_TTL_MS, normalise } from './create-evidence';
import { evidenceInclude } from './evidence-entry';

type Db = PrismaClient | Prisma.TransactionClient;

/** A stored entry with the relations every entry response carries. */
type EntryRow = Prisma.EvidenceGetPayload<{ include: typeof evidenceInclude }>;

const fresh = (row: EvidenceRow): EntryRow => ({ ...row, acknowledgements: [], endorsements: [] });

/**
 * Inserts the entries for `userId` in one statement, in order, and returns them as entry
 * rows. `source` is `manual` for the API's own creates; imports and accepted suggestions
 * pass theirs.
 */
export async function insertEntries(
  db: Db,
  userId: string,
  items: CreateEvidenceBody[],
  source: EvidenceSource = 'manual',
): Promise<EntryRow[]> {
  if (items.length === 0) return [];
  const rows = await db.evidence.createManyAndReturn({
    data: items.map((item) => {
      const entry = normalise(item);
      return { ...entry, occurredOn: fromIsoDate(entry.occurredOn), userId, source };
    }),
  });
  return rows.map(fresh);
}

export async function createEvidenceBatch(
  prisma: PrismaClient,
  caller: Caller,
  items: CreateEvidenceBody[],
  idempotencyKey?: string,
): Promise<EntryRow[]> {
  // Reported first: freshness watches it only when the command succeeds.
  dataChanged(caller.id);
  if (idempotencyKey === undefined) return insertEntries(prisma, caller.id, items);

  const requestHash = fingerprint({ batch: items.map(normalise) });
  const where = { userId_key: { userId: caller.id, key: idempotencyKey } };
  // A lost race is retried: the next read sees whichever concurrent request won.
  for (let attempt = 0; ; attempt++) {
    const seen = await prisma.idempotencyKey.findUnique({ where });
    if (seen && seen.createdAt.getTime() > Date.now() - IDEMPOTENCY_TTL_MS) {
      if (seen.requestHash !== requestHash) {
        throw conflict('This Idempotency-Key was already used with another body.');
      }
      return replay(prisma, seen.evidenceIds);
    }
    try {
      return await prisma.$transaction(async (tx) => {
        // An expired key is replaced, not reused: its row (and old fingerprint) goes.
        if (seen) await tx.idempotencyKey.deleteMany({ where: { id: seen.id } });
        const created = await insertEntries(tx, caller.id, items);
        const ids = created.map((entry) => entry.id);
        await tx.idempotencyKey.create({
          data: {
            userId: caller.id,
            key: idempotencyKey,
            requestHash,
            evidenceId: ids[0] as string,
            evidenceIds: ids,
          },
        });
        return created;
      });
    } catch (error) {
      // A concurrent request with the same key committed first: this transaction rolled
      // back (no entry of it stays), and the next pass returns the winner's batch or a 409.
      if (!isUniqueViolation(error) || attempt >= 2) throw error;
    }
  }
}

/** The entries a key's first batch made, in their order; 409 if one was deleted since. */
async function replay(prisma: PrismaClient, ids: string[]): Promise<EntryRow[]> {
  const rows = await prisma.evidence.findMany({
    where: { id: { in: ids } },
    include: evidenceInclude,
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const entries = ids.map((id) => byId.get(id));
  if (entries.some((entry) => !entry || entry.deletedAt)) {
    throw conflict('An entry created with this Idempotency-Key has been deleted since.');
  }
  return entries as EntryRow[];
}
