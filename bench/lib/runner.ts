// The shared runner of the load benchmark: a throwaway Postgres database, the real API as a
// child process on loopback, a two-year history for a team of 30, then the scenarios
// (bench/scenarios/*.ts) one after another against that server. Every figure is a ratio to
// a GET /readyz baseline measured in the same run, just before it. A measurement, not a
// test: it exits 0 whether or not a target is met.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { todayUtc } from '@leadtrack/core';
import { migratePostgres } from '@leadtrack/db';
import autocannon from 'autocannon';
import pg from 'pg';
import { historiesSql } from '../../apps/api/src/data/weekly-aggregates';
import { API_NODE_FLAGS, apiNodeEnv } from '../../scripts/api-node.mjs';
import {
  databaseUrl as urlOfDatabase,
  withAdmin,
  withDatabase,
} from '../../tests/support/databases';
import { freePort } from '../../tests/support/processes';
import { insertTeam } from '../seed-sql';
import { seedThroughApi } from './seed-api';

const SERVER = fileURLToPath(new URL('../../apps/api/src/server.ts', import.meta.url));
export const COMPILED_SERVER = fileURLToPath(
  new URL('../../apps/api/dist/server.js', import.meta.url),
);
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// One secret for every API process of a run: a token signed by one is good on the others.
const JWT_SECRET = randomBytes(24).toString('hex');

export const REPORTS = Number(process.env.BENCH_REPORTS ?? 30);
export const WEEKS = Number(process.env.BENCH_WEEKS ?? 104);
export const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
export const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 20);
export const PASSWORD = 'benchmark password 1234';

// ---- helpers ------------------------------------------------------------------------------

