// Cold reads: a write, then the read, one request at a time, against a sequential /readyz
// baseline measured just before: the timeline after its owner logged, the team after
// every report logged, and the org of 300 (seeded in SQL here) after everyone logged.
import { todayUtc } from '@leadtrack/core';
import {
  COLD_RUNS,
  fmt,
  load,
  login,
  pool,
  runIfMain,
  type Scenario,
  sequential,
  sequentialBaseline,
  type Timed,
  WEEKS,
} from '../lib/runner';
import { insertHistory, insertPeople, logOneEach } from '../seed-sql';

const COLD_TARGETS = { timeline: 4, team: 10, org: 40 } as const;
const WRITERS_IN_FLIGHT = 16;
const ORG_MANAGERS = 10;
const ORG_TEAM = 30;

export const cold: Scenario = {
  name: 'cold',
  async run({ base, api, sql, token, subjectId, reportEmails, passwordHash }) {
    const rows: Record<string, unknown>[] = [];
    const coldRow = async (label: string, target: number, timed: () => Promise<Timed>) => {
      const baseline = await sequentialBaseline(base);
      const r = await timed();
      const ratio = r.mean / baseline.mean;
      rows.push({
        what: label,
        'mean ms': fmt(r.mean, 2),
        'p50 ms': fmt(r.p50, 2),
        'max ms': fmt(r.max, 1),
        'baseline mean ms': fmt(baseline.mean, 2),
        'x baseline': fmt(ratio, 2),
        target: `≤${target}x`,
        verdict: ratio <= target ? 'pass' : 'FAIL',
      });
    };
    const reportTokens = await pool(
      4,
      reportEmails.map((email) => () => login(api, email)),
    );
    const entry = (i: number) => ({
      kinds: ['review'],
      title: `Cold path ${i}`,
      occurredOn: todayUtc(),
    });
    let n = 0;
    await coldRow(
      `timeline (${WEEKS} weeks) right after its owner logged`,
      COLD_TARGETS.timeline,
      () =>
        sequential(base, `/api/v1/users/${subjectId}/readiness`, token, COLD_RUNS, () =>
          api.call('POST', '/api/v1/evidence', reportTokens[0], entry(n++)),
        ),
    );
    await coldRow(
      `team of ${reportEmails.length} right after every report logged`,
      COLD_TARGETS.team,
      () =>
        sequential(base, '/api/v1/reports', token, COLD_RUNS, () =>
          pool(
            WRITERS_IN_FLIGHT,
            reportTokens.map((t) => () => api.call('POST', '/api/v1/evidence', t, entry(n++))),
          ),
        ),
    );

    // The organisation: a director, 10 managers, 30 reports each, two years each.
    const started = Date.now();
    const [director] = await insertPeople(sql, {
      label: 'Director',
      count: 1,
      managerId: null,
      role: 'manager',
      passwordHash,
    });
    const managers = await insertPeople(sql, {
      label: 'Org manager',
      count: ORG_MANAGERS,
      managerId: director?.id as string,
      role: 'manager',
      passwordHash,
    });
    const everyone: string[] = [];
    for (const [i, m] of managers.entries()) {
      const people = await insertPeople(sql, {
        label: `Org team ${i}`,
        count: ORG_TEAM,
        managerId: m.id,
        passwordHash,
      });
      await insertHistory(
        sql,
        people.map((p) => p.id),
        WEEKS,
        m.id,
      );
      everyone.push(...people.map((p) => p.id));
    }
    console.log(
      `\norg seeded in SQL in ${fmt((Date.now() - started) / 1000)} s: a director, ` +
        `${ORG_MANAGERS} managers, ${everyone.length} reports, ${WEEKS} weeks each`,
    );
    const directorToken = await login(api, director?.email as string);
    const org = await api.call('GET', '/api/v1/org', directorToken);
    console.log(`GET /org: ${JSON.stringify(org).length} bytes`);
    await coldRow(
      `org of ${everyone.length} (${ORG_MANAGERS} managers of ${ORG_TEAM}) right after everyone logged (one SQL statement)`,
      COLD_TARGETS.org,
      () =>
        sequential(base, '/api/v1/org', directorToken, Math.ceil(COLD_RUNS / 2), () =>
          logOneEach(sql, everyone),
        ),
    );
    // Warm, for context: the same org read again without changes.
    const warmOrg = await sequential(base, '/api/v1/org', directorToken, COLD_RUNS);
    rows.push({ what: 'org of 300, unchanged (warm, context)', 'mean ms': fmt(warmOrg.mean, 2) });
    console.log(
      `\n== cold: ${COLD_RUNS} runs each, one request at a time; baseline = GET /readyz the same way, just before; load average now ${load()}`,
    );
    console.table(rows);
  },
};

runIfMain(import.meta.url, cold);
