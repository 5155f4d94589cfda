// The load benchmark: a throwaway Postgres database, the real API as a child process on
// loopback, a two-year history for a team of 30 seeded through the API, then autocannon
// against /readyz (the baseline) and the readiness, team and evidence-page routes. Prints
// req/s, latencies and the ratio of each route's mean latency to the baseline's, against
// the targets. A measurement, not a test: it exits 0 whether or not a target is met.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import {
  addDays,
  addWeeks,
  DEFAULT_REQUIRED_KINDS,
  EVIDENCE_KINDS,
  type EvidenceKind,
  type IsoDate,
  todayUtc,
  weekStartOf,
} from '@leadtrack/core';
import { migratePostgres } from '@leadtrack/db';
import autocannon from 'autocannon';
import pg from 'pg';
import { historiesSql } from '../apps/api/src/data/weekly-aggregates';
import { databaseUrl as urlOfDatabase, withAdmin, withDatabase } from '../tests/support/databases';
import { freePort } from '../tests/support/processes';
import { coreBench } from './core';
import { insertHistory, insertPeople, logOneEach } from './seed-sql';

const SERVER = fileURLToPath(new URL('../apps/api/src/server.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));

const REPORTS = Number(process.env.BENCH_REPORTS ?? 30);
const WEEKS = Number(process.env.BENCH_WEEKS ?? 104);
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = 10;
const SEED_CONCURRENCY = 12;
const PASSWORD = 'benchmark password 1234';

const TARGETS = { readiness: 3, reports: 5, evidence: 3 } as const;
const COLD_TARGETS = { timeline: 4, team: 10, org: 40 } as const;
const INGEST_TARGET_PER_S = 500;
const INGEST_CONNECTIONS = 16;
const BATCH_SIZE = 5_000;
const BATCH_LIMIT = 500; // packages/schemas capture.ts BATCH_LIMIT
const BATCH_TARGET_S = 5;
const ORG_MANAGERS = 10;
const ORG_TEAM = 30;
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 20);

// ---- helpers ------------------------------------------------------------------------------

/** mulberry32: a small seeded PRNG, so every run seeds the same history. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Runs `tasks` with at most `limit` in flight. */
async function pool<T>(limit: number, tasks: (() => Promise<T>)[]): Promise<T[]> {
  const out: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      out[i] = await (tasks[i] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return out;
}

class Api {
  requests = 0;
  constructor(readonly base: string) {}

  // biome-ignore lint/suspicious/noExplicitAny: JSON bodies of a handful of known routes.
  async call(method: string, path: string, token?: string, body?: unknown): Promise<any> {
    this.requests++;
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(this.base + path, {
      method,
      headers,
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${text}`);
    return text ? JSON.parse(text) : null;
  }
}

// ---- the server -----------------------------------------------------------------------------

async function startServer(databaseUrl: string, port: number): Promise<ChildProcess> {
  // BENCH_CPU_PROF=<dir> writes a V8 CPU profile of the API process there on exit.
  const profile = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
    : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', SERVER], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      JWT_SECRET: randomBytes(24).toString('hex'),
      DATABASE_URL: databaseUrl,
      API_HOST: '127.0.0.1',
      API_PORT: String(port),
      AUTH_RATE_LIMIT: '1000000',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.ok) return child;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('the API did not start within 60 s');
    await new Promise((r) => setTimeout(r, 200));
  }
}

// ---- seeding ------------------------------------------------------------------------------

interface Seeded {
  manager: { id: string; token: string };
  reports: { id: string; token: string }[];
  entries: number;
  checkins: number;
  acks: number;
}

async function seed(api: Api): Promise<Seeded> {
  const register = (name: string) =>
    api.call('POST', '/api/v1/auth/register', undefined, {
      email: `${name.toLowerCase().replace(/\s+/g, '.')}@bench.test`,
      name,
      password: PASSWORD,
    });
  const admin = await register('Bench Admin');
  const managerSession = await register('Bench Manager');
  const reports = await pool(
    4,
    Array.from({ length: REPORTS }, (_, i) => async () => {
      const session = await register(`Report ${String(i).padStart(2, '0')}`);
      await api.call('PATCH', `/api/v1/users/${session.user.id}`, admin.accessToken, {
        managerId: managerSession.user.id,
      });
      return { id: session.user.id as string, token: session.accessToken as string };
    }),
  );
  const manager = { id: managerSession.user.id as string, token: managerSession.accessToken };

  const today = todayUtc();
  const thisWeek = weekStartOf(today);
  const first = addWeeks(thisWeek, -(WEEKS - 1));
  let entries = 0;
  let checkins = 0;
  let acks = 0;
  const tasks: (() => Promise<void>)[] = [];
  const optional: EvidenceKind[] = EVIDENCE_KINDS.filter(
    (k) => !DEFAULT_REQUIRED_KINDS.includes(k),
  );

  reports.forEach((report, r) => {
    const random = prng(1000 + r);
    // Each report has a rhythm: some log a lot, some a little, so the team is varied.
    const perWeek = 1 + Math.floor(random() * 4); // 1-4 on average
    for (let w = 0; w < WEEKS; w++) {
      const weekStart = addWeeks(first, w);
      const onLeave = random() < 0.04;
      if (random() < 0.9 || onLeave) {
        checkins++;
        tasks.push(() =>
          api.call('PUT', `/api/v1/checkins/${weekStart}`, report.token, {
            handsOnPercent: Math.floor(random() * 100),
            deepWorkBlocks: Math.floor(random() * 5),
            onLeave,
          }),
        );
      }
      if (onLeave) continue;
      const count = Math.max(0, Math.round(perWeek + (random() - 0.5) * 3));
      for (let e = 0; e < count; e++) {
        const occurredOn: IsoDate = addDays(weekStart, Math.floor(random() * 5));
        if (occurredOn > today) continue;
        const n = 1 + Math.floor(random() * 3);
        const kinds = new Set<EvidenceKind>();
        while (kinds.size < n) {
          const pick = random() < 0.85 ? DEFAULT_REQUIRED_KINDS : optional;
          kinds.add(pick[Math.floor(random() * pick.length)] as EvidenceKind);
        }
        const acked = random() < 0.2;
        const deleted = random() < 0.02;
        entries++;
        if (acked) acks++;
        tasks.push(async () => {
          const entry = await api.call('POST', '/api/v1/evidence', report.token, {
            kinds: [...kinds],
            title: `Week ${w} item ${e}: ${[...kinds].join(', ')}`,
            description: 'Context, what I did, and what changed because of it.',
            occurredOn,
            links: ['https://example.com/pr/1'],
            audience: 'team',
          });
          if (acked) {
            await api.call('POST', `/api/v1/evidence/${entry.id}/acknowledgements`, manager.token, {
              comment: 'Nice work.',
            });
          }
          if (deleted) await api.call('DELETE', `/api/v1/evidence/${entry.id}`, report.token);
        });
      }
    }
  });
  await pool(SEED_CONCURRENCY, tasks);
  return { manager, reports, entries, checkins, acks };
}

// ---- measuring ------------------------------------------------------------------------------

interface Measured {
  rps: number;
  mean: number;
  p50: number;
  p99: number;
  errors: number;
}

async function measure(base: string, path: string, token?: string): Promise<Measured> {
  const opts = {
    url: base + path,
    connections: CONNECTIONS,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  };
  await autocannon({ ...opts, duration: 2 }); // warm-up: JIT, pools, caches
  const r = await autocannon({ ...opts, duration: DURATION_S });
  const bad = r.errors + r.timeouts + r.non2xx;
  return {
    rps: r.requests.average,
    mean: r.latency.mean,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: bad,
  };
}

async function explain(databaseUrl: string, userId: string, managerId: string) {
  const manager = { id: managerId, role: 'manager' as const };
  return withDatabase(databaseUrl, async (client) => {
    await client.query('ANALYZE');
    const plans: string[] = [];
    for (const [label, scope] of [
      ['one report, read by their manager', { readable: userId, caller: manager }],
      ['the team of direct reports', { reportsOf: managerId }],
    ] as const) {
      const sql = historiesSql(scope, todayUtc());
      const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql.text}`, sql.values);
      plans.push(`-- ${label}\n${rows.map((r) => r['QUERY PLAN']).join('\n')}`);
    }
    return plans.join('\n\n');
  });
}

const fmt = (n: number, d = 1) => n.toFixed(d);
const load = () =>
  os
    .loadavg()
    .map((n) => fmt(n, 2))
    .join(' ');

// ---- sequential timing (the cold paths) ---------------------------------------------------

interface Timed {
  mean: number;
  p50: number;
  max: number;
}

function summary(ms: number[]): Timed {
  const sorted = [...ms].sort((x, y) => x - y);
  return {
    mean: ms.reduce((x, y) => x + y, 0) / ms.length,
    p50: sorted[Math.floor(sorted.length / 2)] as number,
    max: sorted[sorted.length - 1] as number,
  };
}

/** `runs` times: `before()` (not timed), then one GET of `path`, timed, one at a time. */
async function sequential(
  base: string,
  path: string,
  token: string | undefined,
  runs: number,
  before: () => Promise<unknown> = async () => {},
): Promise<Timed> {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const ms: number[] = [];
  for (let i = 0; i < runs + 2; i++) {
    await before();
    const start = performance.now();
    const res = await fetch(base + path, { headers });
    await res.arrayBuffer();
    const took = performance.now() - start;
    if (!res.ok) throw new Error(`GET ${path} → ${res.status}`);
    if (i >= 2) ms.push(took); // the first two warm the connection
  }
  return summary(ms);
}

async function login(api: Api, email: string): Promise<string> {
  const session = await api.call('POST', '/api/v1/auth/login', undefined, {
    email,
    password: PASSWORD,
  });
  return session.accessToken as string;
}

async function main() {
  console.log(
    `machine: ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), ` +
      `${fmt(os.totalmem() / 2 ** 30)} GiB RAM, node ${process.version}, load average ${load()}`,
  );
  console.log('\n== core: the readiness model, in-process (no I/O)');
  console.table(coreBench());

  // BENCH_REUSE_DB=<name> measures a database kept by an earlier BENCH_KEEP_DB=1 run.
  const reuse = process.env.BENCH_REUSE_DB;
  const name = reuse ?? `leadtrack_bench_${randomBytes(4).toString('hex')}`;
  const databaseUrl = urlOfDatabase(name);
  if (!reuse) {
    await withAdmin((c) => c.query(`CREATE DATABASE "${name}"`));
    await migratePostgres(databaseUrl);
  }
  let server: ChildProcess | undefined;
  const sql = new pg.Client({ connectionString: databaseUrl });
  await sql.connect();
  try {
    const port = await freePort();
    server = await startServer(databaseUrl, port);
    const base = `http://127.0.0.1:${port}`;
    const api = new Api(base);

    let subjectId: string;
    let managerId: string;
    let reportEmails: string[];
    if (reuse) {
      const people = await sql.query(
        `SELECT u.id, u.email, u.manager_id FROM users u JOIN users m ON m.id = u.manager_id
          WHERE m.email = 'bench.manager@bench.test' ORDER BY u.name`,
      );
      subjectId = people.rows[0].id;
      managerId = people.rows[0].manager_id;
      reportEmails = people.rows.map((r) => r.email);
    } else if (process.env.BENCH_SEED === 'api') {
      const started = Date.now();
      const seeded = await seed(api);
      const seconds = (Date.now() - started) / 1000;
      console.log(
        `seeded through the API in ${fmt(seconds)} s: a manager, ${seeded.reports.length} reports, ` +
          `${WEEKS} weeks, ${seeded.entries} entries, ${seeded.checkins} check-ins, ` +
          `${seeded.acks} acknowledgements (${api.requests} requests, ${fmt(api.requests / seconds, 0)}/s)`,
      );
      subjectId = (seeded.reports[0] as { id: string }).id;
      managerId = seeded.manager.id;
      const { rows } = await sql.query(
        'SELECT email FROM users WHERE manager_id = $1 ORDER BY name',
        [managerId],
      );
      reportEmails = rows.map((r) => r.email);
    } else {
      // The default: the admin and the manager through the API, the team's history in SQL.
      const started = Date.now();
      for (const n of ['Bench Admin', 'Bench Manager']) {
        await api.call('POST', '/api/v1/auth/register', undefined, {
          email: `${n.toLowerCase().replace(/\s+/g, '.')}@bench.test`,
          name: n,
          password: PASSWORD,
        });
      }
      const { rows } = await sql.query(
        `UPDATE users SET role = 'manager' WHERE email = 'bench.manager@bench.test'
         RETURNING id, password_hash`,
      );
      managerId = rows[0].id;
      const reports = await insertPeople(sql, {
        label: 'Report',
        count: REPORTS,
        managerId,
        passwordHash: rows[0].password_hash,
      });
      await insertHistory(
        sql,
        reports.map((r) => r.id),
        WEEKS,
        managerId,
      );
      subjectId = (reports[0] as { id: string }).id;
      reportEmails = reports.map((r) => r.email);
      const counts = await sql.query(
        `SELECT (SELECT count(*) FROM evidence)::int AS entries, (SELECT count(*) FROM checkins)::int AS checkins,
                (SELECT count(*) FROM acknowledgements)::int AS acks, (SELECT count(*) FROM weekly_aggregates)::int AS weeks`,
      );
      const c = counts.rows[0];
      console.log(
        `seeded in SQL in ${fmt((Date.now() - started) / 1000)} s (BENCH_SEED=api seeds through the API): ` +
          `a manager, ${REPORTS} reports, ${WEEKS} weeks, ${c.entries} entries, ${c.checkins} check-ins, ` +
          `${c.acks} acknowledgements, ${c.weeks} weekly aggregate rows`,
      );
    }
    const { rows: hashRows } = await sql.query(
      `SELECT password_hash FROM users WHERE email = 'bench.manager@bench.test'`,
    );
    const passwordHash = hashRows[0].password_hash as string;

    if (!process.env.BENCH_NO_EXPLAIN) {
      console.log(
        `\nEXPLAIN ANALYZE of the readiness statement:\n${await explain(databaseUrl, subjectId, managerId)}\n`,
      );
    }

    const token = await login(api, 'bench.manager@bench.test');
    const timeline = await api.call('GET', `/api/v1/users/${subjectId}/readiness`, token);
    const team = await api.call('GET', '/api/v1/reports', token);
    const page = await api.call('GET', `/api/v1/evidence?userId=${subjectId}&limit=50`, token);
    console.log(
      `readiness: ${timeline.weeks.length} weeks (streak ${timeline.current.streak}); ` +
        `reports: ${team.items.length} people; evidence page: ${page.items.length} entries`,
    );

    // BENCH_ONLY=warm,cold,ingest,growth measures those sections only.
    const only = process.env.BENCH_ONLY?.split(',');
    const wanted = (section: string) => !only || only.includes(section);

    // ---- warm: autocannon, the answers unchanged between requests ----------------------------
    if (wanted('warm')) {
      const routes: [string, string][] = [
        // No target: the cost of authentication alone (a JWT and the caller's row), the
        // floor under every protected route.
        ['auth floor', '/api/v1/me'],
        ['readiness', `/api/v1/users/${subjectId}/readiness`],
        ['reports', '/api/v1/reports'],
        ['evidence', `/api/v1/evidence?userId=${subjectId}&limit=50`],
      ];
      // The machine may be shared: each route is compared with a baseline measured just
      // before it, so a change in background load moves both sides of the ratio.
      const rows = [];
      for (const [route, path] of routes) {
        const baseline = await measure(base, '/readyz');
        const r = await measure(base, path, token);
        const ratio = r.mean / baseline.mean;
        const target = TARGETS[route as keyof typeof TARGETS];
        rows.push({
          route,
          'req/s': fmt(r.rps, 0),
          'mean ms': fmt(r.mean, 2),
          'p99 ms': fmt(r.p99, 1),
          'baseline req/s': fmt(baseline.rps, 0),
          'baseline mean ms': fmt(baseline.mean, 2),
          'x baseline': fmt(ratio, 2),
          target: target ? `≤${target}x` : '',
          verdict: target ? (ratio <= target ? 'pass' : 'FAIL') : '',
          errors: r.errors + baseline.errors,
        });
      }
      console.log(
        `\n== warm: ${DURATION_S} s each, ${CONNECTIONS} connections, each after a 2 s warm-up; ` +
          `baseline = GET /readyz just before; load average now ${load()}`,
      );
      console.table(rows);
    }

    // ---- cold: a write, then the read, one at a time -----------------------------------------
    const cold: Record<string, unknown>[] = [];
    const coldRow = async (label: string, target: number, timed: () => Promise<Timed>) => {
      const baseline = await sequential(base, '/readyz', undefined, COLD_RUNS * 2);
      const r = await timed();
      const ratio = r.mean / baseline.mean;
      cold.push({
        what: label,
        'mean ms': fmt(r.mean, 2),
        'p50 ms': fmt(r.p50, 2),
        'max ms': fmt(r.max, 1),
        'baseline mean ms': fmt(baseline.mean, 2),
        'x baseline': fmt(ratio, 2),
        target: `≤${target}x`,
        verdict: ratio <= target ? 'pass' : 'FAIL',
      });
    };
    if (wanted('cold')) {
      const reportTokens = await pool(
        4,
        reportEmails.map((email) => () => login(api, email)),
      );
      const entry = (i: number) => ({
        kinds: ['review'],
        title: `Cold path ${i}`,
        occurredOn: todayUtc(),
      });
      let n = 0;
      await coldRow(
        'timeline (104 weeks) right after its owner logged',
        COLD_TARGETS.timeline,
        () =>
          sequential(base, `/api/v1/users/${subjectId}/readiness`, token, COLD_RUNS, () =>
            api.call('POST', '/api/v1/evidence', reportTokens[0], entry(n++)),
          ),
      );
      await coldRow(
        `team of ${reportEmails.length} right after every report logged`,
        COLD_TARGETS.team,
        () =>
          sequential(base, '/api/v1/reports', token, COLD_RUNS, () =>
            pool(
              INGEST_CONNECTIONS,
              reportTokens.map((t) => () => api.call('POST', '/api/v1/evidence', t, entry(n++))),
            ),
          ),
      );

      // The organisation: a director, 10 managers, 30 reports each, two years each.
      const started = Date.now();
      const [director] = await insertPeople(sql, {
        label: 'Director',
        count: 1,
        managerId: null,
        role: 'manager',
        passwordHash,
      });
      const managers = await insertPeople(sql, {
        label: 'Org manager',
        count: ORG_MANAGERS,
        managerId: director?.id as string,
        role: 'manager',
        passwordHash,
      });
      const everyone: string[] = [];
      for (const [i, m] of managers.entries()) {
        const people = await insertPeople(sql, {
          label: `Org team ${i}`,
          count: ORG_TEAM,
          managerId: m.id,
          passwordHash,
        });
        await insertHistory(
          sql,
          people.map((p) => p.id),
          WEEKS,
          m.id,
        );
        everyone.push(...people.map((p) => p.id));
      }
      console.log(
        `\norg seeded in SQL in ${fmt((Date.now() - started) / 1000)} s: a director, ` +
          `${ORG_MANAGERS} managers, ${everyone.length} reports, ${WEEKS} weeks each`,
      );
      const directorToken = await login(api, director?.email as string);
      const org = await api.call('GET', '/api/v1/org', directorToken);
      console.log(`GET /org: ${JSON.stringify(org).length} bytes`);
      await coldRow(
        `org of ${everyone.length} (${ORG_MANAGERS} managers of ${ORG_TEAM}) right after everyone logged (one SQL statement)`,
        COLD_TARGETS.org,
        () =>
          sequential(base, '/api/v1/org', directorToken, Math.ceil(COLD_RUNS / 2), () =>
            logOneEach(sql, everyone),
          ),
      );
      // Warm, for context: the same org read again without changes.
      const warmOrg = await sequential(base, '/api/v1/org', directorToken, COLD_RUNS);
      cold.push({ what: 'org of 300, unchanged (warm, context)', 'mean ms': fmt(warmOrg.mean, 2) });
      console.log(
        `\n== cold: ${COLD_RUNS} runs each, one request at a time; baseline = GET /readyz the same way, just before; load average now ${load()}`,
      );
      console.table(cold);
    }

    // ---- ingest -------------------------------------------------------------------------------
    if (wanted('ingest')) {
      await api.call('POST', '/api/v1/auth/register', undefined, {
        email: 'ingest@bench.test',
        name: 'Ingest',
        password: PASSWORD,
      });
      const ingestToken = await login(api, 'ingest@bench.test');
      const body = JSON.stringify({
        kinds: ['review', 'mentoring'],
        title: 'Reviewed the ingest path',
        description: 'Context, what I did, and what changed because of it.',
        occurredOn: todayUtc(),
        links: ['https://example.com/pr/1'],
        audience: 'team',
      });
      // 16 in flight from one person (their writes queue on their row: the data version
      // and the aggregates are updated in each write's transaction), then from 16 people.
      const writers = await pool(
        4,
        Array.from({ length: INGEST_CONNECTIONS }, (_, i) => async () => {
          const email = `ingest-${i}@bench.test`;
          await api.call('POST', '/api/v1/auth/register', undefined, {
            email,
            name: `Ingest ${i}`,
            password: PASSWORD,
          });
          return login(api, email);
        }),
      );
      const ingestRows = [];
      for (const [label, tokens, withKey] of [
        ['one person', [ingestToken], false],
        ['one person, each with an Idempotency-Key', [ingestToken], true],
        [`${INGEST_CONNECTIONS} people`, writers, false],
      ] as const) {
        let next = 0;
        const r = await autocannon({
          url: `${base}/api/v1/evidence`,
          method: 'POST',
          connections: INGEST_CONNECTIONS,
          duration: DURATION_S,
          headers: { authorization: `Bearer ${ingestToken}`, 'content-type': 'application/json' },
          body,
          requests: [
            {
              setupRequest: (req: autocannon.Request) => ({
                ...req,
                headers: {
                  ...req.headers,
                  authorization: `Bearer ${tokens[next++ % tokens.length]}`,
                  ...(withKey && { 'idempotency-key': randomBytes(12).toString('hex') }),
                },
              }),
            },
          ],
        });
        const perS = r['2xx'] / (r.duration || DURATION_S);
        ingestRows.push({
          what: `single entries, ${INGEST_CONNECTIONS} in flight, ${label}`,
          'entries/s': fmt(perS, 0),
          'mean ms': fmt(r.latency.mean, 2),
          'p99 ms': fmt(r.latency.p99, 1),
          errors: r.errors + r.timeouts + r.non2xx,
          target: `≥${INGEST_TARGET_PER_S}/s`,
          verdict: perS >= INGEST_TARGET_PER_S ? 'pass' : 'FAIL',
        });
      }
      // The batch route, if this build serves one (POST /evidence/batch, at most
      // BATCH_LIMIT entries and 64 KiB a request): 5,000 entries as consecutive batches.
      const docs = (await fetch(`${base}/docs/json`).then((r) => (r.ok ? r.json() : {}))) as {
        paths?: Record<string, unknown>;
      };
      if (docs.paths?.['/api/v1/evidence/batch']) {
        const started = performance.now();
        let failure = '';
        for (let from = 0; from < BATCH_SIZE && !failure; from += BATCH_LIMIT) {
          const items = Array.from({ length: BATCH_LIMIT }, (_, i) => ({
            kinds: ['review'],
            title: `Batch item ${from + i}`,
            occurredOn: addDays(todayUtc(), -((from + i) % 300)),
          }));
          const res = await fetch(`${base}/api/v1/evidence/batch`, {
            method: 'POST',
            headers: { authorization: `Bearer ${ingestToken}`, 'content-type': 'application/json' },
            body: JSON.stringify({ items }),
          });
          const text = await res.text();
          if (!res.ok) failure = `${res.status} ${text.slice(0, 200)}`;
        }
        const seconds = (performance.now() - started) / 1000;
        ingestRows.push({
          what: `${BATCH_SIZE} entries as ${BATCH_SIZE / BATCH_LIMIT} consecutive POST /evidence/batch of ${BATCH_LIMIT}`,
          'entries/s': fmt(BATCH_SIZE / seconds, 0),
          'mean ms': fmt(seconds * 1000, 0),
          errors: failure || 0,
          target: `<${BATCH_TARGET_S} s`,
          verdict: !failure && seconds < BATCH_TARGET_S ? 'pass' : 'FAIL',
        });
      } else {
        ingestRows.push({
          what: `${BATCH_SIZE} entries in batches: this build serves no POST /evidence/batch`,
          target: `<${BATCH_TARGET_S} s`,
          verdict: 'not measured',
        });
      }
      console.log(`\n== ingest: autocannon ${DURATION_S} s; load average now ${load()}`);
      console.table(ingestRows);
    }

    // ---- growth: cold cost by history length and by team size ----------------------------------
    if (wanted('growth')) {
      const growth: Record<string, unknown>[] = [];
      const [growthManager] = await insertPeople(sql, {
        label: 'Growth manager',
        count: 1,
        managerId: null,
        role: 'manager',
        passwordHash,
      });
      const growthToken = await login(api, growthManager?.email as string);
      for (const weeks of [52, 104, 208]) {
        const [person] = await insertPeople(sql, {
          label: `Growth ${weeks} weeks`,
          count: 1,
          managerId: growthManager?.id as string,
          passwordHash,
        });
        const id = person?.id as string;
        await insertHistory(sql, [id], weeks, growthManager?.id as string);
        const path = `/api/v1/users/${id}/readiness?weeks=${weeks}`;
        const baseline = await sequential(base, '/readyz', undefined, COLD_RUNS * 2);
        const coldRead = await sequential(base, path, growthToken, COLD_RUNS, () =>
          logOneEach(sql, [id]),
        );
        const warmRead = await sequential(base, path, growthToken, COLD_RUNS);
        growth.push({
          what: `timeline, ${weeks / 52} year${weeks > 52 ? 's' : ''} (${weeks} weeks)`,
          'cold mean ms': fmt(coldRead.mean, 2),
          'cold x baseline': fmt(coldRead.mean / baseline.mean, 2),
          'warm mean ms': fmt(warmRead.mean, 2),
          'warm x baseline': fmt(warmRead.mean / baseline.mean, 2),
          'baseline mean ms': fmt(baseline.mean, 2),
        });
      }
      for (const size of [10, 30, 100]) {
        const [m] = await insertPeople(sql, {
          label: `Team ${size} manager`,
          count: 1,
          managerId: null,
          role: 'manager',
          passwordHash,
        });
        const people = await insertPeople(sql, {
          label: `Team ${size} report`,
          count: size,
          managerId: m?.id as string,
          passwordHash,
        });
        const ids = people.map((p) => p.id);
        await insertHistory(sql, ids, WEEKS, m?.id as string);
        const managerToken = await login(api, m?.email as string);
        const baseline = await sequential(base, '/readyz', undefined, COLD_RUNS * 2);
        const coldRead = await sequential(base, '/api/v1/reports', managerToken, COLD_RUNS, () =>
          logOneEach(sql, ids),
        );
        const warmRead = await sequential(base, '/api/v1/reports', managerToken, COLD_RUNS);
        growth.push({
          what: `team of ${size} (${WEEKS} weeks each)`,
          'cold mean ms': fmt(coldRead.mean, 2),
          'cold x baseline': fmt(coldRead.mean / baseline.mean, 2),
          'warm mean ms': fmt(warmRead.mean, 2),
          'warm x baseline': fmt(warmRead.mean / baseline.mean, 2),
          'baseline mean ms': fmt(baseline.mean, 2),
        });
      }
      console.log(
        `\n== growth: one request at a time, ${COLD_RUNS} runs; cold = right after one new entry per person (one SQL statement); load average now ${load()}`,
      );
      console.table(growth);
    }
  } finally {
    await sql.end();
    if (server && server.exitCode === null) {
      // Let requests autocannon abandoned at the deadline finish before the pool closes.
      await new Promise((r) => setTimeout(r, 1000));
      server.kill('SIGTERM');
      await once(server, 'exit');
    }
    if (reuse || process.env.BENCH_KEEP_DB) console.log(`kept the database ${name}`);
    else await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
