// A real API instance on its own Postgres database (a copy of the migrated template).
import { buildApp } from '@leadtrack/api/app';
import { loadEnv } from '@leadtrack/api/env';
import { openDatabase } from '@leadtrack/db';
import { inject } from 'vitest';
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
