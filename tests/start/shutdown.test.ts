// A graceful stop: SIGTERM to the process group of `npm run start:api` (scripts/start.mjs
// and the compiled API) while 20 reads are in flight. Every read answers 2xx, /readyz turns
// 503 before the listener closes and never back to 200, and the API exits 0 once, with no
// "second SIGTERM".
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createDatabase, dropDatabase, uniqueName } from '../support/databases';
import { killGroup, type Launched, launch } from '../support/launcher';
import { freePort } from '../support/processes';

const name = uniqueName('leadtrack_shutdown');
let launched: Launched | undefined;

afterAll(async () => {
  killGroup(launched);
  await dropDatabase(name);
});

describe('SIGTERM to the process group', () => {
  it('finishes the 20 reads in flight, turns /readyz 503, exits 0 once', async () => {
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

    const reads = Array.from({ length: 20 }, read);
    launched.signalGroup('SIGTERM');
    // /readyz from the moment of the signal: 200 until the server has seen it, then 503
    // until the listener closes (connection refused), never 200 again.
    const probes: (number | 'refused')[] = [];
    while (probes.at(-1) !== 'refused' && probes.length < 500) {
      probes.push(
        await fetch(`${url}/readyz`).then(
          (res) => res.status,
          () => 'refused' as const,
        ),
      );
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const answered = await Promise.all(reads);
    for (const res of answered) expect(res.status, res.body).toBe(200);
    const firstUnready = probes.indexOf(503);
    expect(firstUnready, probes.join(' ')).toBeGreaterThanOrEqual(0);
    expect(
      probes.slice(firstUnready).every((p) => p !== 200),
      probes.join(' '),
    ).toBe(true);

    expect(await launched.exited, launched.output()).toBe(0);
    expect(launched.output()).toContain('server closed');
    expect(launched.output()).not.toMatch(/second SIG|exiting/i);
    expect(launched.output().match(/server closing/g)).toHaveLength(1);
  }, 180_000);
});
