// Measures the readiness model over two years of weekly history (issue 13: well under a
// millisecond). Run: cd packages/core && npx vitest bench --run
import { bench, describe } from 'vitest';
import { EVIDENCE_KINDS } from './kinds';
import { DEFAULT_POLICY } from './policy';
import {
  type CheckinInput,
  computeCurrent,
  computeReadiness,
  type WeekAggregate,
} from './readiness';
import { addWeeks } from './week';

// 104 weeks ending in asOf's week: most kinds most weeks, some acknowledged, a check-in a
// week with a leave week now and then, the last week in progress.
const asOf = '2026-11-25';
const first = addWeeks('2026-11-23', -103);
const weeks: WeekAggregate[] = [];
const checkins: CheckinInput[] = [];
for (let i = 0; i < 104; i++) {
  const weekStart = addWeeks(first, i);
  const counts: WeekAggregate['counts'] = {};
  for (const k of EVIDENCE_KINDS) if ((i + k.length) % 3 !== 0) counts[k] = 1 + (i % 2);
  weeks.push({ weekStart, counts, entries: 4, acknowledgedEntries: i % 4 });
  checkins.push({ weekStart, handsOnPercent: 60, deepWorkBlocks: i % 3, onLeave: i % 17 === 0 });
}
const input = {
  policy: DEFAULT_POLICY,
  asOf,
  weeks,
  checkins,
  facts: { hasManager: true, agreementConfirmedOn: null },
};

describe('readiness over 104 weeks', () => {
  bench('computeReadiness (every row)', () => {
    computeReadiness(input);
  });
  bench('computeCurrent (current status and signals only)', () => {
    computeCurrent(input);
  });
});
