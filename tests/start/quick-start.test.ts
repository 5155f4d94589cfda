// The README's first command: `npm start` with no DATABASE_URL builds what is missing,
// serves the API (on the embedded database) and the dashboard as compiled JavaScript,
// announces the dashboard once both answer, and on a terminal's Ctrl-C (SIGINT to the whole
// process group) stops once and cleanly: exit 0, the data folder's lock released, and the
// next start opens the same data.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCK_FILE } from '@leadtrack/db';
import { afterAll, describe, expect, it } from 'vitest';
import { killGroup, type Launched, launch } from '../support/launcher';
import { freePort } from '../support/processes';

const running: Launched[] = [];
let dataDir = '';

afterAll(async () => {
  for (const launched of running) killGroup(launched);
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function start(args: string[], apiPort: number, webPort: number) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    API_PORT: String(apiPort),
    WEB_PORT: String(webPort),
    LEADTRACK_DATA_DIR: dataDir,
  };
  delete env.DATABASE_URL;
  const launched = launch(args, env);
  running.push(launched);
  return launched;
}

/** Ctrl-C in a terminal: SIGINT to the group; one clean stop. */
async function interrupt(launched: Launched) {
  launched.signalGroup('SIGINT');
  expect(await launched.exited, launched.output()).toBe(0);
  expect(launched.output()).not.toMatch(/second SIG|exiting/i);
  expect(launched.output().match(/\[leadtrack\] stopping/g)).toHaveLength(1);
  expect(await readdir(dataDir)).not.toContain(LOCK_FILE);
}

describe('npm start', () => {
  it('serves the API and the dashboard, stops on a group SIGINT, and starts again on the same data', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'leadtrack-start-'));
    const [apiPort, webPort] = [await freePort(), await freePort()];
    const api = `http://127.0.0.1:${apiPort}`;
    const first = await start([], apiPort, webPort);
    // A first build of the dashboard takes minutes on a loaded machine.
    await first.printed(`[leadtrack] dashboard on http://localhost:${webPort}`, 840_000);
    const output = first.output();
    expect(output).toContain('[leadtrack] building');
    expect(output).toContain('embedded database');
    // Announced only once both answer: they do now.
    expect(await (await fetch(`${api}/readyz`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`http://127.0.0.1:${webPort}/login`)).text()).toContain('Leadtrack');
    const account = { email: 'first@example.test', password: 'a long enough password' };
    const registered = await fetch(`${api}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...account, name: 'First' }),
    });
    expect(registered.status).toBe(201);
    await interrupt(first);
    await expect(fetch(`${api}/healthz`)).rejects.toThrow();

    // The next start (the API alone is enough) opens the data and knows the account.
    const second = await start(['--api-only'], apiPort, webPort);
    await second.printed(`[leadtrack] API on ${api}`);
    const login = await fetch(`${api}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(account),
    });
    expect(login.status).toBe(200);
    await interrupt(second);
  }, 1_000_000);
});
