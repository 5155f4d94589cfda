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
import { call, registerReport, type TestUser } from './http';
import { useTeam } from './team';
import type { TestApp } from './test-app';

/** One field of every week a readiness answer lists, oldest first. */
export const column = (weeks: Record<string, unknown>[], field: string) =>
  weeks.map((w) => w[field]);

// A fixed past week, so every generated date is before today (occurredOn may not be in the
// future, nor a check-in's week after the current one).
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

/** A week's `counts` as the API answers them: every kind, 1 of each of `kinds`, 0 of the rest. */
export const countsOf = (kinds: EvidenceKind[]) =>
  Object.fromEntries(ALL_KINDS.map((k) => [k, kinds.includes(k) ? 1 : 0]));

export interface Posted {
  id: string;
  kinds: EvidenceKind[];
  occurredOn: IsoDate;
  acked: boolean;
  deleted: boolean;
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

/** A signal as the API answers it: the engineer's and the manager's sentence. */
export const signal = (code: SignalCode) => ({
  code,
  message: SIGNAL_MESSAGES[code],
  managerMessage: SIGNAL_MANAGER_MESSAGES[code],
});

/**
 * The calls that post a history on `app` and read readiness back; each asserts its success
 * status, but `readiness`, which answers the response.
 */
export function historyCalls(app: TestApp) {
  return {
    /** Logs an entry of `owner`'s (titled by its date unless given): its id. */
    async postEntry(
      owner: TestUser,
      entry: { kinds: EvidenceKind[]; occurredOn: IsoDate; title?: string },
    ): Promise<string> {
      const res = await call(app, 'POST', '/api/v1/evidence', {
        token: owner.token,
        body: { title: entry.title ?? `Work on ${entry.occurredOn}`, ...entry },
      });
      expect(res.status, res.text).toBe(201);
      return res.body.id;
    },

    async acknowledge(manager: TestUser, id: string) {
      const res = await call(app, 'POST', `/api/v1/evidence/${id}/acknowledgements`, {
        token: manager.token,
        body: { comment: 'Seen, thanks.' },
      });
      expect(res.status, res.text).toBe(201);
    },

    async remove(owner: TestUser, id: string) {
      const res = await call(app, 'DELETE', `/api/v1/evidence/${id}`, { token: owner.token });
      expect(res.status, res.text).toBe(204);
    },

    async checkin(owner: TestUser, c: CheckinInput) {
      const { weekStart, ...body } = c;
      const res = await call(app, 'PUT', `/api/v1/checkins/${weekStart}`, {
        token: owner.token,
        body,
      });
      expect(res.status, res.text).toBe(200);
    },

    /** GET /users/:who/readiness with `token`, asOf and weeks when given. */
    readiness(token: string, who: string, asOf?: IsoDate, weeks?: number | string) {
      const query = { ...(asOf && { asOf }), ...(weeks !== undefined && { weeks: String(weeks) }) };
      return call(app, 'GET', `/api/v1/users/${who}/readiness`, { token, query });
    },
  };
}

/**
 * A readiness file's setup, made before its tests: `useTeam()` (an app and its team), the
 * history calls on that app, and `newReport(name, manager)`: a new engineer reporting to
 * `manager` (the team's unless given).
 */
export function useReadinessTeam() {
  const { app, team } = useTeam();
  return {
    app,
    team,
    ...historyCalls(app),
    newReport: (name = 'Report', manager: TestUser = team.manager) =>
      registerReport(app, manager, { name }),
  };
}
