// The manager's home as HTML (issue 19): the dashboard's `/` server-rendered for a manager of
// 30 reports with a year of history each (what waits for them, their team's agenda), timed
// against the evidence list page (`/evidence` of one report, a year of their entries) in the
// same run, one request at a time and interleaved, so the machine's load weighs on both
// alike. The sign-in page (no API call) is timed too, as the dashboard's own floor, and the
// API route each page spends most on (GET /me/agenda, GET /evidence), bearer token in hand.
//
// Runs what `npm start` runs: the compiled API (NODE_ENV=production) on a throwaway database
// and the built dashboard (apps/web/.next: build it first if it is missing). The team is
// seeded in SQL (seed-sql.ts); five reports share two fit reflections each through the API.
// A measurement, not a test: it exits 0 once it has printed its figures.
//   npm run bench:manager-home -w @leadtrack/bench
// Knobs: BENCH_REPORTS (30), BENCH_WEEKS (52), BENCH_RUNS (40), BENCH_KEEP_DB=1.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { addWeeks, todayUtc, weekStartOf } from '@leadtrack/core';
import { migratePostgres } from '@leadtrack/db';
import pg from 'pg';
import {
  compileServers,
  type Running,
  startApi,
  startWeb,
  stop,
  webDir,
} from '../tests/browser/servers';
import { databaseUrl as urlOfDatabase, withAdmin } from '../tests/support/databases';
import { freePort } from '../tests/support/processes';
import { exitWhenDone, fmt, load, PASSWORD } from './lib/runner';
import { insertTeam } from './seed-sql';

const REPORTS = Number(process.env.BENCH_REPORTS ?? 30);
const WEEKS = Number(process.env.BENCH_WEEKS ?? 52);
const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const WARM_UP = 3;
const MANAGER = 'bench.manager@bench.test';
// The dashboard's session cookie (apps/web/lib/config.ts ACCESS_COOKIE): the access token.
const ACCESS_COOKIE = 'lt_access';
// Access tokens live 15 minutes; sign in again well before.
const TOKEN_MS = 5 * 60_000;

