// The readiness model's micro-benchmark (issue 13: computeReadiness over 104 weeks well
// under a millisecond): two years of weekly history, timed in this process, no I/O.
// `npm run bench` prints it first; alone: `npx tsx bench/core.ts`.
import { performance } from 'node:perf_hooks';
import {
  addWeeks,
  type CheckinInput,
  computeCurrent,
  computeReadiness,
  DEFAULT_POLICY,
  EVIDENCE_KINDS,
  type IsoDate,
  todayUtc,
  type WeekAggregate,
  weekStartOf,
} from '@leadtrack/core';

/** `weeks` weeks ending in asOf's week: most kinds most weeks, a check-in a week, some leave. */
export function history(weeks: number, asOf: IsoDate) {
  const first = addWeeks(weekStartOf(asOf), -(weeks - 1));
  const aggregates: WeekAggregate[] = [];
  const checkins: CheckinInput[] = [];
  for (let i = 0; i < weeks; i++) {
    const weekStart = addWeeks(first, i);
    const counts: WeekAggregate['counts'] = {};
    for (const k of EVIDENCE_KINDS) if ((i + k.length) % 3 !== 0) counts[k] = 1 + (i % 2);
    aggregates.push({ weekStart, counts, entries: 4, acknowledgedEntries: i % 4 });
    checkins.push({ weekStart, handsOnPercent: 60, deepWorkBlocks: i % 3, onLeave: i % 17 === 0 });
  }
  return {
    policy: DEFAULT_POLICY,
    asOf,
    weeks: aggregates,
    checkins,
    facts: { hasManager: true, agreementConfirmedOn: null },
  };
}

/**
 * Mean µs per call over ~`ms` milliseconds, after a warm-up: wall time, and this process's
 * CPU time, which a machine shared with other work disturbs far less.
 */
function perCall(fn: () => unknown, ms = 1500): { wall: number; cpu: number } {
  for (let i = 0; i < 2000; i++) fn();
  let n = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let i = 0; i < 500; i++) fn();
    n += 500;
    now = performance.now();
  }
  const used = process.cpuUsage(cpu);
  return { wall: ((now - start) * 1000) / n, cpu: (used.user + used.system) / n };
}

export function coreBench() {
  const asOf = todayUtc();
  return [52, 104, 208].flatMap((weeks) => {
    const input = history(weeks, asOf);
    return (
      [
        ['computeReadiness', () => computeReadiness(input)],
        ['computeCurrent', () => computeCurrent(input)],
      ] as const
    ).map(([name, fn]) => {
      const { wall, cpu } = perCall(fn);
      return {
        function: name,
        weeks,
        'wall µs per call': wall.toFixed(1),
        'cpu µs per call': cpu.toFixed(1),
      };
    });
  });
}

if (import.meta.url === `file://${process.argv[1]}`) console.table(coreBench());
