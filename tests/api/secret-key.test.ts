// LEADTRACK_SECRET_KEY and `npm run secrets:rotate` (apps/api/src/tools/secrets-rotate.ts),
// on the real database: the rotate re-seals every stored secret the sources declare under
// the new key in one transaction and removes the database's own key; the old key no longer
// opens them; the app started with the new key reads them (a sync reaches the stand-in
// GitHub with the token); a server with a missing or another key says so in a 409 and its
// log rather than a 500; a rotate with the wrong current key changes nothing.
import { randomBytes } from 'node:crypto';
import { loadEnv } from '@leadtrack/api/env';
import { openDatabase } from '@leadtrack/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyId, unsealWith } from '../../apps/api/src/services/sealed-secrets';
import { GITHUB_TOKEN } from '../../apps/api/src/sources/github/env';
import { startGithubStandIn } from '../support/github-stand-in';
import { call, registerUser, type TestUser } from '../support/http';
import { runApiTool } from '../support/processes';
import { buildTestApp, type TestApp, useFixture, useTestApp } from '../support/test-app';
import { tokenHostCalls } from '../support/token-host';

const handle = useTestApp();
const { app, sql } = handle;
const github = useFixture(
  () => startGithubStandIn({ searchLimit: 10_000 }),
  (s) => s.stop(),
);
const githubSource = tokenHostCalls(handle, 'github', github);
const API = githubSource.api;
const first = randomBytes(32);
const second = randomBytes(32);
const opened: TestApp[] = [];
let engineer: TestUser;

afterAll(async () => {
  for (const other of opened) await other.close();
});

/** Another API process's view of the file's database, started with `key` (or none). */
async function appWith(key: Buffer | null): Promise<TestApp> {
  const database = await openDatabase({ url: handle.databaseUrl, maxConnections: 2 });
  const other = await buildTestApp(database, {
    DATABASE_URL: handle.databaseUrl,
    AUTH_RATE_LIMIT: '10000',
    ...(key && { LEADTRACK_SECRET_KEY: key.toString('base64') }),
  });
  opened.push(other);
  return other;
}

/** `npm run secrets:rotate` as the tool runs (from source), with `env` on top. */
function rotate(env: Record<string, string | undefined>, args: string[] = []) {
  return runApiTool('secrets-rotate', args, { DATABASE_URL: handle.databaseUrl, ...env });
}

async function stored(): Promise<string> {
  const { rows } = await sql.query(
    'SELECT token_encrypted FROM github_integrations WHERE user_id = $1',
    [engineer.id],
  );
  return rows[0].token_encrypted;
}

/** A sync through `on`: it opens the stored token and shows it to the stand-in. */
async function sync(on: TestApp) {
  const before = github.requests.length;
  const res = await call(on, 'POST', `${API}/sync`, { token: engineer, body: {} });
  const sent = github.requests.slice(before).map((r) => r.authorization);
  return { res, sent };
}

const keyIdFrom = (key: Buffer) => keyId(key);

beforeAll(async () => {
  engineer = await registerUser(app, { name: 'Octo' });
  github.addUser('ghp_rotate_me', 'octo');
  await githubSource.connect(engineer, 'ghp_rotate_me');
  await githubSource.settled(engineer);
});

describe('LEADTRACK_SECRET_KEY', () => {
  it('must be 32 bytes of base64: the configuration names it otherwise', () => {
    expect(() => loadEnv({ LEADTRACK_SECRET_KEY: 'c2hvcnQ=' })).toThrow(
      /LEADTRACK_SECRET_KEY.*32 bytes/s,
    );
    expect(() => loadEnv({ LEADTRACK_SECRET_KEY: 'not base64 at all!' })).toThrow(
      /LEADTRACK_SECRET_KEY.*base64/s,
    );
    expect(
      loadEnv({ LEADTRACK_SECRET_KEY: first.toString('base64') }).LEADTRACK_SECRET_KEY,
    ).toEqual(first);
    expect(loadEnv({ LEADTRACK_SECRET_KEY: '' }).LEADTRACK_SECRET_KEY).toBeUndefined();
  });
});

