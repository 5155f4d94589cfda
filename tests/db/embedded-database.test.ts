// The embedded database (PGlite in a folder): one process per folder, refused with a
// message naming the holder; a crashed holder's lock does not stick; the folder and its
// files are the owner's only; a SIGKILL in the middle of writes loses nothing acknowledged;
// a taken email is a 409 there as on Postgres.
import type { ChildProcess } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays, todayUtc } from '@leadtrack/core';
import { DataFolderInUseError, LOCK_FILE, openDatabase } from '@leadtrack/db';
import { afterAll, describe, expect, it } from 'vitest';
import { call, expectProblem, registerUser, TEST_PASSWORD, uniqueEmail } from '../support/http';
import { freePort } from '../support/processes';
import { buildTestApp } from '../support/test-app';
import { startEmbeddedApi } from './embedded-api';

const folders: string[] = [];
const children: ChildProcess[] = [];

async function tempFolder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'leadtrack-embedded-'));
  folders.push(dir);
  return join(dir, 'data');
}

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of folders) await rm(dir, { recursive: true, force: true });
});

/** The real API process on the embedded database in `dataDir`, killed after the file. */
function startServer(dataDir: string, port: number) {
  const server = startEmbeddedApi(dataDir, port, {
    AUTH_RATE_LIMIT: '10000',
    JWT_SECRET: undefined,
  });
  children.push(server.child);
  return server;
}

async function waitReady(server: ReturnType<typeof startServer>, timeoutMs = 150_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) throw new Error(`exited early:\n${server.output()}`);
    try {
      if ((await fetch(`${server.url}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`not ready within ${timeoutMs} ms:\n${server.output()}`);
}

async function post(url: string, path: string, body: unknown, token?: string) {
  return fetch(`${url}/api/v1${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token && { authorization: `Bearer ${token}` }),
    },
    body: JSON.stringify(body),
  });
}

describe('one process per data folder', () => {
  it('a second process exits at once naming the holder; after a crash (SIGKILL) a new one starts', async () => {
    const dataDir = await tempFolder();
    const first = startServer(dataDir, await freePort());
    await waitReady(first);
    const lock = JSON.parse(await readFile(join(dataDir, LOCK_FILE), 'utf8'));
    expect(lock).toMatchObject({ pid: first.child.pid, host: hostname() });

    const second = startServer(dataDir, await freePort());
    const started = Date.now();
    const [code] = await second.exited;
    expect(code, second.output()).not.toBe(0);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(second.output()).toContain(
      `The data folder ${dataDir} is in use by process ${first.child.pid} on ${hostname()}`,
    );
    // The first one was not disturbed.
    expect((await fetch(`${first.url}/readyz`)).status).toBe(200);

    first.child.kill('SIGKILL');
    await first.exited;
    // Its lock file is still there, naming a process that is gone: it must not stick.
    expect(JSON.parse(await readFile(join(dataDir, LOCK_FILE), 'utf8')).pid).toBe(first.child.pid);
    const third = startServer(dataDir, await freePort());
    await waitReady(third);
    expect((await fetch(`${third.url}/healthz`)).status).toBe(200);
    third.child.kill('SIGTERM');
    const [thirdCode] = await third.exited;
    expect(thirdCode, third.output()).toBe(0);
    // A clean shutdown removes the lock.
    await expect(stat(join(dataDir, LOCK_FILE))).rejects.toThrow();
  }, 400_000);
});

// One folder for the in-process checks: each fresh folder costs an initdb and migrations.
describe('opening a folder in this process', () => {
  it('makes it owner-only (even a world-writable one), refuses a second open, and answers 409 for a taken email', async () => {
    const dataDir = await tempFolder();
    await mkdir(dataDir, { recursive: true });
    await chmod(dataDir, 0o777);
    const database = await openDatabase({ dataDir });
    const app = await buildTestApp(database, { LEADTRACK_DATA_DIR: dataDir });
    try {
      expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
      for (const file of ['PG_VERSION', 'postgresql.conf', LOCK_FILE]) {
        expect((await stat(join(dataDir, file))).mode & 0o777, file).toBe(0o600);
      }
      expect((await stat(join(dataDir, 'base'))).mode & 0o777).toBe(0o700);

      const second = openDatabase({ dataDir });
      await expect(second).rejects.toBeInstanceOf(DataFolderInUseError);
      await expect(second).rejects.toThrow(`in use by process ${process.pid}`);

      // The driver adapter's unique violation is recognised on PGlite too.
      const admin = await registerUser(app, { name: 'Admin' });
      const again = await call(app, 'POST', '/api/v1/auth/register', {
        body: { email: admin.email.toUpperCase(), name: 'Again', password: TEST_PASSWORD },
      });
      expectProblem(again, 409);
      const created = await call(app, 'POST', '/api/v1/users', {
        token: admin.token,
        body: { email: admin.email, name: 'Copy', password: TEST_PASSWORD, role: 'engineer' },
      });
      expectProblem(created, 409);
      const fresh = await call(app, 'POST', '/api/v1/users', {
        token: admin.token,
        body: { email: uniqueEmail(), name: 'New', password: TEST_PASSWORD, role: 'engineer' },
      });
      expect(fresh.status, fresh.text).toBe(201);
    } finally {
      await app.close();
    }
    // Closed: the lock is gone and the folder opens again.
    await expect(stat(join(dataDir, LOCK_FILE))).rejects.toThrow();
    const again = await openDatabase({ dataDir });
    await again.close();
  }, 400_000);
});

describe('SIGKILL in the middle of writes', () => {
  it('reopening the folder finds every write that was acknowledged with 201', async () => {
    const dataDir = await tempFolder();
    const server = startServer(dataDir, await freePort());
    await waitReady(server);
    const reg = await post(server.url, '/auth/register', {
      email: uniqueEmail(),
      name: 'Writer',
      password: TEST_PASSWORD,
    });
    expect(reg.status).toBe(201);
    const { accessToken } = (await reg.json()) as { accessToken: string };

    const acknowledged: string[] = [];
    let stop = false;
    let n = 0;
    const writer = async () => {
      while (!stop) {
        const title = `Write ${n++}`;
        try {
          const res = await post(
            server.url,
            '/evidence',
            { kinds: ['review'], title, occurredOn: addDays(todayUtc(), -1) },
            accessToken,
          );
          if (res.status === 201) acknowledged.push(((await res.json()) as { id: string }).id);
        } catch {
          return; // the server is gone
        }
      }
    };
    const writers = Array.from({ length: 8 }, writer);
    while (acknowledged.length < 40) await new Promise((resolve) => setTimeout(resolve, 20));
    server.child.kill('SIGKILL');
    await server.exited;
    stop = true;
    await Promise.all(writers);
    expect(acknowledged.length).toBeGreaterThanOrEqual(40);

    const reopened = await openDatabase({ dataDir });
    try {
      const rows = await reopened.query<{ id: string }>('SELECT id FROM evidence');
      const stored = new Set(rows.map((r) => r.id));
      expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
    } finally {
      await reopened.close();
    }
  }, 400_000);
});
