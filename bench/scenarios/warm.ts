// Warm reads: autocannon on the auth floor and the three hot reads, the answers unchanged
// between requests, each right after a GET /readyz baseline of its own.
import {
  CONNECTIONS,
  DURATION_S,
  fmt,
  load,
  measure,
  runIfMain,
  type Scenario,
} from '../lib/runner';

const TARGETS = { readiness: 3, reports: 5, evidence: 3 } as const;

export const warm: Scenario = {
  name: 'warm',
  async run({ base, token, subjectId }) {
    const routes: [string, string][] = [
      // No target: the cost of authentication alone (a JWT and the caller's row), the
      // floor under every protected route.
      ['auth floor', '/api/v1/me'],
      ['readiness', `/api/v1/users/${subjectId}/readiness`],
      ['reports', '/api/v1/reports'],
      ['evidence', `/api/v1/evidence?userId=${subjectId}&limit=50`],
    ];
    // The machine may be shared: each route is compared with a baseline measured just
    // before it, so a change in background load moves both sides of the ratio.
    const rows = [];
    for (const [route, path] of routes) {
      const baseline = await measure(base, '/readyz');
      const r = await measure(base, path, token);
      const ratio = r.mean / baseline.mean;
      const target = TARGETS[route as keyof typeof TARGETS];
      rows.push({
        route,
        'req/s': fmt(r.rps, 0),
        'mean ms': fmt(r.mean, 2),
        'p99 ms': fmt(r.p99, 1),
        'baseline req/s': fmt(baseline.rps, 0),
        'baseline mean ms': fmt(baseline.mean, 2),
        'x baseline': fmt(ratio, 2),
        target: target ? `≤${target}x` : '',
        verdict: target ? (ratio <= target ? 'pass' : 'FAIL') : '',
        errors: r.errors + baseline.errors,
      });
    }
    console.log(
      `\n== warm: ${DURATION_S} s each, ${CONNECTIONS} connections, each after a 2 s warm-up; ` +
        `baseline = GET /readyz just before; load average now ${load()}`,
    );
    console.table(rows);
  },
};

runIfMain(import.meta.url, warm);
