// BENCH_SEED=api: the team and its two-year history seeded through the API, request by
// request (slow; the default seeds the history in SQL, seed-sql.ts).
import {
  addDays,
  addWeeks,
  DEFAULT_REQUIRED_KINDS,
  EVIDENCE_KINDS,
  type EvidenceKind,
  type IsoDate,
  todayUtc,
  weekStartOf,
} from '@leadtrack/core';
import { type Api, pool, prng, REPORTS, WEEKS } from './runner';

const SEED_CONCURRENCY = 12;

export interface SeededTeam {
  manager: { id: string; token: string };
  reports: { id: string; token: string }[];
  entries: number;
  checkins: number;
  acks: number;
}

export async function seedThroughApi(api: Api): Promise<SeededTeam> {
  const register = (name: string) =>
    api.register(`${name.toLowerCase().replace(/\s+/g, '.')}@bench.test`, name);
  const admin = await register('Bench Admin');
  const managerSession = await register('Bench Manager');
  const reports = await pool(
    4,
    Array.from({ length: REPORTS }, (_, i) => async () => {
      const session = await register(`Report ${String(i).padStart(2, '0')}`);
      await api.call('PATCH', `/api/v1/users/${session.user.id}`, admin.accessToken, {
        managerId: managerSession.user.id,
      });
      return { id: session.user.id as string, token: session.accessToken as string };
    }),
  );
  const manager = { id: managerSession.user.id as string, token: managerSession.accessToken };

  const today = todayUtc();
  const thisWeek = weekStartOf(today);
  const first = addWeeks(thisWeek, -(WEEKS - 1));
  let entries = 0;
  let checkins = 0;
  let acks = 0;
  const tasks: (() => Promise<void>)[] = [];
  const optional: EvidenceKind[] = EVIDENCE_KINDS.filter(
    (k) => !DEFAULT_REQUIRED_KINDS.includes(k),
  );

  reports.forEach((report, r) => {
    const random = prng(1000 + r);
    // Each report has a rhythm: some log a lot, some a little, so the team is varied.
    const perWeek = 1 + Math.floor(random() * 4); // 1-4 on average
    for (let w = 0; w < WEEKS; w++) {
      const weekStart = addWeeks(first, w);
      const onLeave = random() < 0.04;
      if (random() < 0.9 || onLeave) {
        checkins++;
        tasks.push(() =>
          api.call('PUT', `/api/v1/checkins/${weekStart}`, report.token, {
            handsOnPercent: Math.floor(random() * 100),
            deepWorkBlocks: Math.floor(random() * 5),
            onLeave,
          }),
        );
      }
      if (onLeave) continue;
      const count = Math.max(0, Math.round(perWeek + (random() - 0.5) * 3));
      for (let e = 0; e < count; e++) {
        const occurredOn: IsoDate = addDays(weekStart, Math.floor(random() * 5));
        if (occurredOn > today) continue;
        const n = 1 + Math.floor(random() * 3);
        const kinds = new Set<EvidenceKind>();
        while (kinds.size < n) {
          const pick = random() < 0.85 ? DEFAULT_REQUIRED_KINDS : optional;
          kinds.add(pick[Math.floor(random() * pick.length)] as EvidenceKind);
        }
        const acked = random() < 0.2;
        const deleted = random() < 0.02;
        entries++;
        if (acked) acks++;
        tasks.push(async () => {
          const entry = await api.call('POST', '/api/v1/evidence', report.token, {
            kinds: [...kinds],
            title: `Week ${w} item ${e}: ${[...kinds].join(', ')}`,
            description: 'Context, what I did, and what changed because of it.',
            occurredOn,
            links: ['https://example.com/pr/1'],
            audience: 'team',
          });
          if (acked) {
            await api.call('POST', `/api/v1/evidence/${entry.id}/acknowledgements`, manager.token, {
              comment: 'Nice work.',
            });
          }
          if (deleted) await api.call('DELETE', `/api/v1/evidence/${entry.id}`, report.token);
        });
      }
    }
  });
  await pool(SEED_CONCURRENCY, tasks);
  return { manager, reports, entries, checkins, acks };
}
