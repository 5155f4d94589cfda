// Where a readiness request's time goes, in-process against a database kept by
// `BENCH_KEEP_DB=1 npm run bench`: the SQL alone (pg), the same through Prisma, the model,
// serialisation, and whole requests (inject, one at a time).
// Usage: DATABASE_URL=postgresql://…/leadtrack_bench_… [N=100] npx tsx profile.ts
import { performance } from 'node:perf_hooks';
import { buildApp } from '@leadtrack/api/app';
import { loadEnv } from '@leadtrack/api/env';
import { computeReadiness, DEFAULT_POLICY, todayUtc } from '@leadtrack/core';
import { openDatabase } from '@leadtrack/db';
import { ReadinessSchema, ReportListSchema } from '@leadtrack/schemas';
import pg from 'pg';
import { historiesSql, loadHistories } from '../apps/api/src/data/weekly-aggregates';
import { allowListSerializer } from '../apps/api/src/lib/allow-list-serializer';
import { logOneEach } from './seed-sql';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('Set DATABASE_URL to a database kept by BENCH_KEEP_DB=1');
const N = Number(process.env.N ?? 50);

// Wall time, and this process's CPU time (user + system): the CPU figure is what a busy
// server pays per request, and it is less disturbed by other processes on the machine.
async function time(label: string, fn: () => Promise<unknown> | unknown) {
  for (let i = 0; i < 10; i++) await fn();
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < N; i++) await fn();
  const wall = (performance.now() - start) / N;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000 / N;
  console.log(
    `${label.padEnd(40)} wall ${wall.toFixed(3).padStart(8)} ms   node cpu ${cpuMs.toFixed(3).padStart(8)} ms`,
  );
  return wall;
}

const client = new pg.Client({ connectionString: url });
await client.connect();
const { rows: people } = await client.query(
  `SELECT id, manager_id FROM users WHERE manager_id IS NOT NULL ORDER BY name LIMIT 1`,
);
const subject = people[0].id as string;
const managerId = people[0].manager_id as string;
const asOf = todayUtc();

const database = await openDatabase({ url, maxConnections: 10 });
const app = await buildApp({
  config: loadEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: url }),
  database,
});
await app.ready();
// Access tokens name a live session (authenticate reads it): start one for the manager.
const session = await app.prisma.session.create({
  data: { userId: managerId, expiresAt: new Date(Date.now() + 60 * 60 * 1000) },
});
const token = app.jwt.sign({ sub: managerId, sid: session.id });

const manager = { id: managerId, role: 'manager' as const };
// REQUESTS_ONLY=1: only the whole requests (the parts below take a minute or two).
const parts = !process.env.REQUESTS_ONLY;
for (const [label, scope] of !parts
  ? []
  : ([
      ['one user', { readable: subject, caller: manager }],
      ['team', { reportsOf: managerId }],
    ] as const)) {
  console.log(`-- ${label}`);
  const sql = historiesSql(scope, asOf);
  await time('SQL through pg', () => client.query(sql.text, sql.values));
  await time('SQL through prisma.$queryRaw', () => app.prisma.$queryRaw(sql));
  const people = await loadHistories(app.db, scope, asOf);
  await time('loadHistories (query + parsing)', () => loadHistories(app.db, scope, asOf));
  await time('computeReadiness for everyone', () => {
    for (const { history: h } of people) {
      computeReadiness({ policy: DEFAULT_POLICY, asOf, weeks: h.weeks, checkins: h.checkins });
    }
  });
  const h = people.find((p) => p.person.id === subject)?.history;
  if (h && label === 'one user') {
    const r = {
      userId: subject,
      asOf,
      policy: DEFAULT_POLICY,
      ...computeReadiness({ policy: DEFAULT_POLICY, asOf, weeks: h.weeks, checkins: h.checkins }),
    };
    const allowList = allowListSerializer(ReadinessSchema)();
    await time('zod encode + JSON.stringify', () => JSON.stringify(ReadinessSchema.encode(r)));
    await time('allow-list JSON.stringify', () => allowList(r));
  }
}
if (parts) {
  console.log('-- prisma baselines');
  await time('prisma.user.findUnique', () =>
    app.prisma.user.findUnique({ where: { id: subject }, select: { id: true, managerId: true } }),
  );
  await time('pg SELECT 1', () => client.query('SELECT 1'));
  await time('prisma $queryRaw SELECT 1', () => app.prisma.$queryRaw`SELECT 1`);
}

