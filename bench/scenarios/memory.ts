// Memory of an API process as `npm start` runs it (issue 20: the server itself at most
// 200 MB after a mixed load): the compiled server (`node apps/api/dist/server.js`, compiled
// first with `node scripts/compile.mjs api`) on the bench's database, its
// resident set (VmRSS) once it answers, then after BENCH_MEMORY_S (20) seconds of a mixed
// load (autocannon, 8 connections, each request the next of: /me, every report's timeline
// in turn, the team, an evidence page of 50, a create, the agenda), and its peak (VmHWM).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { freePort } from '../../tests/support/processes';
import {
  ENTRY_BODY,
  fmt,
  load,
  ROOT,
  runIfMain,
  type Scenario,
  startServer,
  stopServer,
} from '../lib/runner';

const SECONDS = Number(process.env.BENCH_MEMORY_S ?? 20);

/** VmRSS and VmHWM of `pid`, in MiB. */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) =>
    Number(status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'))?.[1]);
  return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
}

/** The compiled server from the current source (about a second): never an older dist/. */
function compiled(): void {
  const built = spawnSync(process.execPath, ['scripts/compile.mjs', 'api'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (built.status !== 0) throw new Error('compiling the API failed');
}

export const memory: Scenario = {
  name: 'memory',
  async run({ api, databaseUrl, token, subjectId }) {
    compiled();
    const port = await freePort();
    const server = await startServer(databaseUrl, port, {}, 'compiled');
    const pid = server.pid as number;
    try {
      await new Promise((r) => setTimeout(r, 5_000));
      const started = memoryOf(pid);
      const team = await api.call('GET', '/api/v1/reports', token);
      const reportIds: string[] = team.items.map((r: { user: { id: string } }) => r.user.id);
      let next = 0;
      const auth = { authorization: `Bearer ${token}` };
      const result = await autocannon({
        url: `http://127.0.0.1:${port}`,
        connections: 8,
        duration: SECONDS,
        requests: [
          { method: 'GET', path: '/api/v1/me', headers: auth },
          {
            method: 'GET',
            headers: auth,
            setupRequest: (req) => ({
              ...req,
              path: `/api/v1/users/${reportIds[next++ % reportIds.length]}/readiness`,
            }),
          },
          { method: 'GET', path: '/api/v1/reports', headers: auth },
          { method: 'GET', path: `/api/v1/evidence?userId=${subjectId}&limit=50`, headers: auth },
          {
            method: 'POST',
            path: '/api/v1/evidence',
            headers: { ...auth, 'content-type': 'application/json' },
            body: ENTRY_BODY,
          },
          { method: 'GET', path: '/api/v1/me/agenda', headers: auth },
        ],
      });
      const after = memoryOf(pid);
      console.log(`\n== memory: the compiled API process; load average now ${load()}`);
      console.table([
        {
          when: 'after start (5 s)',
          'RSS MiB': fmt(started.rss),
          'RSS MB': fmt(started.rss * 1.048576),
        },
        {
          when: `after ${SECONDS} s of mixed load (${Math.round(result.requests.average)} req/s, ${result.non2xx} non-2xx)`,
          'RSS MiB': fmt(after.rss),
          'RSS MB': fmt(after.rss * 1.048576),
          'peak MiB': fmt(after.peak),
          target: '≤200 MB',
          verdict: after.rss * 1.048576 <= 200 ? 'pass' : 'FAIL',
        },
      ]);
    } finally {
      await stopServer(server);
    }
  },
};

runIfMain(import.meta.url, memory);
