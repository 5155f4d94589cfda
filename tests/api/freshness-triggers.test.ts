// The triggers in the database (pg_trigger, after the real migrations) whose function
// writes a data_version are exactly the ones freshness declares (apps/api/src/freshness/triggers.ts): every trigger that bumps a data
// version is known to the module that keys the caches by it, and a migration cannot add,
// drop or change one without the declaration following.
import { DATA_VERSION_TRIGGERS } from '@leadtrack/api/freshness/triggers';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../support/test-app';

const { sql } = useTestApp();

// pg_trigger.tgtype bits (src/include/catalog/pg_trigger.h).
const ROW = 1;
const EVENT_BITS = { INSERT: 4, DELETE: 8, UPDATE: 16 } as const;

describe('the data-version triggers', () => {
  it('are exactly those the freshness module declares', async () => {
    const { rows } = await sql.query<{ table: string; name: string; runs: string; type: number }>(
      `SELECT c.relname AS table, t.tgname AS name, p.proname AS runs, t.tgtype::int AS type
         FROM pg_trigger t
         JOIN pg_class c ON c.oid = t.tgrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace
         JOIN pg_proc p ON p.oid = t.tgfoid
        WHERE NOT t.tgisinternal AND n.nspname = 'public' AND p.prosrc LIKE '%data_version%'
        ORDER BY c.relname, t.tgname`,
    );
    const inDatabase = rows.map(({ table, name, runs, type }) => ({
      table,
      name,
      runs,
      events: (['INSERT', 'UPDATE', 'DELETE'] as const).filter((e) => type & EVENT_BITS[e]),
      level: type & ROW ? 'row' : 'statement',
    }));
    const declared = [...DATA_VERSION_TRIGGERS]
      .map((t) => ({ ...t, events: [...t.events] }))
      .sort((a, b) => a.table.localeCompare(b.table) || a.name.localeCompare(b.name));
    expect(inDatabase).toEqual(declared);
  });

  it('bump the version of whoever a write touched, and only theirs', async () => {
    const { rows: users } = await sql.query<{ id: string }>(
      `INSERT INTO users (id, email, name, password_hash, role, updated_at)
       VALUES ('fr-a', 'fr-a@example.test', 'A', 'x', 'engineer', now()),
              ('fr-b', 'fr-b@example.test', 'B', 'x', 'manager', now())
       RETURNING id`,
    );
    expect(users).toHaveLength(2);
    const versions = async () => {
      const { rows } = await sql.query<{ id: string; v: string }>(
        `SELECT id, data_version::text AS v FROM users WHERE id IN ('fr-a', 'fr-b') ORDER BY id`,
      );
      return Object.fromEntries(rows.map((r) => [r.id, Number(r.v)]));
    };
    const before = await versions();
    await sql.query(
      `INSERT INTO evidence (id, user_id, kinds, title, occurred_on, updated_at)
       VALUES ('fr-e', 'fr-a', '{ownership}', 'Owned it', '2026-11-02', now())`,
    );
    const afterEntry = await versions();
    expect(afterEntry['fr-a']).toBeGreaterThan(before['fr-a'] ?? 0);
    expect(afterEntry['fr-b']).toBe(before['fr-b']);
    await sql.query(
      `INSERT INTO working_agreements (user_id, manager_id, updated_at) VALUES ('fr-a', 'fr-b', now())`,
    );
    const afterAgreement = await versions();
    expect(afterAgreement['fr-a']).toBeGreaterThan(afterEntry['fr-a'] ?? 0);
    await sql.query(`DELETE FROM working_agreements WHERE user_id = 'fr-a'`);
    expect((await versions())['fr-a']).toBeGreaterThan(afterAgreement['fr-a'] ?? 0);
  });
});
