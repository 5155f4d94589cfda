// GET /users/:id/readiness and GET /reports, continued from readiness.test.ts: the week in
// progress today, timeline bounds, unclear-em-boundary, validation, the access matrix, and
// the team view's fixed number of queries.

import { teamReadiness } from '@leadtrack/api/services/readiness';
import { addDays, addWeeks, type IsoDate, weekStartOf } from '@leadtrack/core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  expectProblem,
  personalTokenOf,
  registerUser,
  revokedTokenOf,
  setManager,
  type TestUser,
} from '../support/http';
import { signal, useReadinessTeam, week } from '../support/readiness-history';
import { type CountedDatabase, countingDatabase } from '../support/statements';
import { ownViewAccess } from '../support/team';

describe('readiness', () => {
  const { app, team, newReport, postEntry, remove, checkin, readiness } = useReadinessTeam();

  describe('the week in progress (rule 8), today', () => {
    it("the issue's Wednesday: an 11-week streak, this week's ownership not logged yet", async () => {
      const user = await newReport('Wednesday');
      const today = new Date().toISOString().slice(0, 10);
      const thisWeek = weekStartOf(today);
      // Weeks -11..0 hold every kind but ownership; ownership in -11..-4 only, so with the
      // 4-week window week -1 still holds it (from -4) and this week does not.
      for (let i = -11; i <= 0; i++) {
        const occurredOn = addWeeks(thisWeek, i); // a Monday: never after today
        await postEntry(user, { kinds: ['review', 'proposal'], occurredOn });
        await postEntry(user, { kinds: ['mentoring', 'communication'], occurredOn });
        if (i <= -4) await postEntry(user, { kinds: ['ownership'], occurredOn });
      }
      const res = await readiness(user.token, 'me');
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
      await postEntry(user, { kinds: ['ownership'], occurredOn: today });
      const after = await readiness(user.token, 'me');
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
      await postEntry(user, { kinds: ['review'], occurredOn: addWeeks(thisWeek, -170) });
      for (let i = -5; i <= 0; i++) {
        const occurredOn = addWeeks(thisWeek, i);
        await postEntry(user, { kinds: ['ownership', 'review', 'proposal'], occurredOn });
        await postEntry(user, { kinds: ['mentoring', 'communication'], occurredOn });
      }
    });

    it('lists the last 156 weeks by default, up to 520 on request', async () => {
      const byDefault = await readiness(user.token, 'me');
      expect(byDefault.status, byDefault.text).toBe(200);
      expect(byDefault.body.weeks).toHaveLength(156);
      expect(byDefault.body.weeks[0].weekStart).toBe(addWeeks(thisWeek, -155));
      expect(byDefault.body.weeks.at(-1).weekStart).toBe(thisWeek);

      const all = await readiness(team.manager.token, user.id, undefined, 520);
      expect(all.status, all.text).toBe(200);
      expect(all.body.weeks).toHaveLength(171);
      expect(all.body.weeks[0]).toMatchObject({ weekStart: addWeeks(thisWeek, -170), streak: 0 });
      expect(all.body.weeks.slice(-156)).toEqual(byDefault.body.weeks);
      expect(all.body.current).toEqual(byDefault.body.current);
    });

    it('computes streaks over the whole history, whatever it lists', async () => {
      const three = await readiness(user.token, 'me', undefined, 3);
      expect(three.body.weeks.map((w: { streak: number }) => w.streak)).toEqual([4, 5, 6]);
      expect(three.body.current).toMatchObject({ pending: false, streak: 6 });
      const one = await readiness(user.token, 'me', undefined, '1');
      expect(one.body.weeks).toHaveLength(1);
      expect(one.body.weeks[0]).toMatchObject({ weekStart: thisWeek, streak: 6 });
    });

    it('refuses 0, 521 and anything but a whole number, naming weeks', async () => {
      for (const weeks of [0, 521, -1, '1.5', 'all', '']) {
        expectProblem(await readiness(user.token, 'me', undefined, weeks), 400, ['weeks']);
      }
      // Every bad field at once.
      const both = await readiness(user.token, 'me', '2026-02-30', 0);
      expectProblem(both, 400, ['asOf', 'weeks']);
    });
  });

  describe('unclear-em-boundary follows the manager', () => {
    it('is raised once the user has a manager, and gone when they have none', async () => {
      const user = await registerUser(app, { name: 'Unmanaged' });
      const thisWeek = weekStartOf(new Date().toISOString().slice(0, 10));
      // Nine non-leave weeks: eight of them ended.
      for (let i = -8; i <= 0; i++) {
        await postEntry(user, { kinds: ['review'], occurredOn: addWeeks(thisWeek, i) });
      }
      const codes = async () =>
        (await readiness(user.token, 'me')).body.signals.map((x: { code: string }) => x.code);
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
      expectProblem(await readiness(team.engineer.token, 'me', tomorrow), 400, ['asOf']);
      expectProblem(await readiness(team.engineer.token, 'me', '2026-02-30'), 400, ['asOf']);
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
      livePat = (await personalTokenOf(app, team.engineer, { name: 'live' })).token;
      revokedPat = await revokedTokenOf(app, team.engineer);
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
      const boss = await registerUser(app, { name: 'Team Lead' });
      const names = ['Ana', 'Ben', 'Cy'];
      const reports: TestUser[] = [];
      for (const name of names) reports.push(await newReport(name, boss));
      const [ana, ben, cy] = reports as [TestUser, TestUser, TestUser];
      const today = new Date().toISOString().slice(0, 10);
      const thisWeek = weekStartOf(today);
      // Ana: all five kinds in each of the last four weeks (consistent); a deleted, newer entry.
      for (let i = -3; i <= 0; i++) {
        await postEntry(ana, {
          kinds: ['ownership', 'review', 'proposal'],
          occurredOn: addWeeks(thisWeek, i),
        });
        await postEntry(ana, {
          kinds: ['mentoring', 'communication'],
          occurredOn: addWeeks(thisWeek, i),
        });
      }
      const gone = await postEntry(ana, { kinds: ['review'], occurredOn: today });
      await remove(ana, gone);
      // Ben: one old entry, nothing since (stale).
      await postEntry(ben, { kinds: ['review'], occurredOn: addWeeks(thisWeek, -5) });
      // Cy: nothing at all.
      // A report of someone else does not appear.
      await postEntry(team.engineer, { kinds: ['review'], occurredOn: today });

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
        const own = await readiness(boss.token, report.id);
        expect(items[i].current).toEqual(own.body.current);
        expect(items[i].signals).toEqual(own.body.signals);
      }
    });

    it('uses the same fixed number of database operations for 2 and for 10 reports', async () => {
      const teamOf = async (size: number) => {
        const boss = await registerUser(app, { name: `Boss of ${size}` });
        for (let n = 0; n < size; n++) {
          const user = await newReport(`Member ${n}`, boss);
          await postEntry(user, { kinds: ['review', 'mentoring'], occurredOn: week(n) });
          await checkin(user, {
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

      // The raw driver path (db.query) and Prisma are both counted, each by its kind of call.
      const kinds = ({ statements }: CountedDatabase) =>
        statements.map((line) =>
          line.startsWith('query ') ? 'query' : line.replace(/^prisma /, ''),
        );
      const forSmall = countingDatabase(app.db);
      const smallView = await teamReadiness(forSmall.db, small, new Date());
      const forLarge = countingDatabase(app.db);
      const largeView = await teamReadiness(forLarge.db, large, new Date());
      expect(smallView.items).toHaveLength(2);
      expect(largeView.items).toHaveLength(10);
      // The team's data versions, the count of entries waiting for the boss, one statement
      // for the weeks of everyone not cached, and the policy (a fresh client: nothing cached).
      const forTwo = kinds(forSmall).sort();
      expect(forTwo).toEqual(['policy.findUnique', 'query', 'query', 'query']);
      expect(kinds(forLarge).sort()).toEqual(forTwo);
      // And the data is there: every member's one entry is their newest.
      expect(largeView.items.every((i) => i.lastEvidenceOn !== null)).toBe(true);
    });
  });
});
