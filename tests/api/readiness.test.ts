// GET /users/:id/readiness and GET /reports: the route's answer is the core model's answer
// on the same history (posted through the evidence and check-in routes), hand-worked
// timelines, the access matrix, and the team view's fixed number of queries.

import { teamReadiness } from '@leadtrack/api/services/readiness';
import {
  addDays,
  addWeeks,
  type CheckinInput,
  computeCurrent,
  computeReadiness,
  DEFAULT_POLICY,
  type EvidenceKind,
  type IsoDate,
  SIGNAL_MANAGER_MESSAGES,
  SIGNAL_MESSAGES,
  type SignalCode,
  type WeekAggregate,
  weekStartOf,
} from '@leadtrack/core';
import type { Database, PrismaClient } from '@leadtrack/db';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  expectProblem,
  registerUser,
  setManager,
  TEST_PASSWORD,
  type TestUser,
  uniqueEmail,
} from '../support/http';
import { ownViewAccess, useTeam } from '../support/team';
import type { TestApp } from '../support/test-app';

// A fixed past week, so every generated date is before today (occurredOn may not be in the
// future, nor a check-in's week after the current one).
/** One field of every week a readiness answer lists, oldest first. */
const column = (weeks: Record<string, unknown>[], field: string) => weeks.map((w) => w[field]);

const W0: IsoDate = '2025-12-01';
const week = (i: number) => addWeeks(W0, i);
const FIVE: EvidenceKind[] = ['ownership', 'review', 'proposal', 'mentoring', 'communication'];
const ALL_KINDS: EvidenceKind[] = [...FIVE, 'unblocking', 'feedback'];

interface Posted {
  id: string;
  kinds: EvidenceKind[];
  occurredOn: IsoDate;
  acked: boolean;
  deleted: boolean;
}

