// Realistic data for screenshots: a manager, four reports with months of history, leave
// weeks, acknowledgements and feedback. Deterministic, dated relative to today.
import { addDays, addWeeks, todayUtc, weekStartOf } from '@leadtrack/core';
import { expect } from 'vitest';
import { type ApiUser, callApi, checkIn, logEvidence, registerUser, setManager } from './support';

const TITLES: Record<string, string[]> = {
  ownership: [
    'Documented the payments retry pipeline end to end',
    'Cut flaky tests in the billing suite from 14 to 2',
    'Wrote the on-call runbook for the ingest service',
    'Upgraded the queue client and removed the fork we maintained',
    'Set up dashboards and alerts for the search indexer',
  ],
  review: [
    'Reviewed the tenant-isolation PR with an eye on the data model',
    'Flagged a caching change that would break the audit log',
    'Reviewed the mobile sync protocol change across three teams',
    'Asked for an ADR before merging the new auth middleware',
  ],
  proposal: [
    'Proposed splitting the ingest queue by tenant',
    'Ran the decision meeting on moving to Postgres partitions',
    'Wrote the RFC for idempotent webhooks and drove it to a decision',
    'Facilitated the build-vs-buy discussion for feature flags',
  ],
  mentoring: [
    'Weekly pairing session with Sam on the billing codebase',
    'Walked a new joiner through our deploy pipeline',
    'Helped Priya plan her first design doc',
    'Code-review coaching session with the two graduates',
  ],
  communication: [
    'Explained the reindex trade-off to the product manager',
    'Wrote the outage summary for customer success',
    'Presented the Q3 reliability plan to the engineering manager',
    'Clarified the migration timeline for the sales engineering team',
  ],
  unblocking: [
    'Unblocked the mobile team on a failing signing key rotation',
    'Sorted out the staging database permissions for QA',
  ],
  feedback: [
    'Gave direct feedback on PR size to a teammate',
    'Held a difficult conversation about missed on-call handovers',
  ],
};

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface Plan {
  weeks: number;
  leave: number[];
  /** Weeks back (from this week) that miss these kinds ('all': no evidence). */
  gaps: Record<number, string[] | 'all'>;
  /** No evidence at all in these weeks back. */
  silent?: number[];
  handsOn?: number;
  deepWork?: number;
  mentoringEvery?: number;
  /** No deep-work blocks in this many recent weeks. */
  noDeepWorkLast?: number;
}

export async function seedHistory(user: ApiUser, plan: Plan, seed: number) {
  const random = rng(seed);
  const thisWeek = weekStartOf(todayUtc());
  const today = todayUtc();
  const created: { id: string; title: string; occurredOn: string }[] = [];
  const counters: Record<string, number> = {};
  const pick = (kind: string) => {
    const list = TITLES[kind] ?? ['Did a thing'];
    const i = counters[kind] ?? Math.floor(random() * list.length);
    counters[kind] = i + 1;
    return list[i % list.length] as string;
  };
  for (let back = plan.weeks; back >= 0; back--) {
    const week = addWeeks(thisWeek, -back);
    const onLeave = plan.leave.includes(back);
    await checkIn(user, week, {
      handsOnPercent: onLeave
        ? 0
        : Math.min(100, Math.round((plan.handsOn ?? 55) + random() * 20 - 10)),
      deepWorkBlocks:
        onLeave || back < (plan.noDeepWorkLast ?? 0)
          ? 0
          : Math.max(0, Math.round((plan.deepWork ?? 3) + random() * 2 - 1)),
      onLeave,
      ...(onLeave ? { note: 'Annual leave' } : {}),
    });
    if (onLeave || plan.silent?.includes(back)) continue;
    // Rotate through the behaviours so each 4-week window holds all five, unless a gap says not.
    const rotation = [
      ['ownership', 'review'],
      ['proposal', 'communication'],
      ['mentoring', 'review'],
      ['ownership', 'communication'],
    ];
    const kinds = [...(rotation[back % 4] as string[])];
    if (plan.mentoringEvery && back % plan.mentoringEvery === 0 && !kinds.includes('mentoring')) {
      kinds.push('mentoring');
    }
    if (random() < 0.25) kinds.push(random() < 0.5 ? 'unblocking' : 'feedback');
    const gap = plan.gaps[back];
    for (const kind of kinds) {
      if (gap === 'all' || gap?.includes(kind)) continue;
      let day = addDays(week, Math.floor(random() * 5));
      if (day > today) day = today;
      const extra = random() < 0.3 && kind === 'proposal' ? ['communication'] : [];
      const entry = await logEvidence(user, {
        title: pick(kind),
        kinds: [kind, ...extra.filter((k) => k !== kind)],
        occurredOn: day,
        ...(random() < 0.6
          ? { description: 'Context, what I did, and what changed as a result.' }
          : {}),
        ...(random() < 0.4 ? { links: ['https://git.example.test/pr/1842'] } : {}),
        audience: random() < 0.5 ? 'team' : random() < 0.5 ? 'org' : 'stakeholders',
      });
      created.push({ id: entry.id, title: entry.title, occurredOn: day });
    }
  }
  return created;
}