console.log('-- whole requests (inject, sequential; queries = driver + Prisma statements each)');
const headers = { authorization: `Bearer ${token}` };
// Count the statements a request sends (its second time: warm), through the driver or
// Prisma (both use pg's clients).
let statements = 0;
const clientQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  if (this !== client) statements++;
  return (clientQuery as (...a: unknown[]) => unknown).apply(this, args);
} as typeof clientQuery;
async function request(label: string, fn: () => Promise<unknown>) {
  await fn();
  statements = 0;
  await fn();
  const per = statements;
  await time(`${label} [${per} statements]`, fn);
}
const time_ = request;
await time_('GET /readyz', () => app.inject({ url: '/readyz' }));
await time_('GET /me', () => app.inject({ url: '/api/v1/me', headers }));
const ownerSession = await app.prisma.session.create({
  data: { userId: subject, expiresAt: new Date(Date.now() + 60 * 60 * 1000) },
});
const ownerHeaders = {
  authorization: `Bearer ${app.jwt.sign({ sub: subject, sid: ownerSession.id })}`,
};
await time_('POST /evidence', () =>
  app.inject({
    method: 'POST',
    url: '/api/v1/evidence',
    headers: ownerHeaders,
    payload: { kinds: ['ownership'], title: 'profiled', occurredOn: asOf },
  }),
);
await time_('GET /users/:id/readiness (cold: after a write)', async () => {
  await client.query('UPDATE users SET data_version = data_version + 1 WHERE id = $1', [subject]);
  await app.inject({ url: `/api/v1/users/${subject}/readiness`, headers });
});
await time_('GET /users/:id/readiness', () =>
  app.inject({ url: `/api/v1/users/${subject}/readiness`, headers }),
);
await time_('GET /reports', () => app.inject({ url: '/api/v1/reports', headers }));
await time_('GET /evidence?limit=50', () =>
  app.inject({ url: `/api/v1/evidence?userId=${subject}&limit=50`, headers }),
);
// The organisation view of a director over 300 (kept by a full `npm run bench`), cold: right
// after everyone logged one entry (one SQL statement, as the benchmark does).
const { rows: directors } = await client.query(
  `SELECT u.id, array_agg(r.id) AS everyone FROM users u
     JOIN users m ON m.manager_id = u.id JOIN users r ON r.manager_id = m.id
    WHERE u.name LIKE 'Director%' GROUP BY u.id LIMIT 1`,
);
if (directors[0]) {
  const directorSession = await app.prisma.session.create({
    data: { userId: directors[0].id, expiresAt: new Date(Date.now() + 60 * 60 * 1000) },
  });
  const directorHeaders = {
    authorization: `Bearer ${app.jwt.sign({ sub: directors[0].id, sid: directorSession.id })}`,
  };
  await time_('GET /org (warm)', () =>
    app.inject({ url: '/api/v1/org', headers: directorHeaders }),
  );
  const logged = () => logOneEach(client, directors[0].everyone);
  let inOrg = 0;
  await time_('GET /org (cold, the logging statement excluded)', async () => {
    await logged();
    const start = performance.now();
    await app.inject({ url: '/api/v1/org', headers: directorHeaders });
    inOrg += performance.now() - start;
  });
  console.log(`  of which GET /org alone: ${(inOrg / (N + 11)).toFixed(3)} ms wall`);
}
void ReportListSchema;
await app.close();
await client.end();
