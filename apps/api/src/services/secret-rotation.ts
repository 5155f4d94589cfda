// Every stored secret, found through the sources' registry (each source's `secret`:
// table, column, purpose; rows keyed by `user_id`, the owner sealed into each value): what
// `npm run secrets:rotate` re-seals under a new LEADTRACK_SECRET_KEY in one transaction, and
// what the API counts at start to say which key its values are sealed under.
import type { Database } from '@leadtrack/db';
import { SOURCES } from '../sources/registry';
import {
  databaseKeys,
  type Keyring,
  keyId,
  SecretUnreadable,
  sealedUnder,
  sealWith,
  unsealWith,
} from './sealed-secrets';

/** One stored secret's place: `table.column`, what it holds and how it is sealed. */
export const STORED_SECRETS = SOURCES.map((source) => ({ source: source.id, ...source.secret }));

/** Table and column names come from the registry, never from input; checked all the same. */
function identifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Not a plain SQL name: ${name}`);
  return `"${name}"`;
}

/** How many stored values each key sealed: 'database' or a LEADTRACK_SECRET_KEY's id. */
export async function countSealedValues(db: Database): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const place of STORED_SECRETS) {
    const rows = await db.query<{ value: string }>(
      `SELECT ${identifier(place.column)} AS value FROM ${identifier(place.table)} WHERE ${identifier(place.column)} IS NOT NULL`,
    );
    for (const { value } of rows) {
      const under = sealedUnder(value) ?? 'unknown';
      counts.set(under, (counts.get(under) ?? 0) + 1);
    }
  }
  return counts;
}

export interface RotationResult {
  /** `table.column` → values re-sealed. */
  rows: { place: string; count: number }[];
  /** The new key's id, now beside every value. */
  keyId: string;
  /** The database's own keys removed (no value needs them any more). */
  removedDatabaseKeys: string[];
}

/**
 * Opens every stored secret with `current` (LEADTRACK_SECRET_KEY, and the database's own key
 * for values sealed before it was set) and seals it under `next`, in one transaction with
 * the rows locked: all or nothing. A value that does not open stops it (nothing changes),
 * naming the row. The database's own keys go in the same transaction: afterwards nothing
 * in the database opens what it stores.
 */
export async function rotateSecrets(
  db: Database,
  current: Buffer | null,
  next: Buffer,
): Promise<RotationResult> {
  return db.prisma.$transaction(
    async (tx) => {
      const query = <T>(text: string, ...values: unknown[]) =>
        tx.$queryRawUnsafe<T[]>(text, ...values);
      const from: Keyring = {
        environment: current,
        database: async (name) => {
          const rows = await query<{ value: string }>(
            'SELECT value FROM instance_secrets WHERE name = $1',
            name,
          );
          return rows[0] ? Buffer.from(rows[0].value, 'base64url') : null;
        },
      };
      const to: Keyring = { environment: next, database: databaseKeys(db) };
      const rows: RotationResult['rows'] = [];
      for (const place of STORED_SECRETS) {
        const table = identifier(place.table);
        const column = identifier(place.column);
        const stored = await query<{ user_id: string; value: string }>(
          `SELECT user_id, ${column} AS value FROM ${table} WHERE ${column} IS NOT NULL ORDER BY user_id FOR UPDATE`,
        );
        for (const row of stored) {
          let value: string;
          try {
            value = await unsealWith(from, place.purpose, row.user_id, row.value);
          } catch (error) {
            if (!(error instanceof SecretUnreadable)) throw error;
            throw new SecretUnreadable(
              `${place.table}.${place.column} of user ${row.user_id}: ${error.message} Nothing was changed.`,
            );
          }
          await tx.$executeRawUnsafe(
            `UPDATE ${table} SET ${column} = $1 WHERE user_id = $2`,
            await sealWith(to, place.purpose, row.user_id, value),
            row.user_id,
          );
        }
        rows.push({ place: `${place.table}.${place.column}`, count: stored.length });
      }
      const names = [...new Set(STORED_SECRETS.map((place) => place.purpose.secretName))];
      const removed = await query<{ name: string }>(
        'DELETE FROM instance_secrets WHERE name = ANY($1::text[]) RETURNING name',
        names,
      );
      return { rows, keyId: keyId(next), removedDatabaseKeys: removed.map((r) => r.name).sort() };
    },
    { timeout: 600_000, maxWait: 30_000 },
  );
}
