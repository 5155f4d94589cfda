// The real server process: boots from the environment, serves, and on SIGTERM closes the
// HTTP server, then the database, and exits 0.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase, dropDatabase, uniqueName } from '../support/databases';
import { freePort, ROOT, waitUntilUp } from '../support/processes';

describe('the API server process', () => {
  const name = uniqueName('leadtrack_proc');
  let databaseUrl: string;
  beforeAll(async () => {
    databaseUrl = await createDatabase(name, inject('templateDatabase'));
  });
  afterAll(() => dropDatabase(name));

  function startServer(env: Record<string, string>): { child: ChildProcess; output: () => string } {
    let output = '';
    const child = spawn(`${ROOT}node_modules/.bin/tsx`, ['src/server.ts'], {
      cwd: `${ROOT}apps/api`,
      env: { ...process.env, LOG_LEVEL: 'info', NODE_ENV: 'test', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr?.on('data', (chunk) => {
      output += chunk;
    });
    return { child, output: () => output };
  }

  /** Signs `name` up (as name@example.test, lower case) on the server at `port`. */
  const register = (port: number, name: string) =>
    fetch(`http://127.0.0.1:${port}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: `${name.toLowerCase()}@example.test`,
        name,
        password: 'correct horse battery',
      }),
    });

  it('serves, then shuts down cleanly on SIGTERM (server first, then the database)', async () => {
    const port = await freePort();
    const { child, output } = startServer({ DATABASE_URL: databaseUrl, API_PORT: String(port) });
    await waitUntilUp(`http://127.0.0.1:${port}/readyz`);
    const res = await register(port, 'Proc');
    expect(res.status).toBe(201);
    // Logs never carry credentials.
    expect(output()).not.toContain('correct horse battery');

    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code, output()).toBe(0);
    expect(output()).toMatch(/"reason":"SIGTERM".*"msg":"server closing/);
    expect(output()).toContain('"msg":"server closed"');
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  }, 60_000);

  it('starts in production without JWT_SECRET, signing with its own generated secret', async () => {
    const port = await freePort();
    const { child, output } = startServer({
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      API_PORT: String(port),
    });
    try {
      await waitUntilUp(`http://127.0.0.1:${port}/readyz`);
      const res = await register(port, 'Prod');
      expect(res.status, output()).toBe(201);
      const { accessToken } = (await res.json()) as { accessToken: string };
      const me = await fetch(`http://127.0.0.1:${port}/api/v1/me`, {
        headers: { authorization: `Bearer ${accessToken}` },
      });
      expect(me.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  }, 60_000);
});