async function call<T>(base: string, method: string, path: string, token?: string, body?: unknown) {
  const res = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: {
      ...(token && { authorization: `Bearer ${token}` }),
      ...(body !== undefined && { 'content-type': 'application/json' }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

/** A page of the dashboard as a signed-in person asks for it, signing in again when due. */
class Visitor {
  private token = '';
  private since = 0;
  constructor(
    private readonly api: string,
    private readonly email: string,
  ) {}

  async cookie(): Promise<string> {
    return `${ACCESS_COOKIE}=${await this.accessToken()}`;
  }

  async accessToken(): Promise<string> {
    if (Date.now() - this.since > TOKEN_MS) {
      const session = await call<{ accessToken: string }>(this.api, 'POST', '/auth/login', '', {
        email: this.email,
        password: PASSWORD,
      });
      this.token = session.accessToken;
      this.since = Date.now();
    }
    return this.token;
  }
}

interface Page {
  name: string;
  /** The dashboard's page, or (`api`) the API route it reads, with a bearer token. */
  path: string;
  api?: boolean;
  visitor: Visitor | null;
  /** Text the answer must hold: the page rendered what it is for (not a redirect or error). */
  holds: string;
  ms: number[];
  bytes: number;
}

/** One GET of the page, read to its end (the streamed HTML whole): its milliseconds. */
async function time(servers: { web: string; api: string }, page: Page): Promise<number> {
  const headers: Record<string, string> = !page.visitor
    ? {}
    : page.api
      ? { authorization: `Bearer ${await page.visitor.accessToken()}` }
      : { cookie: await page.visitor.cookie() };
  const url = (page.api ? servers.api : servers.web) + page.path;
  const started = performance.now();
  const res = await fetch(url, { headers, redirect: 'manual' });
  const html = await res.text();
  const took = performance.now() - started;
  if (res.status !== 200) throw new Error(`GET ${page.path} → ${res.status}`);
  if (!html.includes(page.holds)) throw new Error(`GET ${page.path} lacks “${page.holds}”`);
  page.bytes = Buffer.byteLength(html);
  return took;
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
};

async function main() {
  if (!existsSync(`${webDir}/.next/BUILD_ID`))
    throw new Error('the dashboard is not built: run `npx next build` in apps/web first');
  console.log(
    `machine: ${os.cpus().length} CPUs, node ${process.version}, load average ${load()}; ` +
      `${REPORTS} reports × ${WEEKS} weeks, ${RUNS} runs per page`,
  );
  compileServers();
  const name = `leadtrack_bench_home_${randomBytes(4).toString('hex')}`;
  const databaseUrl = urlOfDatabase(name);
  await withAdmin((c) => c.query(`CREATE DATABASE "${name}"`));
  let api: Running | undefined;
  let web: Running | undefined;
  const sql = new pg.Client({ connectionString: databaseUrl });
  try {
    await migratePostgres(databaseUrl);
    await sql.connect();
    const webPort = await freePort();
    api = await startApi(databaseUrl, `http://localhost:${webPort}`, {
      NODE_ENV: 'production',
      JWT_SECRET: randomBytes(24).toString('hex'),
      AUTH_RATE_LIMIT: '1000000',
    });
    web = await startWeb(api.url, webPort);

    // The admin and the manager through the API, the team and its year in SQL.
    const started = Date.now();
    for (const n of ['Bench Admin', 'Bench Manager'])
      await call(api.url, 'POST', '/auth/register', undefined, {
        email: `${n.toLowerCase().replace(/\s+/g, '.')}@bench.test`,
        name: n,
        password: PASSWORD,
      });
    const { reports } = await insertTeam(sql, {
      managerEmail: MANAGER,
      count: REPORTS,
      weeks: WEEKS,
    });
    // Reflections shared with the manager: two each from five reports.
    const thisWeek = weekStartOf(todayUtc());
    for (const report of reports.slice(0, 5)) {
      const { accessToken } = await call<{ accessToken: string }>(
        api.url,
        'POST',
        '/auth/login',
        undefined,
        { email: report.email, password: PASSWORD },
      );
      const { items } = await call<{ items: { id: string }[] }>(
        api.url,
        'GET',
        '/reflection-statements',
        accessToken,
      );
      for (const back of [1, 0])
        await call(api.url, 'PUT', `/reflections/${addWeeks(thisWeek, -back)}`, accessToken, {
          answers: Object.fromEntries(items.map((s, i) => [s.id, 1 + ((i + back) % 5)])),
          note: 'Planning drained me less this week.',
          shared: true,
        });
    }
    const counts = (
      await sql.query(
        `SELECT (SELECT count(*) FROM evidence)::int AS entries,
                (SELECT count(*) FROM checkins)::int AS checkins,
                (SELECT count(*) FROM acknowledgements)::int AS acks`,
      )
    ).rows[0];
    const manager = new Visitor(api.url, MANAGER);
    const agenda = await call<{ items: unknown[]; counts: Record<string, number> }>(
      api.url,
      'GET',
      '/me/agenda',
      await manager.accessToken(),
    );
    console.log(
      `seeded in ${fmt((Date.now() - started) / 1000)} s: ${counts.entries} entries, ` +
        `${counts.checkins} check-ins, ${counts.acks} acknowledgements; the manager's agenda ` +
        `shows ${agenda.items.length} items of ${JSON.stringify(agenda.counts)}`,
    );

    const report = new Visitor(api.url, (reports[0] as { email: string }).email);
    const pages: Page[] = [
      {
        name: "manager's home (/)",
        path: '/',
        visitor: manager,
        holds: 'Waiting for you',
        ms: [],
        bytes: 0,
      },
      {
        name: 'evidence list (/evidence, a report)',
        path: '/evidence',
        visitor: report,
        holds: 'Seeded week',
        ms: [],
        bytes: 0,
      },
      // What the two pages spend most on in the API (the rest of their calls are small).
      {
        name: 'API: GET /me/agenda (the manager)',
        path: '/api/v1/me/agenda',
        api: true,
        visitor: manager,
        holds: '"items"',
        ms: [],
        bytes: 0,
      },
      {
        name: 'API: GET /evidence (a report, a page)',
        path: '/api/v1/evidence?limit=20',
        api: true,
        visitor: report,
        holds: '"items"',
        ms: [],
        bytes: 0,
      },
      {
        name: 'sign-in page (/login, no API call)',
        path: '/login',
        visitor: null,
        holds: 'Sign in',
        ms: [],
        bytes: 0,
      },
    ];
    const before = load();
    for (let run = 0; run < RUNS + WARM_UP; run++) {
      // Interleaved, in a rotating order, so neither page always follows the other.
      for (let i = 0; i < pages.length; i++) {
        const page = pages[(run + i) % pages.length] as Page;
        const ms = await time({ web: web.url, api: api.url }, page);
        if (run >= WARM_UP) page.ms.push(ms);
      }
    }
    const evidence = quantile((pages[1] as Page).ms, 0.5);
    console.log(
      `\n== one request at a time, interleaved, ${RUNS} runs each after ${WARM_UP} to warm up; ` +
        `load average ${before} before, ${load()} after`,
    );
    console.table(
      pages.map((p) => ({
        page: p.name,
        'median ms': fmt(quantile(p.ms, 0.5)),
        'p90 ms': fmt(quantile(p.ms, 0.9)),
        'min ms': fmt(Math.min(...p.ms)),
        'max ms': fmt(Math.max(...p.ms)),
        'x evidence list (median)': fmt(quantile(p.ms, 0.5) / evidence, 2),
        KB: fmt(p.bytes / 1024),
      })),
    );
  } finally {
    await sql.end().catch(() => undefined);
    await stop(web?.child);
    await stop(api?.child);
    if (process.env.BENCH_KEEP_DB) console.log(`kept the database ${name}`);
    else await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  }
}

exitWhenDone(main());
