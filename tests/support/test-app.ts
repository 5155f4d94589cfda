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

/**
 * Makes a file's fixture (a team, a role cast…) in beforeAll, after the hooks registered
 * before it, and returns a stand-in for it that may be declared at module level:
 * `const team = useFixture(() => makeTeam(app))`.
 */
export function useFixture<T extends object>(make: () => Promise<T>): T {
  let value: T | undefined;
  beforeAll(async () => {
    value = await make();
  });
  return standIn(() => {
    if (!value)
      throw new Error('useFixture: the fixture is made in beforeAll; use it in hooks and tests');
    return value;
  });
}

/** An object that forwards every read to `current()` (methods bound to it). */
function standIn<T extends object>(current: () => T): T {
  return new Proxy({} as T, {
    get(_, property) {
      const target = current();
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
    has: (_, property) => Reflect.has(current(), property),
    ownKeys: () => Reflect.ownKeys(current()),
    getOwnPropertyDescriptor(_, property) {
      const descriptor = Reflect.getOwnPropertyDescriptor(current(), property);
      return descriptor && { ...descriptor, configurable: true };
    },
  });
}
