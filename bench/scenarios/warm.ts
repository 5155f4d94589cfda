// Warm reads: autocannon on the auth floor and the three hot reads, the answers unchanged
// between requests, each right after baselines of its own: GET /readyz, and for the reads
// above the floor GET /me too.
import {
  CONNECTIONS,
  DURATION_S,
  fmt,
  load,
  type Measured,
  measure,
  runIfMain,
  type Scenario,
} from '../lib/runner';

// Issue 20's targets: the auth floor (`GET /me`) against `/readyz`, each read above it
// against `GET /me`; each a ratio of mean latencies over a baseline measured just before.
const FLOOR_OVER_READYZ = 3 as const;
const OVER_ME = { readiness: 1.5, reports: 2, evidence: 1.5 } as const;

const cpuOf = (r: Measured) => (r.apiCpuUs ?? Number.NaN) + (r.pgCpuUs ?? Number.NaN);

export const warm: Scenario = {
  name: 'warm',
  async run({ base, token, subjectId, serverPid }) {
    // The cost of authentication alone (a JWT and the caller's row): the floor under every
    // protected route.
    const floorPath = '/api/v1/me';
    const routes: [keyof typeof OVER_ME, string][] = [
      ['readiness', `/api/v1/users/${subjectId}/readiness`],
      ['reports', '/api/v1/reports'],
      ['evidence', `/api/v1/evidence?userId=${subjectId}&limit=50`],
    ];
    const row = (
      route: string,
      r: Measured,
      readyz: Measured,
      over: string,
      bound: number,
      cpuOverMe = '',
    ) => {
      const ratio = Number(over);
      return {
        route,
        'req/s': fmt(r.rps, 0),
        'mean ms': fmt(r.mean, 2),
        'p99 ms': fmt(r.p99, 1),
        'x /readyz': fmt(r.mean / readyz.mean, 2),
        'API µs': fmt(r.apiCpuUs ?? Number.NaN, 0),
        'PG µs': fmt(r.pgCpuUs ?? Number.NaN, 0),
        'CPU x /me': cpuOverMe,
        ratio: over,
        target: `≤${bound}x`,
        verdict: ratio <= bound ? 'pass' : 'FAIL',
        errors: r.errors + readyz.errors,
      };
    };
    // The machine may be shared: each route is compared with baselines measured just before
    // it, so a change in background load moves both sides of the ratio.
    const readyz = await measure(base, '/readyz');
    const floor = await measure(base, floorPath, token, serverPid);
    const floorOverReadyz = fmt(floor.mean / readyz.mean, 2);
    const rows = [row('auth floor (x /readyz)', floor, readyz, floorOverReadyz, FLOOR_OVER_READYZ)];
    for (const [route, path] of routes) {
      const baseline = await measure(base, '/readyz');
      const me = await measure(base, floorPath, token, serverPid);
      const r = await measure(base, path, token, serverPid);
      const cpuOverMe = fmt(cpuOf(r) / cpuOf(me), 2);
      rows.push(
        row(`${route} (x /me)`, r, baseline, fmt(r.mean / me.mean, 2), OVER_ME[route], cpuOverMe),
      );
    }
    console.log(
      `\n== warm: ${DURATION_S} s each, ${CONNECTIONS} connections, each after a 2 s warm-up; ` +
        `the floor against GET /readyz just before it, each read against GET /me just before ` +
        `it (and that against /readyz); API and PG µs = CPU per request of the API process ` +
        `and of PostgreSQL; load average now ${load()}`,
    );
    console.table(rows);
  },
};

runIfMain(import.meta.url, warm);
