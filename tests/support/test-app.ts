// A real API instance on its own Postgres database (a copy of the migrated template).
import { buildApp } from '@leadtrack/api/app';
import { loadEnv } from '@leadtrack/api/env';
import { openDatabase } from '@leadtrack/db';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { createDatabase, dropDatabase, uniqueName } from './databases';

export type TestApp = Awaited<ReturnType<typeof buildApp>>;

export interface TestContext {
  app: TestApp;
  databaseUrl: string;
  close(): Promise<void>;
}

export async function startTestApp(env: Record<string, string> = {}): Promise<TestContext> {
  const name = uniqueName('leadtrack_test');
  const databaseUrl = await createDatabase(name, inject('templateDatabase'));
  const config = loadEnv({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    AUTH_RATE_LIMIT: '10000',
    DATABASE_URL: databaseUrl,
    ...env,
  });
  const database = await openDatabase({ url: databaseUrl, maxConnections: 5 });
  const app = await buildApp({ config, database });
  await app.ready();
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
export function useTestApp(env: Record<string, string> = {}): TestHandle {
  let ctx: TestContext | undefined;
  let pool: pg.Pool | undefined;
  beforeAll(async () => {
    ctx = await startTestApp(env);
  });
  afterAll(async () => {
    await pool?.end();
    await ctx?.close();
  });
  const started = (): TestContext => {
    if (!ctx) throw new Error('useTestApp: the app starts in beforeAll; use it in hooks and tests');
    return ctx;
  };
  const app = new Proxy({} as TestApp, {
    get(_, property) {
      const target = started().app;
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
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