/** mulberry32: a small seeded PRNG, so every run seeds the same history. */
export function prng(seed: number) {
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
export async function pool<T>(limit: number, tasks: (() => Promise<T>)[]): Promise<T[]> {
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

export class Api {
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

  register(email: string, name: string) {
    return this.call('POST', '/api/v1/auth/register', undefined, {
      email,
      name,
      password: PASSWORD,
    });
  }
}

export async function login(api: Api, email: string): Promise<string> {
  const session = await api.call('POST', '/api/v1/auth/login', undefined, {
    email,
    password: PASSWORD,
  });
  return session.accessToken as string;
}

export const fmt = (n: number, d = 1) => n.toFixed(d);
export const load = () =>
  os
    .loadavg()
    .map((n) => fmt(n, 2))
    .join(' ');

// ---- the server -----------------------------------------------------------------------------

/** The API on `port`, started as production runs it; resolves once /healthz answers. */
export async function startServer(
  databaseUrl: string,
  port: number,
  env: Record<string, string> = {},
  // `compiled`: apps/api/dist/server.js, as `npm start` runs it (scripts/compile.mjs api).
  entry: 'source' | 'compiled' = 'source',
): Promise<ChildProcess> {
  // BENCH_CPU_PROF=<dir> writes a V8 CPU profile of the API process there on exit.
  const profile = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
    : [];
  const command =
    entry === 'compiled' ? [...API_NODE_FLAGS, COMPILED_SERVER] : ['--import', 'tsx', SERVER];
  const child = spawn(process.execPath, [...profile, ...command], {
    cwd: ROOT,
    env: apiNodeEnv({
      ...process.env,
      NODE_ENV: 'production',
      JWT_SECRET,
      DATABASE_URL: databaseUrl,
      API_HOST: '127.0.0.1',
      API_PORT: String(port),
      AUTH_RATE_LIMIT: '1000000',
      LOG_LEVEL: 'warn',
      ...env,
    }),
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

export async function stopServer(server: ChildProcess | undefined) {
  if (!server || server.exitCode !== null) return;
  // Let requests autocannon abandoned at the deadline finish before the pool closes.
  await new Promise((r) => setTimeout(r, 1000));
  server.kill('SIGTERM');
  await once(server, 'exit');
}

// ---- measuring ------------------------------------------------------------------------------

export interface Measured {
  rps: number;
  mean: number;
  p50: number;
  p99: number;
  errors: number;
  /** CPU µs per request of the API process (`serverPid` given) and of PostgreSQL's. */
  apiCpuUs?: number;
  pgCpuUs?: number;
}

const CLOCK_TICKS = 100; // USER_HZ: /proc's CPU times are in these on Linux

/** A process's CPU seconds so far (user + system), from /proc; 0 once it is gone. */
function cpuSecondsOf(pid: number | string): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

/** Every PostgreSQL process's CPU seconds so far (its backends serve the API's pool). */
function postgresCpuSeconds(): number {
  let total = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') {
        total += cpuSecondsOf(pid);
      }
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

/**
 * autocannon on one GET: a 2 s warm-up, then `DURATION_S` s measured; with `serverPid`, the
 * CPU the API process and PostgreSQL spent per request over those seconds too (Linux: the
 * figure a shared machine's load disturbs least, as no other process's time is in it).
 */
export async function measure(
  base: string,
  path: string,
  token?: string,
  serverPid?: number,
): Promise<Measured> {
  const opts = {
    url: base + path,
    connections: CONNECTIONS,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  };
  await autocannon({ ...opts, duration: 2 }); // warm-up: JIT, pools, caches
  const cpu = serverPid ? [cpuSecondsOf(serverPid), postgresCpuSeconds()] : undefined;
  const r = await autocannon({ ...opts, duration: DURATION_S });
  const perRequest = (seconds: number) => (seconds * 1e6) / Math.max(1, r.requests.total);
  return {
    rps: r.requests.average,
    mean: r.latency.mean,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts + r.non2xx,
    ...(serverPid &&
      cpu && {
        apiCpuUs: perRequest(cpuSecondsOf(serverPid) - (cpu[0] as number)),
        pgCpuUs: perRequest(postgresCpuSeconds() - (cpu[1] as number)),
      }),
  };
}

/** The entry every create of the bench sends. */
export const ENTRY_BODY = JSON.stringify({
  kinds: ['review', 'mentoring'],
  title: 'Reviewed the ingest path',
  description: 'Context, what I did, and what changed because of it.',
  occurredOn: todayUtc(),
  links: ['https://example.com/pr/1'],
  audience: 'team',
});

/**
 * autocannon `POST /api/v1/evidence` for `DURATION_S` s, `connections` in flight, each
 * request from the next of `tokens` (with a fresh Idempotency-Key when `withKey`).
 */
export function createLoad(
  base: string,
  tokens: readonly string[],
  options: { connections: number; withKey?: boolean },
) {
  let next = 0;
  return autocannon({
    url: `${base}/api/v1/evidence`,
    method: 'POST',
    connections: options.connections,
    duration: DURATION_S,
    headers: { 'content-type': 'application/json' },
    body: ENTRY_BODY,
    requests: [
      {
        setupRequest: (req: autocannon.Request) => ({
          ...req,
          headers: {
            ...req.headers,
            authorization: `Bearer ${tokens[next++ % tokens.length]}`,
            ...(options.withKey && { 'idempotency-key': randomBytes(12).toString('hex') }),
          },
        }),
      },
    ],
  });
}

/** `count` new people registered through the API, signed in: their tokens. */
export function writers(api: Api, label: string, count: number): Promise<string[]> {
  return pool(
    4,
    Array.from({ length: count }, (_, i) => async () => {
      const email = `${label}-${i}@bench.test`;
      await api.register(email, `${label} ${i}`);
      return login(api, email);
    }),
  );
}

export interface Timed {
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
export async function sequential(
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

/** The sequential /readyz baseline a cold row is compared with. */
export const sequentialBaseline = (base: string) =>
  sequential(base, '/readyz', undefined, COLD_RUNS * 2);

// ---- the bench and its scenarios ----------------------------------------------------------

/** What every scenario gets: the server, the database and the seeded team. */
export interface Bench {
  base: string;
  api: Api;
  sql: pg.Client;
  databaseUrl: string;
  /** The manager's access token. */
  token: string;
  managerId: string;
  /** The first report: the timeline and evidence page measured. */
  subjectId: string;
  reportEmails: string[];
  /** The bench password's hash, for people inserted in SQL. */
  passwordHash: string;
  /** The API process's pid (its CPU time, for `measure`). */
  serverPid: number;
}

export interface Scenario {
  name: string;
  /** false: runs without the database or the server (the in-process model). */
  server?: false;
  run(bench: Bench): Promise<void> | void;
}

async function seedTeam(sql: pg.Client, api: Api) {
  const started = Date.now();
  // The admin and the manager through the API, the team's history in SQL.
  for (const n of ['Bench Admin', 'Bench Manager']) {
    await api.register(`${n.toLowerCase().replace(/\s+/g, '.')}@bench.test`, n);
  }
  const { managerId, reports } = await insertTeam(sql, {
    managerEmail: 'bench.manager@bench.test',
    count: REPORTS,
    weeks: WEEKS,
  });
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
  return {
    managerId,
    subjectId: (reports[0] as { id: string }).id,
    reportEmails: reports.map((r) => r.email),
  };
}

async function seeded(sql: pg.Client, api: Api, reuse: boolean) {
  if (reuse) {
    const people = await sql.query(
      `SELECT u.id, u.email, u.manager_id FROM users u JOIN users m ON m.id = u.manager_id
        WHERE m.email = 'bench.manager@bench.test' ORDER BY u.name`,
    );
    return {
      subjectId: people.rows[0].id as string,
      managerId: people.rows[0].manager_id as string,
      reportEmails: people.rows.map((r) => r.email as string),
    };
  }
  if (process.env.BENCH_SEED !== 'api') return seedTeam(sql, api);
  const started = Date.now();
  const team = await seedThroughApi(api);
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `seeded through the API in ${fmt(seconds)} s: a manager, ${team.reports.length} reports, ` +
      `${WEEKS} weeks, ${team.entries} entries, ${team.checkins} check-ins, ` +
      `${team.acks} acknowledgements (${api.requests} requests, ${fmt(api.requests / seconds, 0)}/s)`,
  );
  const { rows } = await sql.query('SELECT email FROM users WHERE manager_id = $1 ORDER BY name', [
    team.manager.id,
  ]);
  return {
    subjectId: (team.reports[0] as { id: string }).id,
    managerId: team.manager.id,
    reportEmails: rows.map((r) => r.email as string),
  };
}

/** EXPLAIN ANALYZE of the full readiness statement (the fallback read). */
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

/**
 * Runs `scenarios` in order. The database and the server are set up once, before the
 * first scenario that needs them, and torn down at the end.
 */
export async function runBench(scenarios: Scenario[]) {
  console.log(
    `machine: ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), ` +
      `${fmt(os.totalmem() / 2 ** 30)} GiB RAM, node ${process.version}, load average ${load()}`,
  );
  for (const s of scenarios.filter((s) => s.server === false)) await s.run(undefined as never);
  const withServer = scenarios.filter((s) => s.server !== false);
  if (withServer.length === 0) return;

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
    const team = await seeded(sql, api, Boolean(reuse));
    const { rows: hashRows } = await sql.query(
      `SELECT password_hash FROM users WHERE email = 'bench.manager@bench.test'`,
    );
    if (!process.env.BENCH_NO_EXPLAIN) {
      console.log(
        `\nEXPLAIN ANALYZE of the readiness statement:\n${await explain(databaseUrl, team.subjectId, team.managerId)}\n`,
      );
    }
    const token = await login(api, 'bench.manager@bench.test');
    const timeline = await api.call('GET', `/api/v1/users/${team.subjectId}/readiness`, token);
    const reports = await api.call('GET', '/api/v1/reports', token);
    const page = await api.call('GET', `/api/v1/evidence?userId=${team.subjectId}&limit=50`, token);
    console.log(
      `readiness: ${timeline.weeks.length} weeks (streak ${timeline.current.streak}); ` +
        `reports: ${reports.items.length} people; evidence page: ${page.items.length} entries`,
    );
    const bench: Bench = {
      base,
      api,
      sql,
      databaseUrl,
      token,
      ...team,
      passwordHash: hashRows[0].password_hash as string,
      serverPid: server.pid as number,
    };
    for (const s of withServer) await s.run(bench);
  } finally {
    await sql.end();
    await stopServer(server);
    if (reuse || process.env.BENCH_KEEP_DB) console.log(`kept the database ${name}`);
    else await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  }
}

/**
 * The scenarios named on the command line (or in BENCH_ONLY, comma-separated), in the
 * order of `all`; every one when none is named.
 */
export function pick(all: Scenario[], names: string[]): Scenario[] {
  const wanted = names.length > 0 ? names : (process.env.BENCH_ONLY?.split(',') ?? []);
  if (wanted.length === 0) return all;
  const unknown = wanted.filter((n) => !all.some((s) => s.name === n));
  if (unknown.length > 0) {
    throw new Error(
      `no scenario ${unknown.join(', ')}: ${all.map((s) => s.name).join(', ')} exist`,
    );
  }
  return all.filter((s) => wanted.includes(s.name));
}

/** Runs the program and exits: 0 once every scenario ran, 1 on an error. */
export function exitWhenDone(run: Promise<unknown>) {
  run.then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}

/** `tsx bench/scenarios/<name>.ts` runs that scenario alone, with the shared setup. */
export function runIfMain(moduleUrl: string, scenario: Scenario) {
  const entry = process.argv[1];
  if (entry && pathToFileURL(entry).href === moduleUrl) exitWhenDone(runBench([scenario]));
}
