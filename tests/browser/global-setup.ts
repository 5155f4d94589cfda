// Once per browser-test run: a migrated database, the API (tsx) and the built dashboard
// (`next start`) on free ports, and the instance's admin (its first user).
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { migratePostgres } from '@leadtrack/db';
import type { TestProject } from 'vitest/node';
import { createDatabase, dropDatabase, uniqueName } from '../support/databases';

declare module 'vitest' {
  export interface ProvidedContext {
    apiUrl: string;
    webUrl: string;
    adminEmail: string;
    adminPassword: string;
  }
}

const root = fileURLToPath(new URL('../..', import.meta.url));
const webDir = `${root}apps/web`;
const bin = (name: string) => `${root}node_modules/.bin/${name}`;

export const ADMIN_PASSWORD = 'correct horse battery staple';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(url: string, child: ChildProcess, name: string, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}`);
    try {
      const res = await fetch(url, { redirect: 'manual' });
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${name} did not answer at ${url} within ${timeoutMs} ms`);
}

function start(name: string, command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv) {
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = `[${name}] `;
  child.stdout?.on('data', (chunk: Buffer) => {
    if (process.env.BROWSER_TEST_LOGS) process.stdout.write(prefix + chunk.toString());
  });
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(prefix + chunk.toString()));
  return child;
}

function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
    }, 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export default async function setup(project: TestProject) {
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
  if (!existsSync(`${webDir}/.next/BUILD_ID`) || process.env.BROWSER_TEST_BUILD === '1') {
    const built = spawnSync(bin('next'), ['build'], { cwd: webDir, env, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('next build failed');
  }

  const name = uniqueName('leadtrack_browser');
  const databaseUrl = await createDatabase(name);
  let api: ChildProcess | undefined;
  let web: ChildProcess | undefined;
  try {
    await migratePostgres(databaseUrl);
    const [apiPort, webPort] = [await freePort(), await freePort()];
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    // localhost (not 127.0.0.1): browsers treat it as a secure context, so Secure cookies work.
    const webUrl = `http://localhost:${webPort}`;

    api = start('api', bin('tsx'), ['apps/api/src/server.ts'], root, {
      ...env,
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      API_HOST: '127.0.0.1',
      API_PORT: String(apiPort),
      LOG_LEVEL: 'warn',
      AUTH_RATE_LIMIT: '1000',
      WEB_ORIGIN: webUrl,
    });
    await waitFor(`${apiUrl}/readyz`, api, 'API');

    web = start('web', bin('next'), ['start', '-p', String(webPort)], webDir, {
      ...env,
      NODE_ENV: 'production',
      API_URL: apiUrl,
    });
    await waitFor(`${webUrl}/login`, web, 'dashboard');

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
