import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { migratePostgres, openDatabase, readMigrations } from '@leadtrack/db';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase, dropDatabase, uniqueName } from '../support/databases';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PRISMA = join(ROOT, 'node_modules/.bin/prisma');

const EXPECTED_TABLES = [
  'acknowledgements',
  'attempt_counters',
  'audit_events',
  'calendar_feeds',
  'checkins',
  'endorsement_requests',
  'endorsements',
  'evidence',
  'feedback',
  'github_integrations',
  'gitlab_integrations',
  'idempotency_keys',
  'instance_secrets',
  'message_deliveries',
  'notifications',
  'oidc_logins',
  'password_resets',
  'personal_access_tokens',
  'policy',
  'readiness_states',
  'reflections',
  'refresh_tokens',
  'sessions',
  'sponsorships',
  'suggestions',
  'user_identities',
  'user_preferences',
  'users',
  'weekly_aggregates',
  'working_agreements',
];

async function tables(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_name <> '_prisma_migrations' ORDER BY 1`,
    );
    return rows.map((r) => r.table_name);
  } finally {
    await client.end();
  }
}

async function exec(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** The parts of a schema a migration decides: columns, indexes, constraints, enums. */
async function describeSchema(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const q = async (sql: string) => (await client.query(sql)).rows;
    return {
      columns:
        await q(`SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default
        FROM information_schema.columns WHERE table_schema = 'public'
         AND table_name <> '_prisma_migrations' ORDER BY 1, 2`),
      indexes: await q(`SELECT tablename, indexdef FROM pg_indexes
        WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY 1, 2`),
      constraints:
        await q(`SELECT conrelid::regclass::text AS tbl, conname, pg_get_constraintdef(oid) AS def
        FROM pg_constraint WHERE connamespace = 'public'::regnamespace
         AND conrelid::regclass::text <> '_prisma_migrations' ORDER BY 1, 2`),
      enums: await q(`SELECT t.typname, e.enumlabel, e.enumsortorder FROM pg_enum e
        JOIN pg_type t ON t.oid = e.enumtypid ORDER BY 1, 3`),
    };
  } finally {
    await client.end();
  }
}

const prisma = (args: string[], url: string) =>
  run(PRISMA, args, { cwd: ROOT, env: { ...process.env, DATABASE_URL: url } });

describe('migrations on an empty Postgres database', () => {
  const created: string[] = [];
  const fresh = async () => {
    const name = uniqueName('leadtrack_mig');
    created.push(name);
    return createDatabase(name);
  };
  afterAll(async () => {
    for (const name of created) await dropDatabase(name);
  });

  it('`prisma migrate deploy` applies them, and the built-in migrator then has nothing to do', async () => {
    const url = await fresh();
    const { stdout } = await prisma(['migrate', 'deploy'], url);
    expect(stdout).toMatch(/successfully applied/i);
    expect(await tables(url)).toEqual(EXPECTED_TABLES);
    expect(await migratePostgres(url)).toEqual([]);
  }, 120_000);

  it('the built-in migrator applies them so that `prisma migrate deploy` finds none pending', async () => {
    const url = await fresh();
    const names = (await readMigrations()).map((m) => m.name);
    expect(await migratePostgres(url)).toEqual(names);
    expect(await migratePostgres(url)).toEqual([]);
    const { stdout } = await prisma(['migrate', 'deploy'], url);
    expect(stdout).toMatch(/No pending migrations/i);
    expect(await tables(url)).toEqual(EXPECTED_TABLES);
  }, 120_000);

  it('the migrations produce exactly the schema in prisma/schema.prisma', async () => {
    // Prisma cannot diff a live database through a driver adapter, so compare catalogues:
    // one database built by the migration history, one from the schema file directly.
    const migrated = await fresh();
    await migratePostgres(migrated);
    const direct = await fresh();
    const { stdout: sql } = await prisma(
      [
        'migrate',
        'diff',
        '--from-empty',
        '--to-schema-datamodel',
        'prisma/schema.prisma',
        '--script',
      ],
      direct,
    );
    await exec(direct, sql);
    expect(
      await describeSchema(migrated),
      'prisma/schema.prisma has changes no migration makes: run `npm run db:diff -- <name>`',
    ).toEqual(await describeSchema(direct));
  }, 120_000);
});

describe('the embedded database', () => {
  it('applies the migrations on first open, records them, and applies none on reopen', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'leadtrack-embedded-'));
    try {
      const first = await openDatabase({ dataDir: dir });
      const user = await first.prisma.user.create({
        data: { email: 'lite@example.test', name: 'Lite', passwordHash: 'x' },
      });
      await first.prisma.evidence.create({
        data: {
          userId: user.id,
          kinds: ['review', 'mentoring'],
          title: 'Reviewed the queue design',
          occurredOn: new Date('2026-11-02'),
        },
      });
      const applied = await first.prisma.$queryRaw<{ migration_name: string }[]>`
        SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name`;
      expect(applied.map((r) => r.migration_name)).toEqual(
        (await readMigrations()).map((m) => m.name),
      );
      await first.close();

      const second = await openDatabase({ dataDir: dir });
      const count = await second.prisma.$queryRaw<{ n: bigint }[]>`
        SELECT count(*)::bigint AS n FROM "_prisma_migrations"`;
      expect(Number(count[0]?.n)).toBe(applied.length);
      const entries = await second.prisma.evidence.findMany();
      expect(entries).toHaveLength(1);
      expect(entries[0]?.kinds).toEqual(['review', 'mentoring']);
      await second.ping();
      await second.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
