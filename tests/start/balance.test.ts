// The load balancer of README "Running several processes" (scripts/balance.mjs): three
// real API processes on one database behind it. Requests are spread over all three in
// turn (each process's own GET /metrics counts what it served), and a process that stops
// is left out: every request still answers.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type ApiProcess, startApiProcess, stopApiProcess } from '../support/api-processes';
import { createDatabase, dropDatabase, uniqueName } from '../support/databases';
import { freePort, ROOT, waitUntilUp } from '../support/processes';

const TOKEN = 'metrics-token-for-the-balancer-test-0123';
const name = uniqueName('leadtrack_balance');
let apis: ApiProcess[] = [];
let balancer: ChildProcess | undefined;
let base = '';

/** How many GET /healthz `api` answered, from its own /metrics. */
async function healthzServed(api: ApiProcess): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${api.port}/metrics`, {
    headers: { authorization: `Bearer ${TOKEN}` },
  });
  expect(res.status).toBe(200);
  const text = await res.text();
  let served = 0;
  for (const line of text.split('\n')) {
    if (
      line.startsWith('http_request_duration_seconds_count{') &&
      line.includes('route="/healthz"')
    ) {
      served += Number(line.slice(line.lastIndexOf(' ') + 1));
    }
  }
  return served;
}

async function through(n: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < n; i++) {
    const res = await fetch(`${base}/healthz`);
    await res.arrayBuffer();
    statuses.push(res.status);
  }
  return statuses;
}

beforeAll(async () => {
  const databaseUrl = await createDatabase(name, inject('templateDatabase'));
  apis = await Promise.all(
    [0, 1, 2].map(() => startApiProcess({ DATABASE_URL: databaseUrl, METRICS_TOKEN: TOKEN })),
  );
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  balancer = spawn(
    process.execPath,
    [
      'scripts/balance.mjs',
      '--port',
      String(port),
      ...apis.map((api) => `http://127.0.0.1:${api.port}`),
    ],
    { cwd: ROOT, env: { ...process.env, BALANCE_CHECK_MS: '200' }, stdio: 'inherit' },
  );
  await waitUntilUp(`${base}/readyz`, { child: balancer, name: 'the balancer' });
}, 300_000);

afterAll(async () => {
  if (balancer && balancer.exitCode === null) {
    const exited = once(balancer, 'exit');
    balancer.kill('SIGTERM');
    await exited;
  }
  await Promise.all(apis.map(stopApiProcess));
  await dropDatabase(name);
});

describe('scripts/balance.mjs in front of three API processes', () => {
  it('sends requests to each process in turn', async () => {
    const before = await Promise.all(apis.map(healthzServed));
    const statuses = await through(30);
    expect(
      statuses.every((s) => s === 200),
      statuses.join(' '),
    ).toBe(true);
    const after = await Promise.all(apis.map(healthzServed));
    const served = after.map((n, i) => n - (before[i] ?? 0));
    expect(served).toEqual([10, 10, 10]);
  });

  it('leaves out a process that stopped, and every request still answers', async () => {
    const stopped = apis[2] as ApiProcess;
    await stopApiProcess(stopped);
    // The balancer reads each /readyz every 200 ms: a second is plenty to notice.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const before = await Promise.all(apis.slice(0, 2).map(healthzServed));
    const statuses = await through(20);
    expect(
      statuses.every((s) => s === 200),
      statuses.join(' '),
    ).toBe(true);
    const after = await Promise.all(apis.slice(0, 2).map(healthzServed));
    expect(after.map((n, i) => n - (before[i] ?? 0))).toEqual([10, 10]);
  });
});
