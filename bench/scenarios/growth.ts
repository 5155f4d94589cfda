// Growth: cold and warm, one request at a time, as history and team size grow: a timeline
// of 1, 2 and 4 years, the team view of 10, 30 and 100 reports (seeded in SQL here).
import {
  type Bench,
  COLD_RUNS,
  fmt,
  load,
  login,
  runIfMain,
  type Scenario,
  sequential,
  sequentialBaseline,
  WEEKS,
} from '../lib/runner';
import { insertHistory, insertPeople, logOneEach } from '../seed-sql';

/** Cold (right after `touch`) and warm reads of `path`, as ratios to a baseline. */
async function grown(
  { base }: Bench,
  what: string,
  path: string,
  token: string,
  touch: () => Promise<unknown>,
) {
  const baseline = await sequentialBaseline(base);
  const coldRead = await sequential(base, path, token, COLD_RUNS, touch);
  const warmRead = await sequential(base, path, token, COLD_RUNS);
  return {
    what,
    'cold mean ms': fmt(coldRead.mean, 2),
    'cold x baseline': fmt(coldRead.mean / baseline.mean, 2),
    'warm mean ms': fmt(warmRead.mean, 2),
    'warm x baseline': fmt(warmRead.mean / baseline.mean, 2),
    'baseline mean ms': fmt(baseline.mean, 2),
  };
}

export const growth: Scenario = {
  name: 'growth',
  async run(bench) {
    const { api, sql, passwordHash } = bench;
    const rows: Record<string, unknown>[] = [];
    const [growthManager] = await insertPeople(sql, {
      label: 'Growth manager',
      count: 1,
      managerId: null,
      role: 'manager',
      passwordHash,
    });
    const growthToken = await login(api, growthManager?.email as string);
    for (const weeks of [52, 104, 208]) {
      const [person] = await insertPeople(sql, {
        label: `Growth ${weeks} weeks`,
        count: 1,
        managerId: growthManager?.id as string,
        passwordHash,
      });
      const id = person?.id as string;
      await insertHistory(sql, [id], weeks, growthManager?.id as string);
      rows.push(
        await grown(
          bench,
          `timeline, ${weeks / 52} year${weeks > 52 ? 's' : ''} (${weeks} weeks)`,
          `/api/v1/users/${id}/readiness?weeks=${weeks}`,
          growthToken,
          () => logOneEach(sql, [id]),
        ),
      );
    }
    for (const size of [10, 30, 100]) {
      const [m] = await insertPeople(sql, {
        label: `Team ${size} manager`,
        count: 1,
        managerId: null,
        role: 'manager',
        passwordHash,
      });
      const people = await insertPeople(sql, {
        label: `Team ${size} report`,
        count: size,
        managerId: m?.id as string,
        passwordHash,
      });
      const ids = people.map((p) => p.id);
      await insertHistory(sql, ids, WEEKS, m?.id as string);
      const managerToken = await login(api, m?.email as string);
      rows.push(
        await grown(
          bench,
          `team of ${size} (${WEEKS} weeks each)`,
          '/api/v1/reports',
          managerToken,
          () => logOneEach(sql, ids),
        ),
      );
    }
    console.log(
      `\n== growth: one request at a time, ${COLD_RUNS} runs; cold = right after one new entry per person (one SQL statement); load average now ${load()}`,
    );
    console.table(rows);
  },
};

runIfMain(import.meta.url, growth);
