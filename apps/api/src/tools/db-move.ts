// `npm run db:move -- --to <postgres-url>`: copies every row of the embedded database
// (LEADTRACK_DATA_DIR; the API stopped, its lock says so) into an empty PostgreSQL
// database: refused when the target holds users; migrated first; each table copied as JSON
// rows (json_populate_recordset, so every type round-trips as PostgreSQL prints it) with
// foreign keys and triggers off for the copy (session_replication_role = replica, which
// PostgreSQL allows a superuser or, from 15, a role granted SET on it), in one transaction.
// Prints `<table> <rows in the embedded database> <rows in PostgreSQL>` per table and
// exits 1 if any differ.
import { parseArgs } from 'node:util';
import { migratePostgres, openDatabase } from '@leadtrack/db';
import pg from 'pg';
import { loadEnv } from '../env';
import { fail } from '../lib/tool-exit';

const BATCH = 500;

const { values } = parseArgs({ options: { to: { type: 'string' } } });
if (!values.to || !/^postgres(ql)?:\/\//.test(values.to))
  fail('usage: npm run db:move -- --to postgresql://user:pass@host:5432/database', 2);
const config = loadEnv({ ...process.env, DATABASE_URL: '' });
const target = new pg.Client({ connectionString: values.to });
await target.connect();
try {
  const exists = await target.query(`SELECT to_regclass('public.users') IS NOT NULL AS yes`);
  const users = exists.rows[0]?.yes
    ? Number((await target.query('SELECT count(*) AS n FROM users')).rows[0].n)
    : 0;
  if (users > 0)
    fail('The target database already holds users: db:move only fills an empty database.', 1);
} finally {
  await target.end();
}

const source = await openDatabase({ dataDir: config.LEADTRACK_DATA_DIR }).catch((error: unknown) =>
  fail((error as Error).message, 1),
);
const client = new pg.Client({ connectionString: values.to });
let mismatch = false;
try {
  await migratePostgres(values.to);
  const tables = (
    await source.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
          AND table_name <> '_prisma_migrations'
        ORDER BY table_name`,
    )
  ).map((t) => t.name);
  await client.connect();
  await client.query('BEGIN');
  await client.query('SET LOCAL session_replication_role = replica');
  const counts: [string, number][] = [];
  for (const table of tables) {
    const quoted = `"${table.replaceAll('"', '""')}"`;
    const rows = await source.query<{ row: string }>(
      `SELECT row_to_json(t)::text AS row FROM ${quoted} t`,
    );
    for (let i = 0; i < rows.length; i += BATCH) {
      const json = `[${rows
        .slice(i, i + BATCH)
        .map((r) => r.row)
        .join(',')}]`;
      await client.query(
        `INSERT INTO ${quoted} SELECT * FROM json_populate_recordset(NULL::${quoted}, $1::json)`,
        [json],
      );
    }
    counts.push([table, rows.length]);
  }
  await client.query('COMMIT');
  for (const [table, copied] of counts) {
    const quoted = `"${table.replaceAll('"', '""')}"`;
    const there = Number((await client.query(`SELECT count(*) AS n FROM ${quoted}`)).rows[0].n);
    if (there !== copied) mismatch = true;
    console.log(`${table} ${copied} ${there}`);
  }
} catch (error) {
  await client.query('ROLLBACK').catch(() => {});
  fail(`db:move failed, nothing was copied: ${(error as Error).message}`, 1);
} finally {
  await client.end().catch(() => {});
  await source.close();
}
if (mismatch) fail('Some tables differ (above).', 1);
console.log('Moved: start the API with DATABASE_URL set to the target.');
