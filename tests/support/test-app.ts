// A real API instance on its own Postgres database (a copy of the migrated template).
import { buildApp } from '@leadtrack/api/app';
import { loadEnv } from '@leadtrack/api/env';
import { type Database, openDatabase } from '@leadtrack/db';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { createDatabase, dropDatabase, uniqueName } from './databases';
import { standIn } from './fixtures';

export type TestApp = Awaited<ReturnType<typeof buildApp>>;

/** What a test may give its API beyond the environment: a clock it controls. */
export interface TestAppOptions {
  clock?: () => Date;
}

/**
 * A clock a test sets (`set('2026-11-22T19:30:00Z')`) and releases (`reset()`: real time
 * again). Only people's dates follow it ("today", "this week"); token lifetimes and the
 * database's now() stay on real time.
 */
export function testClock() {
  let fixed: Date | undefined;
  return {
    now: (): Date => (fixed ? new Date(fixed) : new Date()),
    set(instant: string): void {
      fixed = new Date(instant);
      if (Number.isNaN(fixed.getTime())) throw new Error(`testClock: not an instant: ${instant}`);
    },
    reset(): void {
      fixed = undefined;
    },
  };
}

export interface TestContext {
  app: TestApp;
  databaseUrl: string;
  close(): Promise<void>;
}

/**
 * The one way tests build an API: on `database`, quiet and in test mode, with `env` on top.
 * startTestApp uses it on a fresh copy of the template; tests that need another database
 * (a proxy they cut, an embedded folder, a second process's view) call it directly.
 */
export async function buildTestApp(
  database: Database,
  env: Record<string, string> = {},
  options: TestAppOptions = {},
): Promise<TestApp> {
  // The stand-ins for GitHub and calendar feeds listen on loopback, which the server refuses
  // to connect to unless allowed (tests/api/outbound.test.ts checks the refusal).
  const config = loadEnv({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    OUTBOUND_ALLOW: '127.0.0.1',
    ...env,
  });
  const app = await buildApp({ config, database, clock: options.clock });
  await app.ready();
  return app;
}

export async function startTestApp(
  env: Record<string, string> = {},
  options: TestAppOptions = {},
): Promise<TestContext> {
  const name = uniqueName('leadtrack_test');
  const databaseUrl = await createDatabase(name, inject('templateDatabase'));
  const database = await openDatabase({ url: databaseUrl, maxConnections: 5 });
  const app = await buildTestApp(
    database,
    {
      AUTH_RATE_LIMIT: '10000',
      DATABASE_URL: databaseUrl,
      ...env,
    },
    options,
  );
  return {
    app,
    databaseUrl,
    async close() {
      await app.close();
      await dropDatabase(name);
    },
  };
}

export interface TestHandle {
  /** Stands for the instance beforeAll starts: every property is forwarded to it. */
  app: TestApp;
  /** Plain SQL on the file's database, for what the API does not show (a pool made on first use). */
  sql: Pick<pg.Pool, 'query'>;
  readonly databaseUrl: string;
}

/**
 * The usual file setup in one line: starts a test app before the file's tests and closes
 * it (dropping its database) after them. The handle may be destructured at module level
 * (`const { app, sql } = useTestApp()`) and used inside hooks and tests, so helpers that
 * take a TestApp accept `app` as they are.
 */
export function useTestApp(
  env: Record<string, string> | (() => Record<string, string>) = {},
  options: TestAppOptions = {},
): TestHandle {
  let ctx: TestContext | undefined;
  let pool: pg.Pool | undefined;
  beforeAll(async () => {
    // A function is read when the app starts: after the fixtures declared before it.
    ctx = await startTestApp(typeof env === 'function' ? env() : env, options);
  });
  afterAll(async () => {
    await pool?.end();
    await ctx?.close();
  });
  const started = (): TestContext => {
    if (!ctx) throw new Error('useTestApp: the app starts in beforeAll; use it in hooks and tests');
    return ctx;
  };
  const app = standIn(() => started().app);
  const sql = {
    query: ((...args: Parameters<pg.Pool['query']>) => {
      pool ??= new pg.Pool({ connectionString: started().databaseUrl, max: 2 });
      return pool.query(...args);
    }) as pg.Pool['query'],
  };
  return {
    app,
    sql,
    get databaseUrl() {
      return started().databaseUrl;
    },
  };
}

export { useFixture } from './fixtures';
