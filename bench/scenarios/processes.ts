// Several processes, one database: the throughput of the evidence page and of creates
// from one API process, from that process behind the balancer (scripts/balance.mjs, the
// proxy's own cost), and from three processes on the same database behind it. On a
// machine of few cores the three share them with Postgres, the proxy and autocannon: the
// row says what a second and third process buy here, not on a bigger machine.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { freePort } from '../../tests/support/processes';
import {
  createLoad,
  DURATION_S,
  fmt,
  load,
  measure,
  ROOT,
  runIfMain,
  type Scenario,
  startServer,
  stopServer,
  writers,
} from '../lib/runner';

const WRITERS = 16;

async function startBalancer(upstreams: string[]): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['scripts/balance.mjs', '--port', String(port), ...upstreams],
    {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the balancer exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { url, child };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('the balancer did not start within 30 s');
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function stopBalancer(balancer: { child: ChildProcess } | undefined) {
  if (!balancer || balancer.child.exitCode !== null) return;
  balancer.child.kill('SIGTERM');
  await once(balancer.child, 'exit');
}

export const processes: Scenario = {
  name: 'processes',
  async run({ base, api, databaseUrl, token, subjectId }) {
    const tokens = await writers(api, 'processes', WRITERS);
    const extra: ChildProcess[] = [];
    const balancers: { url: string; child: ChildProcess }[] = [];
    try {
      const ports = [await freePort(), await freePort()];
      // No jobs on the extra ones: a process starting with jobs on runs the hourly tick it
      // missed at once (reminders for everyone), which is not what is measured here.
      for (const port of ports) extra.push(await startServer(databaseUrl, port, { JOBS: 'off' }));
      const all = [base, ...ports.map((p) => `http://127.0.0.1:${p}`)];
      const oneBehind = await startBalancer([base]);
      balancers.push(oneBehind);
      const threeBehind = await startBalancer(all);
      balancers.push(threeBehind);

      const rows: Record<string, unknown>[] = [];
      for (const [what, url] of [
        ['one process', base],
        ['one process behind the balancer', oneBehind.url],
        ['three processes behind the balancer', threeBehind.url],
      ] as const) {
        const baseline = await measure(base, '/readyz');
        const page = await measure(url, `/api/v1/evidence?userId=${subjectId}&limit=50`, token);
        const created = await createLoad(url, tokens, { connections: WRITERS });
        rows.push({
          what,
          'evidence page req/s': fmt(page.rps, 0),
          'page mean ms': fmt(page.mean, 2),
          'creates/s': fmt(created['2xx'] / (created.duration || DURATION_S), 0),
          'create mean ms': fmt(created.latency.mean, 2),
          'baseline req/s (one process)': fmt(baseline.rps, 0),
          errors: page.errors + created.errors + created.timeouts + created.non2xx,
        });
      }
      console.log(
        `\n== processes: autocannon ${DURATION_S} s each, the evidence page of 50 (after a 2 s warm-up) and creates from ${WRITERS} people, ${WRITERS} in flight; load average now ${load()}`,
      );
      console.table(rows);
    } finally {
      for (const b of balancers) await stopBalancer(b);
      for (const child of extra) await stopServer(child);
    }
  },
};

runIfMain(import.meta.url, processes);