export async function acknowledge(manager: ApiUser, entryId: string, comment?: string) {
  const res = await callApi('POST', `/evidence/${entryId}/acknowledgements`, {
    token: manager.token,
    body: comment ? { comment } : {},
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

export async function feedback(manager: ApiUser, userId: string, body: string) {
  const res = await callApi('POST', `/users/${userId}/feedback`, {
    token: manager.token,
    body: { body },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

/** Maya manages Jordan (the screenshots' engineer), Alex (ready), Sam and Priya. */
export async function seedTeam() {
  const person = (name: string) =>
    registerUser(name, `${name.toLowerCase().replace(' ', '.')}@acme.example`);
  const maya = await person('Maya Chen');
  const jordan = await person('Jordan Patel');
  const alex = await person('Alex Kim');
  const sam = await person('Sam Rivera');
  const priya = await person('Priya Nair');
  for (const u of [jordan, alex, sam, priya]) await setManager(u.id, maya.id);

  // Jordan: 30 weeks, two leave weeks, a gap 16 weeks ago that broke the streak.
  const jordanEntries = await seedHistory(
    jordan,
    {
      weeks: 30,
      leave: [9, 21],
      gaps: { 16: 'all', 17: 'all', 18: 'all', 19: 'all' },
      mentoringEvery: 2,
      noDeepWorkLast: 3,
    },
    7,
  );
  // Alex: 34 consistent weeks, ready.
  await seedHistory(alex, { weeks: 34, leave: [12], gaps: {}, mentoringEvery: 1 }, 11);
  // Sam: consistent lately but very hands-on without enabling work; mentoring rare.
  await seedHistory(
    sam,
    {
      weeks: 12,
      leave: [],
      // The last five weeks: hands-on work only, no review, mentoring or unblocking.
      gaps: Object.fromEntries(
        [0, 1, 2, 3, 4].map((back) => [back, ['mentoring', 'review', 'unblocking']]),
      ),
      handsOn: 92,
      deepWork: 2,
      mentoringEvery: 2,
    },
    13,
  );
  // Priya: started recently, nothing logged in the last two weeks.
  await seedHistory(priya, { weeks: 7, leave: [], gaps: {}, silent: [0, 1, 2], deepWork: 0 }, 17);

  for (const [i, e] of jordanEntries.entries()) {
    if (i % 3 === 0)
      await acknowledge(maya, e.id, i % 6 === 0 ? 'Saw this land, nice work.' : undefined);
  }
  await feedback(
    maya,
    jordan.id,
    'The tenant-split proposal was the clearest RFC this quarter. Next step: let Sam lead the follow-up review while you coach.',
  );
  await feedback(
    maya,
    jordan.id,
    'Thanks for covering the on-call handover so thoroughly last week.',
  );
  return { maya, jordan, alex, sam, priya };
}
