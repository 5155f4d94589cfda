// Logging one entry (POST /evidence) or many (POST /evidence/batch) for oneself: both are
// insert-entries.ts's one insert path and its one Idempotency-Key algorithm. Entries made
// through the API are `manual`; the sources' ids and `import` belong to suggestions and
// imports. A batch is all or nothing (one statement).
import type { Database } from '@leadtrack/db';
import type { CreateEvidenceBody } from '@leadtrack/schemas';
import { dataChanged } from '../../freshness';
import type { Caller } from '../../plugins/app/authenticate';
import {
  type EntryRow,
  fingerprint,
  insertEntries,
  insertIdempotently,
  normalise,
} from './insert-entries';

type Db = Pick<Database, 'prisma' | 'query'>;

export async function createEvidence(
  db: Db,
  caller: Caller,
  body: CreateEvidenceBody,
  idempotencyKey?: string,
): Promise<EntryRow> {
  const [entry] = await create(db, caller, [body], idempotencyKey, fingerprint(normalise(body)));
  if (!entry) throw new Error('the entry was not inserted');
  return entry;
}

export async function createEvidenceBatch(
  db: Db,
  caller: Caller,
  items: CreateEvidenceBody[],
  idempotencyKey?: string,
): Promise<EntryRow[]> {
  return create(db, caller, items, idempotencyKey, fingerprint({ batch: items.map(normalise) }));
}

async function create(
  db: Db,
  caller: Caller,
  items: CreateEvidenceBody[],
  idempotencyKey: string | undefined,
  requestHash: string,
): Promise<EntryRow[]> {
  // Reported first: freshness watches it only when the command succeeds.
  dataChanged(caller);
  if (idempotencyKey !== undefined)
    return insertIdempotently(db, caller.id, items, idempotencyKey, requestHash);
  const created = await insertEntries(db, caller.id, items);
  if (!created) throw new Error('the entries were not inserted');
  return created;
}