describe('npm run secrets:rotate', () => {
  it('without a new key prints its usage and changes nothing', async () => {
    const before = await stored();
    const run = await rotate({
      LEADTRACK_NEW_SECRET_KEY: undefined,
      LEADTRACK_SECRET_KEY: undefined,
    });
    expect(run.code, run.output).toBe(2);
    expect(run.output).toContain('usage: LEADTRACK_NEW_SECRET_KEY=');
    expect(await stored()).toBe(before);
  });

  it('moves the quick start’s values off the database’s own key: re-sealed, that key removed', async () => {
    expect(await stored()).toMatch(/^v1\./);
    const run = await rotate({
      LEADTRACK_SECRET_KEY: undefined,
      LEADTRACK_NEW_SECRET_KEY: first.toString('base64'),
    });
    expect(run.code, run.output).toBe(0);
    // Every place the sources declare, walked from the registry.
    expect(run.output).toContain('github_integrations.token_encrypted 1 re-encrypted');
    expect(run.output).toContain('gitlab_integrations.token_encrypted 0 re-encrypted');
    expect(run.output).toContain('calendar_feeds.url_encrypted 0 re-encrypted');
    const value = await stored();
    expect(value.startsWith(`v2.${keyIdFrom(first)}.`)).toBe(true);
    expect(value).not.toContain('ghp_rotate_me');
    const { rows } = await sql.query(
      "SELECT name FROM instance_secrets WHERE name IN ('github-token-key', 'gitlab-token-key', 'calendar-feed-key')",
    );
    expect(rows).toEqual([]);
  });

  it('a server without the key answers a 409 saying so, not a 500; with it the sync reads the token', async () => {
    const missing = await sync(app);
    expect(missing.res.status, missing.res.text).toBe(409);
    expect(missing.res.body.detail).toMatch(/LEADTRACK_SECRET_KEY.*none set/);
    expect(missing.sent).toEqual([]);
    const after = await call(app, 'GET', API, { token: engineer });
    expect(after.body.lastError).toMatch(/LEADTRACK_SECRET_KEY/);

    const keyed = await appWith(first);
    const ok = await sync(keyed);
    expect(ok.res.status, ok.res.text).toBe(200);
    expect(ok.sent.length).toBeGreaterThan(0);
    expect(new Set(ok.sent)).toEqual(new Set(['token ghp_rotate_me']));
  });

  it('rotates to a new key: the old key no longer opens them, the new one does', async () => {
    const before = await stored();
    const run = await rotate({
      LEADTRACK_SECRET_KEY: first.toString('base64'),
      LEADTRACK_NEW_SECRET_KEY: second.toString('base64'),
    });
    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain('github_integrations.token_encrypted 1 re-encrypted');
    expect(run.output).toContain(`sealed under key ${keyIdFrom(second)} (was ${keyIdFrom(first)})`);
    const after = await stored();
    expect(after).not.toBe(before);
    expect(after.startsWith(`v2.${keyIdFrom(second)}.`)).toBe(true);

    // Opened directly with the old key's derivation: refused (another key id, and the
    // ciphertext does not authenticate under it either).
    const database = async () => null;
    await expect(
      unsealWith({ environment: first, database }, GITHUB_TOKEN, engineer.id, after),
    ).rejects.toThrow(/another LEADTRACK_SECRET_KEY/);
    const forged = after.replace(keyIdFrom(second), keyIdFrom(first));
    await expect(
      unsealWith({ environment: first, database }, GITHUB_TOKEN, engineer.id, forged),
    ).rejects.toThrow(/does not open/);
    expect(
      await unsealWith({ environment: second, database }, GITHUB_TOKEN, engineer.id, after),
    ).toBe('ghp_rotate_me');

    const old = await appWith(first);
    const refused = await sync(old);
    expect(refused.res.status, refused.res.text).toBe(409);
    expect(refused.res.body.detail).toMatch(/another LEADTRACK_SECRET_KEY/);
    expect(refused.sent).toEqual([]);

    const current = await appWith(second);
    const ok = await sync(current);
    expect(ok.res.status, ok.res.text).toBe(200);
    expect(new Set(ok.sent)).toEqual(new Set(['token ghp_rotate_me']));
  });

  it('with the wrong current key stops, naming the row, and changes nothing', async () => {
    const before = await stored();
    const run = await rotate({
      LEADTRACK_SECRET_KEY: first.toString('base64'),
      LEADTRACK_NEW_SECRET_KEY: randomBytes(32).toString('base64'),
    });
    expect(run.code, run.output).toBe(1);
    expect(run.output).toContain(`github_integrations.token_encrypted of user ${engineer.id}`);
    expect(run.output).toContain('Nothing was changed');
    expect(await stored()).toBe(before);
  });

  it('--generate makes the new key and prints it once; the app started with it reads the token', async () => {
    const run = await rotate(
      { LEADTRACK_SECRET_KEY: second.toString('base64'), LEADTRACK_NEW_SECRET_KEY: undefined },
      ['--generate'],
    );
    expect(run.code, run.output).toBe(0);
    const printed = /LEADTRACK_SECRET_KEY=([A-Za-z0-9+/=]+)/.exec(run.output)?.[1];
    expect(printed).toBeDefined();
    const generated = Buffer.from(printed ?? '', 'base64');
    expect(generated).toHaveLength(32);
    const ok = await sync(await appWith(generated));
    expect(ok.res.status, ok.res.text).toBe(200);
    expect(new Set(ok.sent)).toEqual(new Set(['token ghp_rotate_me']));
  });
});
