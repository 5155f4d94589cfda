// A readiness history posted through the API (entries, acknowledgements, check-ins) and
// what the core model makes of the same inputs, for the readiness route's tests
// (tests/api/readiness*.test.ts).
import {
  addWeeks,
  type CheckinInput,
  type EvidenceKind,
  type IsoDate,
  SIGNAL_MANAGER_MESSAGES,
  SIGNAL_MESSAGES,
  type SignalCode,
  type WeekAggregate,
  weekStartOf,
} from '@leadtrack/core';
import { expect } from 'vitest';
import { call, registerUser, setManager, type TestUser, uniqueEmail } from './http';
import type { TestApp } from './test-app';

// A fixed past week, so every generated date is before today (occurredOn may not be in the
// future, nor a check-in's week after the current one).
/** One field of every week a readiness answer lists, oldest first. */
export const column = (weeks: Record<string, unknown>[], field: string) =>
  weeks.map((w) => w[field]);

export const W0: IsoDate = '2025-12-01';
export const week = (i: number) => addWeeks(W0, i);
export const FIVE: EvidenceKind[] = [
  'ownership',
  'review',
  'proposal',
  'mentoring',
  'communication',
];
export const ALL_KINDS: EvidenceKind[] = [...FIVE, 'unblocking', 'feedback'];

export interface Posted {
  id: string;
  kinds: EvidenceKind[];
  occurredOn: IsoDate;
  acked: boolean;
  deleted: boolean;
}

export async function postEntry(
  app: TestApp,
  owner: TestUser,
  entry: { kinds: EvidenceKind[]; occurredOn: IsoDate; title?: string },
): Promise<string> {
  const res = await call(app, 'POST', '/api/v1/evidence', {
    token: owner.token,
    body: { title: entry.title ?? `Work on ${entry.occurredOn}`, ...entry },
  });
  expect(res.status, res.text).toBe(201);
  return res.body.id;
}

export async function acknowledge(app: TestApp, manager: TestUser, id: string) {
  const res = await call(app, 'POST', `/api/v1/evidence/${id}/acknowledgements`, {
    token: manager.token,
    body: { comment: 'Seen, thanks.' },
  });
  expect(res.status, res.text).toBe(201);
}

export async function remove(app: TestApp, owner: TestUser, id: string) {
  const res = await call(app, 'DELETE', `/api/v1/evidence/${id}`, { token: owner.token });
  expect(res.status, res.text).toBe(204);
}

export async function checkin(app: TestApp, owner: TestUser, c: CheckinInput) {
  const { weekStart, ...body } = c;
  const res = await call(app, 'PUT', `/api/v1/checkins/${weekStart}`, { token: owner.token, body });
  expect(res.status, res.text).toBe(200);
}

export const leave = (weekStart: IsoDate): CheckinInput => ({
  weekStart,
  handsOnPercent: 0,
  deepWorkBlocks: 0,
  onLeave: true,
});

/** The model's inputs built from what was posted: what the API must aggregate. */
export function aggregatesOf(entries: Posted[], asOf: IsoDate): WeekAggregate[] {
  const byWeek = new Map<IsoDate, WeekAggregate>();
  for (const e of entries) {
    if (e.deleted || e.occurredOn > asOf) continue;
    const weekStart = weekStartOf(e.occurredOn);
    const agg = byWeek.get(weekStart) ?? {
      weekStart,
      counts: {},
      entries: 0,
      acknowledgedEntries: 0,
    };
    byWeek.set(weekStart, agg);
    for (const k of e.kinds) agg.counts[k] = (agg.counts[k] ?? 0) + 1;
    agg.entries += 1;
    if (e.acked) agg.acknowledgedEntries += 1;
  }
  return [...byWeek.values()];
}

export async function readiness(
  app: TestApp,
  token: string,
  who: string,
  asOf?: IsoDate,
  weeks?: number | string,
) {
  const query = { ...(asOf && { asOf }), ...(weeks !== undefined && { weeks: String(weeks) }) };
  return call(app, 'GET', `/api/v1/users/${who}/readiness`, { token, query });
}

/** A signal as the API answers it: the engineer's and the manager's sentence. */
export const signal = (code: SignalCode) => ({
  code,
  message: SIGNAL_MESSAGES[code],
  managerMessage: SIGNAL_MANAGER_MESSAGES[code],
});

/** A new engineer reporting to the team's manager. */
export async function newReport(
  app: TestApp,
  manager: TestUser,
  name = 'Report',
): Promise<TestUser> {
  const user = await registerUser(app, { name, email: uniqueEmail() });
  await setManager(app, user, manager.id);
  return { ...user, managerId: manager.id };
}