async function postEntry(
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

async function acknowledge(app: TestApp, manager: TestUser, id: string) {
  const res = await call(app, 'POST', `/api/v1/evidence/${id}/acknowledgements`, {
    token: manager.token,
    body: { comment: 'Seen, thanks.' },
  });
  expect(res.status, res.text).toBe(201);
}

async function remove(app: TestApp, owner: TestUser, id: string) {
  const res = await call(app, 'DELETE', `/api/v1/evidence/${id}`, { token: owner.token });
  expect(res.status, res.text).toBe(204);
}

async function checkin(app: TestApp, owner: TestUser, c: CheckinInput) {
  const { weekStart, ...body } = c;
  const res = await call(app, 'PUT', `/api/v1/checkins/${weekStart}`, { token: owner.token, body });
  expect(res.status, res.text).toBe(200);
}

const leave = (weekStart: IsoDate): CheckinInput => ({
  weekStart,
  handsOnPercent: 0,
  deepWorkBlocks: 0,
  onLeave: true,
});

/** The model's inputs built from what was posted: what the API must aggregate. */
function aggregatesOf(entries: Posted[], asOf: IsoDate): WeekAggregate[] {
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

async function readiness(
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
const signal = (code: SignalCode) => ({
  code,
  message: SIGNAL_MESSAGES[code],
  managerMessage: SIGNAL_MANAGER_MESSAGES[code],
});

describe('readiness', () => {
  const { app, team } = useTeam();

  /** A new engineer reporting to the team's manager. */
  async function newReport(name = 'Report'): Promise<TestUser> {
    const user = await registerUser(app, { name, email: uniqueEmail() });
    await setManager(app, user, team.manager.id);
    return { ...user, managerId: team.manager.id };
  }

  describe('a generated history through the API equals computeReadiness on the same inputs', () => {
    // One week of a generated history: a check-in (or none) and 0-4 entries.
    const kindsArb = fc.uniqueArray(fc.constantFrom(...ALL_KINDS, ...FIVE, ...FIVE), {
      minLength: 1,
      maxLength: 3,
    });
    const entryArb = fc.record({
      kinds: kindsArb,
      day: fc.integer({ min: 0, max: 6 }),
      acked: fc.boolean(),
      deleted: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
    });
    const weekArb = fc.record({
      checkin: fc.option(
        fc.record({
          handsOnPercent: fc.integer({ min: 0, max: 100 }),
          deepWorkBlocks: fc.integer({ min: 0, max: 3 }),
          onLeave: fc.integer({ min: 0, max: 7 }).map((n) => n === 0),
        }),
        { freq: 4 },
      ),
      entries: fc.array(entryArb, { maxLength: 4 }),
    });
    // 40 weeks up to asOf's week, and 2 after it (posted, and must not count).
    const WEEKS = 42;
    const ASOF_WEEK = 39;

    it('for five generated histories (seeded), the timeline, a bounded one and the team view', async () => {
      const histories = fc.sample(fc.array(weekArb, { minLength: WEEKS, maxLength: WEEKS }), {
        seed: 20261123,
        numRuns: 5,
      });
      const today = new Date().toISOString().slice(0, 10);
      const coverage = { leave: 0, consistent: 0, afterAsOf: 0, pending: 0, unclear: 0 };
      for (const [run, weeks] of histories.entries()) {
        // The first has no manager (an admin acknowledges): unclear-em-boundary cannot fire.
        const managed = run > 0;
        const user = managed
          ? await newReport(`Generated ${run}`)
          : await registerUser(app, { name: `Generated ${run}`, email: uniqueEmail() });
        const acknowledger = managed ? team.manager : team.admin;
        const asOf = addDays(week(ASOF_WEEK), (run * 3) % 7); // Monday, Thursday, Sunday, ...
        const posted: Posted[] = [];
        const checkins: CheckinInput[] = [];
        for (const [i, w] of weeks.entries()) {
          if (w.checkin) {
            const c = { weekStart: week(i), ...w.checkin };
            await checkin(app, user, c);
            checkins.push(c);
          }
          for (const e of w.entries) {
            const occurredOn = addDays(week(i), e.day);
            const id = await postEntry(app, user, { kinds: e.kinds, occurredOn });
            if (e.acked) await acknowledge(app, acknowledger, id);
            if (e.deleted) await remove(app, user, id);
            posted.push({ id, kinds: e.kinds, occurredOn, acked: e.acked, deleted: e.deleted });
          }
        }
        // Make sure the generated data exercises what it should.
        expect(posted.some((p) => p.deleted)).toBe(true);
        expect(posted.some((p) => p.kinds.length > 1)).toBe(true);

        // Nobody has confirmed a working agreement (the data holds none).
        const facts = { hasManager: managed, agreementConfirmedOn: null };
        const expected = computeReadiness({
          policy: DEFAULT_POLICY,
          asOf,
          weeks: aggregatesOf(posted, asOf),
          checkins,
          facts,
        });
        const readers = managed
          ? ([
              [user.id, user.token],
              ['me', user.token],
              [user.id, team.manager.token],
            ] as const)
          : ([
              ['me', user.token],
              [user.id, team.admin.token],
            ] as const);
        for (const [who, token] of readers) {
          const res = await readiness(app, token, who, asOf);
          expect(res.status, res.text).toBe(200);
          expect(res.body).toEqual({ userId: user.id, asOf, policy: DEFAULT_POLICY, ...expected });
        }
        // The last few weeks only: the same rows, the streaks of the whole history.
        const bounded = await readiness(app, user.token, 'me', asOf, 5);
        expect(bounded.body.weeks).toEqual(expected.weeks.slice(-5));
        expect(bounded.body.current).toEqual(expected.current);

        if (managed) {
          // The team view (today, every entry posted) is computeCurrent on the same inputs.
          const view = await call(app, 'GET', '/api/v1/reports', { token: team.manager.token });
          const item = view.body.items.find((i: { user: { id: string } }) => i.user.id === user.id);
          const now = computeCurrent({
            policy: DEFAULT_POLICY,
            asOf: today,
            weeks: aggregatesOf(posted, today),
            checkins,
            facts,
          });
          expect(item).toMatchObject(now);
          expect(item.signals).toEqual(now.signals);
        }

        expect(expected.weeks.at(-1)?.weekStart).toBe(week(ASOF_WEEK));
        coverage.leave += expected.weeks.filter((w) => w.onLeave).length;
        coverage.consistent += expected.weeks.filter((w) => w.consistent).length;
        coverage.afterAsOf += posted.filter((p) => p.occurredOn > asOf).length;
        coverage.pending += expected.current.pending ? 1 : 0;
        coverage.unclear += expected.signals.some((x) => x.code === 'unclear-em-boundary') ? 1 : 0;
      }
      // The histories hold leave weeks, consistent weeks, entries after asOf, a week in
      // progress and the unclear-em-boundary signal.
      expect(
        Object.values(coverage).every((n) => n > 0),
        JSON.stringify(coverage),
      ).toBe(true);
      // Several hundred requests: on a loaded machine that takes longer than the default.
    }, 240_000);
  });

  describe('hand-worked timelines', () => {
    const asOfIn = (i: number) => addDays(week(i), 2); // the Wednesday of week i

    it('four weeks of all five kinds: consistent from the first week, the streak counts up', async () => {
      const user = await newReport();
      for (let i = 0; i < 4; i++) {
        await postEntry(app, user, {
          kinds: ['ownership', 'review', 'proposal'],
          occurredOn: week(i),
        });
        await postEntry(app, user, {
          kinds: ['mentoring', 'communication'],
          occurredOn: addDays(week(i), 4),
        });
      }
      const res = await readiness(app, user.token, 'me', asOfIn(3));
      expect(res.status, res.text).toBe(200);
      const rows = res.body.weeks;
      expect(column(rows, 'weekStart')).toEqual([0, 1, 2, 3].map(week));
      expect(column(rows, 'consistent')).toEqual([true, true, true, true]);
      expect(column(rows, 'streak')).toEqual([1, 2, 3, 4]);
      expect(rows[0]).toEqual({
        weekStart: week(0),
        onLeave: false,
        pending: false,
        counts: {
          ownership: 1,
          review: 1,
          proposal: 1,
          mentoring: 1,
          communication: 1,
          unblocking: 0,
          feedback: 0,
        },
        missingKinds: [],
        consistent: true,
        streak: 1,
        ready: false,
        visibility: 0,
      });
      expect(res.body.current).toEqual({
        weekStart: week(3),
        pending: false,
        consistent: true,
        streak: 4,
        ready: false,
        readySince: null,
        // 26 - 4 = 22 more weeks from asOf's week.
        projectedReadyOn: week(3 + 22),
      });
      expect(res.body.signals).toEqual([]);
    });

    it('kinds spread over a window: consistent once the window holds all five, lost when one drops out', async () => {
      const user = await newReport();
      const plan: EvidenceKind[][] = [
        ['ownership', 'review'],
        ['proposal'],
        ['mentoring'],
        ['communication'],
        [],
      ];
      for (const [i, kinds] of plan.entries()) {
        if (kinds.length) await postEntry(app, user, { kinds, occurredOn: addDays(week(i), 1) });
      }
      const res = await readiness(app, user.token, 'me', asOfIn(4));
      const rows = res.body.weeks;
      expect(column(rows, 'consistent')).toEqual([false, false, false, true, false]);
      // Week 4, the week in progress, carries week 3's streak until it ends.
      expect(column(rows, 'streak')).toEqual([0, 0, 0, 1, 1]);
      expect(column(rows, 'pending')).toEqual([false, false, false, false, true]);
      expect(rows[0].missingKinds).toEqual(['proposal', 'mentoring', 'communication']);
      // Week 4's window is weeks 1-4: ownership and review (week 0) have dropped out.
      expect(rows[4].missingKinds).toEqual(['ownership', 'review']);
      expect(res.body.current).toMatchObject({
        weekStart: week(4),
        pending: true,
        consistent: false,
        streak: 1,
      });
      // A week later week 4 has ended without them: the streak is broken.
      const later = await readiness(app, user.token, 'me', asOfIn(5));
      expect(later.body.weeks[4]).toMatchObject({ pending: false, consistent: false, streak: 0 });
      expect(later.body.current).toMatchObject({ weekStart: week(5), pending: true, streak: 0 });
    });

    it('a leave week pauses the streak and the window reaches back past it', async () => {
      const user = await newReport();
      for (const i of [0, 1, 3]) {
        await postEntry(app, user, {
          kinds: ['ownership', 'review', 'proposal'],
          occurredOn: week(i),
        });
        await postEntry(app, user, { kinds: ['mentoring', 'communication'], occurredOn: week(i) });
      }
      await checkin(app, user, leave(week(2)));
      // Week 4 has nothing new, but its window (4, 3, 1, 0: week 2 skipped) holds everything.
      const res = await readiness(app, user.token, 'me', asOfIn(4));
      const rows = res.body.weeks;
      expect(column(rows, 'onLeave')).toEqual([false, false, true, false, false]);
      expect(column(rows, 'consistent')).toEqual([true, true, false, true, true]);
      expect(column(rows, 'streak')).toEqual([1, 2, 2, 3, 4]);
      expect(rows[2]).toMatchObject({
        onLeave: true,
        missingKinds: [],
        visibility: null,
        ready: false,
      });
      expect(res.body.current).toMatchObject({ weekStart: week(4), streak: 4, consistent: true });
    });

    it('an entry dated in a leave week does not count; a deleted one or one after asOf neither', async () => {
      const user = await newReport();
      await postEntry(app, user, { kinds: ['ownership', 'review'], occurredOn: week(0) });
      await postEntry(app, user, { kinds: ['proposal', 'communication'], occurredOn: week(0) });
      // The only mentoring: in a leave week...
      await postEntry(app, user, { kinds: ['mentoring'], occurredOn: addDays(week(1), 2) });
      await checkin(app, user, leave(week(1)));
      // ...deleted...
      const deleted = await postEntry(app, user, { kinds: ['mentoring'], occurredOn: week(2) });
      await remove(app, user, deleted);
      // ...or after asOf (same week, later day).
      await postEntry(app, user, { kinds: ['mentoring'], occurredOn: addDays(week(2), 5) });

      const res = await readiness(app, user.token, 'me', asOfIn(2));
      const rows = res.body.weeks;
      expect(rows).toHaveLength(3);
      // The leave week shows its own entry, but belongs to no window.
      expect(rows[1]).toMatchObject({ onLeave: true, consistent: false, counts: { mentoring: 1 } });
      expect(rows[2]).toMatchObject({
        weekStart: week(2),
        pending: true,
        consistent: false,
        missingKinds: ['mentoring'],
        counts: { mentoring: 0 },
      });
      // With asOf on the Sunday, the late entry counts.
      const later = await readiness(app, user.token, 'me', addDays(week(2), 6));
      expect(later.body.weeks[2]).toMatchObject({ consistent: true, counts: { mentoring: 1 } });
    });

    it('visibility is the acknowledged share of the window', async () => {
      const user = await newReport();
      const a = await postEntry(app, user, { kinds: ['review'], occurredOn: week(0) });
      await postEntry(app, user, { kinds: ['review'], occurredOn: week(0) });
      await postEntry(app, user, { kinds: ['review'], occurredOn: week(1) });
      await postEntry(app, user, { kinds: ['review'], occurredOn: week(1) });
      await acknowledge(app, team.manager, a);
      const res = await readiness(app, user.token, 'me', asOfIn(1));
      expect(res.body.weeks.map((w: { visibility: number }) => w.visibility)).toEqual([0.5, 0.25]);
    });

    it('signals are raised from check-ins and evidence once the week in progress has ended', async () => {
      const user = await newReport();
      for (let i = 0; i < 3; i++) {
        await checkin(app, user, {
          weekStart: week(i),
          handsOnPercent: 50,
          deepWorkBlocks: 0,
          onLeave: false,
        });
      }
      // Week 2 in progress: it can clear a signal but not raise one.
      const midweek = await readiness(app, user.token, 'me', asOfIn(2));
      expect(midweek.body.signals).toEqual([signal('stale')]);
      const res = await readiness(app, user.token, 'me', asOfIn(3));
      expect(res.body.signals).toEqual([signal('losing-technical-currency'), signal('stale')]);
    });

    it('a user with no history has an empty timeline; asOf defaults to today', async () => {
      const user = await newReport();
      const res = await readiness(app, user.token, 'me');
      expect(res.status, res.text).toBe(200);
      const today = new Date().toISOString().slice(0, 10);
      expect(res.body).toEqual({
        userId: user.id,
        asOf: today,
        policy: DEFAULT_POLICY,
        weeks: [],
        current: {
          weekStart: weekStartOf(today),
          pending: false,
          consistent: false,
          streak: 0,
          ready: false,
          readySince: null,
          projectedReadyOn: null,
        },
        signals: [],
      });
    });
  });

  describe('the week in progress (rule 8), today', () => {
    it("the issue's Wednesday: an 11-week streak, this week's ownership not logged yet", async () => {
      const user = await newReport('Wednesday');
      const today = new Date().toISOString().slice(0, 10);
      const thisWeek = weekStartOf(today);
      // Weeks -11..0 hold every kind but ownership; ownership in -11..-4 only, so with the
      // 4-week window week -1 still holds it (from -4) and this week does not.
      for (let i = -11; i <= 0; i++) {
        const occurredOn = addWeeks(thisWeek, i); // a Monday: never after today
        await postEntry(app, user, { kinds: ['review', 'proposal'], occurredOn });
        await postEntry(app, user, { kinds: ['mentoring', 'communication'], occurredOn });
        if (i <= -4) await postEntry(app, user, { kinds: ['ownership'], occurredOn });
      }
      const res = await readiness(app, user.token, 'me');
      expect(res.status, res.text).toBe(200);
      const rows = res.body.weeks;
      expect(rows).toHaveLength(12);
      expect(rows[10]).toMatchObject({ pending: false, consistent: true, streak: 11 });
      expect(rows[11]).toMatchObject({
        weekStart: thisWeek,
        pending: true,
        consistent: false,
        streak: 11,
        missingKinds: ['ownership'],
      });
      // Not "0 of 26": 11 carried, projected as if this week counts (12 of 26, 14 to go).
      const carried = {
        weekStart: thisWeek,
        pending: true,
        consistent: false,
        streak: 11,
        ready: false,
        readySince: null,
        projectedReadyOn: addWeeks(thisWeek, 14),
      };
      expect(res.body.current).toEqual(carried);

      // The manager's team view shows the same, with the manager's wording of the signals.
      const view = await call(app, 'GET', '/api/v1/reports', { token: team.manager.token });
      const item = view.body.items.find((i: { user: { id: string } }) => i.user.id === user.id);
      expect(item.current).toEqual(carried);
      expect(item.signals).toEqual(res.body.signals);
      expect(item.signals).toEqual([
        signal('avoiding-difficult-conversations'),
        signal('unclear-em-boundary'),
      ]);

      // One ownership entry later the week counts: 12, the same projected date.
      await postEntry(app, user, { kinds: ['ownership'], occurredOn: today });
      const after = await readiness(app, user.token, 'me');
      expect(after.body.current).toEqual({
        ...carried,
        pending: false,
        consistent: true,
        streak: 12,
      });
      expect(after.body.weeks[11]).toMatchObject({ pending: false, streak: 12, missingKinds: [] });
    });
  });

  describe('timeline bounds (weeks)', () => {
    let user: TestUser;
    let thisWeek: IsoDate;

    beforeAll(async () => {
      user = await newReport('Long history');
      thisWeek = weekStartOf(new Date().toISOString().slice(0, 10));
      // One entry 170 weeks ago starts a 171-week timeline; all five kinds in the last six.
      await postEntry(app, user, { kinds: ['review'], occurredOn: addWeeks(thisWeek, -170) });
      for (let i = -5; i <= 0; i++) {
        const occurredOn = addWeeks(thisWeek, i);
        await postEntry(app, user, { kinds: ['ownership', 'review', 'proposal'], occurredOn });
        await postEntry(app, user, { kinds: ['mentoring', 'communication'], occurredOn });
      }
    });

    it('lists the last 156 weeks by default, up to 520 on request', async () => {
      const byDefault = await readiness(app, user.token, 'me');
      expect(byDefault.status, byDefault.text).toBe(200);
      expect(byDefault.body.weeks).toHaveLength(156);
      expect(byDefault.body.weeks[0].weekStart).toBe(addWeeks(thisWeek, -155));
      expect(byDefault.body.weeks.at(-1).weekStart).toBe(thisWeek);

      const all = await readiness(app, team.manager.token, user.id, undefined, 520);
      expect(all.status, all.text).toBe(200);
      expect(all.body.weeks).toHaveLength(171);
      expect(all.body.weeks[0]).toMatchObject({ weekStart: addWeeks(thisWeek, -170), streak: 0 });
      expect(all.body.weeks.slice(-156)).toEqual(byDefault.body.weeks);
      expect(all.body.current).toEqual(byDefault.body.current);
    });

    it('computes streaks over the whole history, whatever it lists', async () => {
      const three = await readiness(app, user.token, 'me', undefined, 3);
      expect(three.body.weeks.map((w: { streak: number }) => w.streak)).toEqual([4, 5, 6]);
      expect(three.body.current).toMatchObject({ pending: false, streak: 6 });
      const one = await readiness(app, user.token, 'me', undefined, '1');
      expect(one.body.weeks).toHaveLength(1);
      expect(one.body.weeks[0]).toMatchObject({ weekStart: thisWeek, streak: 6 });
    });

    it('refuses 0, 521 and anything but a whole number, naming weeks', async () => {
      for (const weeks of [0, 521, -1, '1.5', 'all', '']) {
        expectProblem(await readiness(app, user.token, 'me', undefined, weeks), 400, ['weeks']);
      }
      // Every bad field at once.
      const both = await readiness(app, user.token, 'me', '2026-02-30', 0);
      expectProblem(both, 400, ['asOf', 'weeks']);
    });
  });

  describe('unclear-em-boundary follows the manager', () => {
    it('is raised once the user has a manager, and gone when they have none', async () => {
      const user = await registerUser(app, { name: 'Unmanaged', email: uniqueEmail() });
      const thisWeek = weekStartOf(new Date().toISOString().slice(0, 10));
      // Nine non-leave weeks: eight of them ended.
      for (let i = -8; i <= 0; i++) {
        await postEntry(app, user, { kinds: ['review'], occurredOn: addWeeks(thisWeek, i) });
      }
      const codes = async () =>
        (await readiness(app, user.token, 'me')).body.signals.map((x: { code: string }) => x.code);
      expect(await codes()).not.toContain('unclear-em-boundary');
      const assign = async (managerId: string | null) => {
        await setManager(app, user, managerId);
      };
      // No evidence changed: the cached answer must not be served for the new manager.
      await assign(team.manager.id);
      expect(await codes()).toContain('unclear-em-boundary');
      await assign(null);
      expect(await codes()).not.toContain('unclear-em-boundary');
    });
  });

  describe('validation', () => {
    it('refuses a future asOf, a malformed asOf and unknown query fields, naming them', async () => {
      const tomorrow = addDays(new Date().toISOString().slice(0, 10), 1);
      expectProblem(await readiness(app, team.engineer.token, 'me', tomorrow), 400, ['asOf']);
      expectProblem(await readiness(app, team.engineer.token, 'me', '2026-02-30'), 400, ['asOf']);
      const extra = await call(app, 'GET', '/api/v1/users/me/readiness', {
        token: team.engineer.token,
        query: { since: '2026-01-01' },
      });
      expectProblem(extra, 400, ['since']);
    });
  });

  describe('access', () => {
    let revokedPat: string;
    let livePat: string;

    beforeAll(async () => {
      const make = async (name: string) => {
        const res = await call(app, 'POST', '/api/v1/me/tokens', {
          token: team.engineer.token,
          body: { name, currentPassword: TEST_PASSWORD },
        });
        expect(res.status, res.text).toBe(201);
        return res.body as { id: string; token: string };
      };
      livePat = (await make('live')).token;
      const revoked = await make('revoked');
      const del = await call(app, 'DELETE', `/api/v1/me/tokens/${revoked.id}`, {
        token: team.engineer.token,
      });
      expect(del.status).toBe(204);
      revokedPat = revoked.token;
    });

    it('GET /users/:id/readiness: owner, manager and admin read; others get 404; no or revoked credentials 401', async () => {
      const url = (id: string) => `/api/v1/users/${id}/readiness`;
      const cases = [...ownViewAccess(team, revokedPat), [livePat, 'me', 200] as const];
      for (const [token, id, status] of cases) {
        const res = await call(app, 'GET', url(id), { token });
        if (status === 200) {
          expect(res.status, res.text).toBe(200);
          expect(res.body.userId).toBe(team.engineer.id);
        } else expectProblem(res, status);
      }
      // A manager's own timeline is theirs to read too.
      expect((await call(app, 'GET', url('me'), { token: team.manager.token })).status).toBe(200);
    });

    it('GET /reports: managers and admins; engineers 403; no or revoked credentials 401', async () => {
      const cases: [string | undefined, number][] = [
        [team.manager.token, 200],
        [team.admin.token, 200],
        [team.engineer.token, 403],
        [team.stranger.token, 403],
        [livePat, 403],
        [undefined, 401],
        [revokedPat, 401],
      ];
      for (const [token, status] of cases) {
        const res = await call(app, 'GET', '/api/v1/reports', { token });
        if (status === 200) expect(res.status, res.text).toBe(200);
        else expectProblem(res, status);
      }
      // The admin manages nobody directly, so their team view is empty.
      const admin = await call(app, 'GET', '/api/v1/reports', { token: team.admin.token });
      expect(admin.body).toEqual({ items: [] });
    });
  });

  describe('GET /reports', () => {
    it('lists each direct report with their current status, signals and newest entry date', async () => {
      const boss = await registerUser(app, { name: 'Team Lead', email: uniqueEmail() });
      const names = ['Ana', 'Ben', 'Cy'];
      const reports: TestUser[] = [];
      for (const name of names) {
        const user = await registerUser(app, { name, email: uniqueEmail() });
        await setManager(app, user, boss.id);
        reports.push({ ...user, managerId: boss.id });
      }
      const [ana, ben, cy] = reports as [TestUser, TestUser, TestUser];
      const today = new Date().toISOString().slice(0, 10);
      const thisWeek = weekStartOf(today);
      // Ana: all five kinds in each of the last four weeks (consistent); a deleted, newer entry.
      for (let i = -3; i <= 0; i++) {
        await postEntry(app, ana, {
          kinds: ['ownership', 'review', 'proposal'],
          occurredOn: addWeeks(thisWeek, i),
        });
        await postEntry(app, ana, {
          kinds: ['mentoring', 'communication'],
          occurredOn: addWeeks(thisWeek, i),
        });
      }
      const gone = await postEntry(app, ana, { kinds: ['review'], occurredOn: today });
      await remove(app, ana, gone);
      // Ben: one old entry, nothing since (stale).
      await postEntry(app, ben, { kinds: ['review'], occurredOn: addWeeks(thisWeek, -5) });
      // Cy: nothing at all.
      // A report of someone else does not appear.
      await postEntry(app, team.engineer, { kinds: ['review'], occurredOn: today });

      const res = await call(app, 'GET', '/api/v1/reports', { token: boss.token });
      expect(res.status, res.text).toBe(200);
      const items = res.body.items;
      expect(items.map((i: { user: { name: string } }) => i.user.name)).toEqual(names);
      expect(items[0]).toEqual({
        user: {
          id: ana.id,
          email: ana.email,
          name: 'Ana',
          role: 'engineer',
          managerId: boss.id,
          deactivatedAt: null,
        },
        current: {
          weekStart: thisWeek,
          pending: false,
          consistent: true,
          streak: 4,
          ready: false,
          readySince: null,
          projectedReadyOn: addWeeks(thisWeek, 22),
        },
        signals: [],
        lastEvidenceOn: thisWeek,
        // Her eight live entries of the last four weeks, none acknowledged by the boss.
        unacknowledged: 8,
      });
      expect(items[1]).toMatchObject({
        user: { id: ben.id },
        current: { weekStart: thisWeek, pending: true, consistent: false, streak: 0 },
        // The team view carries the manager's wording too.
        signals: [signal('stale')],
        lastEvidenceOn: addWeeks(thisWeek, -5),
      });
      expect(items[2]).toMatchObject({
        user: { id: cy.id },
        current: { weekStart: thisWeek, streak: 0 },
        signals: [],
        lastEvidenceOn: null,
      });
      // Each item agrees with the report's own timeline.
      for (const [i, report] of reports.entries()) {
        const own = await readiness(app, boss.token, report.id);
        expect(items[i].current).toEqual(own.body.current);
        expect(items[i].signals).toEqual(own.body.signals);
      }
    });

    it('uses the same fixed number of database operations for 2 and for 10 reports', async () => {
      const teamOf = async (size: number) => {
        const boss = await registerUser(app, { name: `Boss of ${size}`, email: uniqueEmail() });
        for (let n = 0; n < size; n++) {
          const user = await registerUser(app, { name: `Member ${n}`, email: uniqueEmail() });
          await setManager(app, user, boss.id);
          await postEntry(app, user, { kinds: ['review', 'mentoring'], occurredOn: week(n) });
          await checkin(app, user, {
            weekStart: week(n),
            handsOnPercent: 90,
            deepWorkBlocks: 1,
            onLeave: false,
          });
        }
        const me = await call(app, 'GET', '/api/v1/me', { token: boss.token });
        return me.body;
      };
      const small = await teamOf(2);
      const large = await teamOf(10);

      const counted = (prisma: PrismaClient) => {
        const ops: string[] = [];
        // Every call that reaches the database goes through a model delegate or a $ method.
        const wrap = <T extends object>(target: T, path: string): T =>
          new Proxy(target, {
            get(obj, prop, receiver) {
              const value = Reflect.get(obj, prop, receiver);
              if (typeof prop !== 'string') return value;
              if (typeof value === 'function') {
                return (...args: unknown[]) => {
                  ops.push(`${path}${prop}`);
                  return value.apply(obj, args);
                };
              }
              if (path === '' && value && typeof value === 'object' && !prop.startsWith('_')) {
                return wrap(value, `${prop}.`);
              }
              return value;
            },
          });
        return { prisma: wrap(prisma, ''), ops };
      };

      // The raw driver path (db.query) and Prisma are both counted.
      const countedDb = (db: Database) => {
        const { prisma, ops } = counted(db.prisma);
        const query: Database['query'] = (text, values) => {
          ops.push('query');
          return db.query(text, values);
        };
        return { db: { ...db, prisma, query }, ops };
      };
      const forSmall = countedDb(app.db);
      const smallView = await teamReadiness(forSmall.db, small, new Date());
      const forLarge = countedDb(app.db);
      const largeView = await teamReadiness(forLarge.db, large, new Date());
      expect(smallView.items).toHaveLength(2);
      expect(largeView.items).toHaveLength(10);
      // The team's data versions, the count of entries waiting for the boss, one statement
      // for the weeks of everyone not cached, and the policy (a fresh client: nothing cached).
      expect(forSmall.ops.sort()).toEqual(['policy.findUnique', 'query', 'query', 'query']);
      expect(forLarge.ops.sort()).toEqual(forSmall.ops);
      // And the data is there: every member's one entry is their newest.
      expect(largeView.items.every((i) => i.lastEvidenceOn !== null)).toBe(true);
    });
  });
});
