// Once per browser-test run: a migrated database, the compiled API and the built dashboard
// (apps/web/dist/server.js, as `npm start` runs them) on free ports, and the instance's
// admin (its first user).
import { type ChildProcess, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { migratePostgres } from '@leadtrack/db';
import type { TestProject } from 'vitest/node';
import { createDatabase, dropDatabase, uniqueName } from '../support/databases';
import { bin, compileServers, freePort, startApi, startWeb, stop, webDir } from './servers';

declare module 'vitest' {
  export interface ProvidedContext {
    apiUrl: string;
    webUrl: string;
    adminEmail: string;
    adminPassword: string;
    /** For tests that start a second API on the same data (other settings). */
    databaseUrl: string;
  }
}

export const ADMIN_PASSWORD = 'correct horse battery staple';

export default async function setup(project: TestProject) {
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
  if (!existsSync(`${webDir}/.next/BUILD_ID`) || process.env.BROWSER_TEST_BUILD === '1') {
    const built = spawnSync(bin('next'), ['build'], { cwd: webDir, env, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('next build failed');
  }
  compileServers();

  const name = uniqueName('leadtrack_browser');
  const databaseUrl = await createDatabase(name);
  let api: ChildProcess | undefined;
  let web: ChildProcess | undefined;
  try {
    await migratePostgres(databaseUrl);
    const webPort = await freePort();
    const webUrl = `http://localhost:${webPort}`;
    const startedApi = await startApi(databaseUrl, webUrl);
    api = startedApi.child;
    const apiUrl = startedApi.url;
    web = (await startWeb(apiUrl, webPort)).child;

    // The first user of the fresh database is its admin.
    const adminEmail = `admin-${name}@example.test`;
    const res = await fetch(`${apiUrl}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: adminEmail, name: 'Ada Admin', password: ADMIN_PASSWORD }),
    });
    if (res.status !== 201)
      throw new Error(`registering the admin: ${res.status} ${await res.text()}`);

    project.provide('apiUrl', apiUrl);
    project.provide('webUrl', webUrl);
    project.provide('adminEmail', adminEmail);
    project.provide('adminPassword', ADMIN_PASSWORD);
    project.provide('databaseUrl', databaseUrl);
  } catch (error) {
    await stop(web);
    await stop(api);
    await dropDatabase(name);
    throw error;
  }

  return async () => {
    await stop(web);
    await stop(api);
    await dropDatabase(name);
  };
}
