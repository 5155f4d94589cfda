// A graceful stop: SIGTERM to the process group of `npm run start:api` (scripts/start.mjs
// and the compiled API) while 20 reads and a create are in flight. Every read answers 2xx,
// /readyz turns 503, the create sent before the signal and finished after it is stored,
// and the API exits 0 once, with no "second SIGTERM".
import { once } from 'node:events';
import { request } from 'node:http';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createDatabase, dropDatabase, uniqueName } from '../support/databases';
import { killGroup, type Launched, launch } from '../support/launcher';
import { freePort } from '../support/processes';

const name = uniqueName('leadtrack_shutdown');

/**
 * A JSON POST whose headers and first half go out now and whose second half goes out on
 * `finish()`, which resolves with the status.
 */
function holdPost(url: string, token: string, body: unknown) {
  const text = JSON.stringify(body);
  const half = Math.floor(text.length / 2);
  const req = request(url, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
    },
  });
  const status = new Promise<number>((resolve, reject) => {
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
  });
  req.write(text.slice(0, half));
  return {
    sentHeaders: once(req, 'socket'),
    finish() {
      req.end(text.slice(half));
      return status;
    },
  };
}
let launched: Launched | undefined;

afterAll(async () => {
  killGroup(launched);
  await dropDatabase(name);
});

describe('SIGTERM to the process group', () => {
  it('finishes the 20 reads and the create in flight, turns /readyz 503, exits 0 once', async () => {
    const databaseUrl = await createDatabase(name, inject('templateDatabase'));
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    launched = launch(['--api-only'], {
      ...process.env,
      DATABASE_URL: databaseUrl,
      API_PORT: String(port),
      LOG_LEVEL: 'info',
      AUTH_RATE_LIMIT: '1000',
    });
    await launched.printed(`[leadtrack] API on ${url}`);

    const registered = await fetch(`${url}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: 'drain@example.test',
        name: 'Dee',
        password: 'a long enough password',
      }),
    });
    expect(registered.status).toBe(201);
    const { accessToken } = (await registered.json()) as { accessToken: string };
    const read = () =>
      fetch(`${url}/api/v1/evidence`, { headers: { authorization: `Bearer ${accessToken}` } }).then(
        async (res) => ({ status: res.status, body: await res.text() }),
      );

    // One request held in flight on purpose: its body arrives only after the signal, so
    // the server is still draining while /readyz is probed, however slow the machine.
    const held = holdPost(`${url}/api/v1/evidence`, accessToken, {
      kinds: ['mentoring'],
      title: 'Sent before the signal, finished after it',
      occurredOn: new Date().toISOString().slice(0, 10),
    });
    await held.sentHeaders;
    await new Promise((resolve) => setTimeout(resolve, 300));
    const reads = Array.from({ length: 20 }, read);
    launched.signalGroup('SIGTERM');
    // /readyz from the moment of the signal: 200 until the server has seen it, then 503.
    const probes: (number | 'refused')[] = [];
    while (!probes.includes(503) && probes.length < 500) {
      probes.push(
        await fetch(`${url}/readyz`).then(
          (res) => res.status,
          () => 'refused' as const,
        ),
      );
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(probes.at(-1), probes.join(' ')).toBe(503);
    expect(new Set(probes.slice(0, -1)), probes.join(' ')).not.toContain('refused');
    const answered = await Promise.all(reads);
    for (const res of answered) expect(res.status, res.body).toBe(200);
    expect(await held.finish(), launched.output()).toBe(201);

    expect(await launched.exited, launched.output()).toBe(0);
    expect(launched.output()).toContain('server closed');
    expect(launched.output()).not.toMatch(/second SIG|exiting/i);
    expect(launched.output().match(/server closing/g)).toHaveLength(1);
  }, 180_000);
});
