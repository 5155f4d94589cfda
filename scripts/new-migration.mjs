#!/usr/bin/env node
// `npm run db:diff -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql with
// the SQL that takes the schema as it was at the newest migration to prisma/schema.prisma.
// Prisma cannot diff a live database through a driver adapter here (no native engine), so
// the "from" side is the schema file as committed with the newest migration. The CLI still
// opens a connection (DATABASE_URL, default the local server) but changes nothing there.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('usage: npm run db:diff -- <snake_case_name>');
  process.exit(2);
}
const git = (...args) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
const lastMigrationCommit = git('log', '-1', '--format=%H', '--', 'prisma/migrations');
const before = join(mkdtempSync(join(tmpdir(), 'leadtrack-schema-')), 'schema.prisma');
writeFileSync(before, git('show', `${lastMigrationCommit}:prisma/schema.prisma`));

const sql = execFileSync(
  join(root, 'node_modules/.bin/prisma'),
  [
    'migrate',
    'diff',
    '--from-schema-datamodel',
    before,
    '--to-schema-datamodel',
    'prisma/schema.prisma',
    '--script',
  ],
  {
    cwd: root,
    encoding: 'utf8',
    env: {
      ...process.env,
      DATABASE_URL: process.env.DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/postgres',
    },
  },
);
if (/^-- This is an empty migration/m.test(sql) || sql.trim() === '') {
  console.log('prisma/schema.prisma matches the newest migration: nothing to write.');
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const dir = join(root, 'prisma/migrations', `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'migration.sql'), sql);
console.log(`wrote ${dir}/migration.sql — review it, then \`npm run db:migrate\``);
