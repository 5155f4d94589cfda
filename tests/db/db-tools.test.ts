// The embedded database's tools: db:move copies every row into an empty PostgreSQL
// database (migrated first, one refused when it holds users) where people then sign in;
// db:backup copies the folder while the API runs on it, and db:restore brings that copy
// back in a new folder, where the data reads as it was at the backup.
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { todayUtc, weekStartOf } from '@leadtrack/core';
import { LOCK_FILE, openDatabase } from '@leadtrack/db';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase, dropDatabase, uniqueName } from '../support/databases';
import { call, makeTeam, TEST_PASSWORD, type TestUser } from '../support/http';
import { freePort, runApiTool, waitUntilUp } from '../support/processes';
import { buildTestApp, type TestApp } from '../support/test-app';
import { startEmbeddedApi } from './embedded-api';

const folders: string[] = [];
const databases: string[] = [];
const children: ChildProcess[] = [];

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of folders) await rm(dir, { recursive: true, force: true });
  for (const name of databases) await dropDatabase(name);
});

async function tempFolder() {
  const dir = await mkdtemp(join(tmpdir(), 'leadtrack-tools-'));
  folders.push(dir);
  return dir;
}

/** Runs a tool from apps/api/src/tools on the embedded folder `dataDir`. */
function tool(name: string, args: string[], dataDir: string) {
  return runApiTool(name, args, { LEADTRACK_DATA_DIR: dataDir, DATABASE_URL: undefined });
}

/** An engineer's entry and check-in, and their manager's feedback. */
async function someHistory(app: TestApp) {
  const team = await makeTeam(app);
  const entry = await call(app, 'POST', '/api/v1/evidence', {
    token: team.engineer,
    body: { kinds: ['mentoring'], title: 'Paired with a new hire', occurredOn: todayUtc() },
  });
  expect(entry.status, entry.text).toBe(201);
  const checkin = await call(app, 'PUT', `/api/v1/checkins/${weekStartOf(todayUtc())}`, {
    token: team.engineer,
    body: { handsOnPercent: 60, deepWorkBlocks: 4, onLeave: false },
  });
  expect(checkin.status, checkin.text).toBe(200);
  const feedback = await call(app, 'POST', `/api/v1/users/${team.engineer.id}/feedback`, {
    token: team.manager,
    body: { body: 'Clear design review notes.' },
  });
  expect(feedback.status, feedback.text).toBe(201);
  return team;
}

async function signInAndList(app: TestApp, user: TestUser) {
  const login = await call(app, 'POST', '/api/v1/auth/login', {
    body: { email: user.email, password: TEST_PASSWORD },
  });
  expect(login.status, login.text).toBe(200);
  const list = await call(app, 'GET', '/api/v1/evidence', { token: login.body.accessToken });
  expect(list.status, list.text).toBe(200);
  return (list.body.items as { title: string }[]).map((e) => e.title);
}

describe('db:move', () => {
  it('copies every row into an empty PostgreSQL database, where people sign in; refuses one with users', async () => {
    const dataDir = join(await tempFolder(), 'data');
    const embedded = await buildTestApp(await openDatabase({ dataDir }), {
      AUTH_RATE_LIMIT: '1000',
    });
    const team = await someHistory(embedded);
    await embedded.close();

    const name = uniqueName('leadtrack_move');
    databases.push(name);
    const url = await createDatabase(name);
    const moved = await tool('db-move', ['--to', url], dataDir);
    expect(moved.code, moved.output).toBe(0);
    const counts = new Map(
      [...moved.output.matchAll(/^(\w+) (\d+) (\d+)$/gm)].map((m) => [m[1], [m[2], m[3]]]),
    );
    expect(counts.get('evidence')).toEqual(['1', '1']);
    expect(counts.get('checkins')).toEqual(['1', '1']);
    expect(counts.get('feedback')).toEqual(['1', '1']);
    expect(counts.get('users')).toEqual(['5', '5']);
    for (const [table, [here, there]] of counts) expect(there, table).toBe(here);

    const onPostgres = await buildTestApp(await openDatabase({ url }), { AUTH_RATE_LIMIT: '1000' });
    try {
      expect(await signInAndList(onPostgres, team.engineer)).toEqual(['Paired with a new hire']);
      const feedback = await call(onPostgres, 'GET', `/api/v1/users/${team.engineer.id}/feedback`, {
        token: team.manager,
      });
      expect(feedback.body.items.map((f: { body: string }) => f.body)).toEqual([
        'Clear design review notes.',
      ]);
    } finally {
      await onPostgres.close();
    }

    const again = await tool('db-move', ['--to', url], dataDir);
    expect(again.code).toBe(1);
    expect(again.output).toContain('already holds users');
  }, 240_000);
});

describe('db:backup and db:restore', () => {
  it('backs up while the API runs, and restores into a new folder', async () => {
    const dataDir = join(await tempFolder(), 'data');
    // The history is written first, then the real server opens the folder.
    const setup = await buildTestApp(await openDatabase({ dataDir }), { AUTH_RATE_LIMIT: '1000' });
    const team = await someHistory(setup);
    await setup.close();

    const server = startEmbeddedApi(dataDir, await freePort());
    children.push(server.child);
    await waitUntilUp(`${server.url}/readyz`, { child: server.child, timeoutMs: 150_000 });

    const file = join(await tempFolder(), 'leadtrack-backup.tar.gz');
    const backup = await tool('db-backup', [file], dataDir);
    expect(backup.code, backup.output).toBe(0);
    expect(backup.output).toContain('from the running API');
    // Written after the backup: not in it.
    const later = await fetch(`${server.url}/api/v1/evidence`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${team.engineer.token}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        kinds: ['mentoring'],
        title: 'After the backup',
        occurredOn: todayUtc(),
      }),
    });
    expect(later.status).toBe(201);

    const restoredDir = join(await tempFolder(), 'restored');
    const restored = await tool('db-restore', [file], restoredDir);
    expect(restored.code, restored.output).toBe(0);
    expect(await readdir(restoredDir)).not.toContain(LOCK_FILE);
    const refused = await tool('db-restore', [file], restoredDir);
    expect(refused.code).toBe(1);
    expect(refused.output).toContain('not empty');

    server.child.kill('SIGTERM');
    expect((await server.exited)[0]).toBe(0);

    const reopened = await buildTestApp(await openDatabase({ dataDir: restoredDir }), {
      AUTH_RATE_LIMIT: '1000',
    });
    try {
      expect(await signInAndList(reopened, team.engineer)).toEqual(['Paired with a new hire']);
    } finally {
      await reopened.close();
    }
  }, 450_000);
});
