// The load benchmark: a throwaway Postgres database, the real API as a child process on
// loopback, a two-year history for a team of 30 seeded through the API, then autocannon
// against /readyz (the baseline) and the readiness, team and evidence-page routes. Prints
// req/s, latencies and the ratio of each route's mean latency to the baseline's, against
// the targets. A measurement, not a test: it exits 0 whether or not a target is met.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import net from 'node:net';
import os from 'node:os';
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

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const SERVER = fileURLToPath(new URL('../apps/api/src/server.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));

const REPORTS = Number(process.env.BENCH_REPORTS ?? 30);
const WEEKS = Number(process.env.BENCH_WEEKS ?? 104);
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = 10;
const SEED_CONCURRENCY = 12;
const PASSWORD = 'benchmark password 1234';

const TARGETS = { readiness: 3, reports: 5, evidence: 2 } as const;

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

function withAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  return withDatabase(ADMIN_URL, fn);
}

async function withDatabase<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function urlOf(database: string) {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
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

async function main() {
  console.log(
    `machine: ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), ` +
      `${fmt(os.totalmem() / 2 ** 30)} GiB RAM, node ${process.version}, ` +
      `load average ${os
        .loadavg()
        .map((n) => fmt(n, 2))
        .join(' ')}`,
  );
  // BENCH_REUSE_DB=<name> measures a database kept by an earlier BENCH_KEEP_DB=1 run.
  const reuse = process.env.BENCH_REUSE_DB;
  const name = reuse ?? `leadtrack_bench_${randomBytes(4).toString('hex')}`;
  const databaseUrl = urlOf(name);
  if (!reuse) {
    await withAdmin((c) => c.query(`CREATE DATABASE "${name}"`));
    await migratePostgres(databaseUrl);
  }
  let server: ChildProcess | undefined;
  try {
    const port = await freePort();
    server = await startServer(databaseUrl, port);
    const base = `http://127.0.0.1:${port}`;
    const api = new Api(base);

    let subjectId: string;
    let managerId: string;
    if (reuse) {
      const people = await withDatabase(databaseUrl, (c) =>
        c.query(
          `SELECT id, manager_id FROM users WHERE manager_id IS NOT NULL ORDER BY name LIMIT 1`,
        ),
      );
      subjectId = people.rows[0].id;
      managerId = people.rows[0].manager_id;
    } else {
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
    }

    if (!process.env.BENCH_NO_EXPLAIN) {
      console.log(
        `\nEXPLAIN ANALYZE of the readiness statement:\n${await explain(databaseUrl, subjectId, managerId)}\n`,
      );
    }

    // A fresh access token for the manager (they last 15 minutes).
    const login = await api.call('POST', '/api/v1/auth/login', undefined, {
      email: 'bench.manager@bench.test',
      password: PASSWORD,
    });
    const token = login.accessToken as string;
    const timeline = await api.call('GET', `/api/v1/users/${subjectId}/readiness`, token);
    const team = await api.call('GET', '/api/v1/reports', token);
    const page = await api.call('GET', `/api/v1/evidence?userId=${subjectId}&limit=50`, token);
    console.log(
      `readiness: ${timeline.weeks.length} weeks (streak ${timeline.current.streak}); ` +
        `reports: ${team.items.length} people; evidence page: ${page.items.length} entries`,
    );

    // BENCH_ONLY=readiness,reports measures those routes only.
    const only = process.env.BENCH_ONLY?.split(',');
    const routes: [string, string][] = [
      // No target: the cost of authentication alone (a JWT and the caller's row), the floor
      // under every protected route.
      ['auth floor', '/api/v1/me'],
      ['readiness', `/api/v1/users/${subjectId}/readiness`],
      ['reports', '/api/v1/reports'],
      ['evidence', `/api/v1/evidence?userId=${subjectId}&limit=50`],
    ];
    // The machine may be shared: each route is compared with a baseline measured just
    // before it, so a change in background load moves both sides of the ratio.
    const rows = [];
    for (const [route, path] of routes) {
      if (only && !only.includes(route)) continue;
      const baseline = await measure(base, '/readyz');
      const r = await measure(base, path, token);
      const ratio = r.mean / baseline.mean;
      const target = TARGETS[route as keyof typeof TARGETS];
      rows.push({
        route,
        path: path.replace(subjectId, ':id'),
        'req/s': fmt(r.rps, 0),
        'mean ms': fmt(r.mean, 2),
        'p50 ms': fmt(r.p50, 1),
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
      `\n${DURATION_S} s each, ${CONNECTIONS} connections, on 127.0.0.1, each after a 2 s ` +
        `warm-up; baseline = GET /readyz measured just before the route; load average now ` +
        os
          .loadavg()
          .map((n) => fmt(n, 2))
          .join(' '),
    );
    console.table(rows);
    const missed = rows.filter((r) => r.verdict === 'FAIL').map((r) => r.route);
    console.log(missed.length ? `missed: ${missed.join(', ')}` : 'all targets met');
  } finally {
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
