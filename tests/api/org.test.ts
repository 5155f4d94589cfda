// GET /org: everyone under a manager, transitively, grouped by direct manager. The access
// rules (admins anyone, managers their own subtree, engineers 403), the grouping of a
// three-level tree, the totals, the manager's wording of signals, deactivated people left
// out, a cycle written straight into the table, and the fixed number of statements.

import { readOrg } from '@leadtrack/api/services/org/read-org';
import {
  addWeeks,
  type EvidenceKind,
  type IsoDate,
  SIGNAL_MANAGER_MESSAGES,
  SIGNAL_MESSAGES,
  todayUtc,
  weekStartOf,
} from '@leadtrack/core';
import type { Database } from '@leadtrack/db';
import { describe, expect, it } from 'vitest';
import {
  adminOf,
  call,
  expectProblem,
  patchUser,
  registerUser,
  setManager,
  setPolicy,
  type TestUser,
} from '../support/http';
import { type TestApp, useFixture, useTestApp } from '../support/test-app';

const thisWeek = weekStartOf(todayUtc());
const week = (i: number): IsoDate => addWeeks(thisWeek, i);

async function reportTo(app: TestApp, user: TestUser, manager: TestUser) {
  await setManager(app, user, manager.id);
  user.managerId = manager.id;
  // Giving someone a report makes them a manager.
  if (manager.role === 'engineer') manager.role = 'manager';
}

/** Entries holding ownership in each week given (offsets from this week). */
async function logWeeks(app: TestApp, user: TestUser, weeks: number[]) {
  for (const i of weeks) {
    const kinds: EvidenceKind[] = ['ownership'];
    const occurredOn = i === 0 ? todayUtc() : week(i);
    const res = await call(app, 'POST', '/api/v1/evidence', {
      token: user.token,
      body: { kinds, title: `Owned the rollout (${i})`, occurredOn },
    });
    expect(res.status, res.text).toBe(201);
  }
}

/**
 * director ← Ava (manager), Bo (manager), Dex
 * Ava ← Ana (ready), Aziz (at risk), Gone (deactivated)
 * Bo ← Cleo (manager, stale), Bea (consistent)
 * Cleo ← Cal
 * and elsewhere: Other ← Xan; Sam, an engineer with no reports.
 */
async function makeOrg(app: TestApp) {
  const admin = await adminOf(app);
  // One required kind, a one-week window and three weeks to be ready: statuses in a few entries.
  await setPolicy(app, admin, { requiredKinds: ['ownership'], windowWeeks: 1, thresholdWeeks: 3 });
  const user = (name: string) => registerUser(app, { name });
  const director = await user('Dana Director');
  const ava = await user('Ava Manager');
  const bo = await user('Bo Manager');
  const dex = await user('Dex');
  const ana = await user('Ana');
  const aziz = await user('Aziz');
  const gone = await user('Gone');
  const cleo = await user('Cleo Lead');
  const bea = await user('Bea');
  const cal = await user('Cal');
  const other = await user('Other Manager');
  const xan = await user('Xan');
  const sam = await user('Sam');
  const lines: [TestUser, TestUser][] = [
    [ava, director],
    [bo, director],
    [dex, director],
    [ana, ava],
    [aziz, ava],
    [gone, ava],
    [cleo, bo],
    [bea, bo],
    [cal, cleo],
    [xan, other],
  ];
  for (const [report, manager] of lines) await reportTo(app, report, manager);
  await logWeeks(app, ana, [-3, -2, -1, 0]); // streak 4 ≥ 3: ready
  await logWeeks(app, aziz, [-2, -1]); // streak 2, this week not yet: at risk
  await logWeeks(app, bea, [-1, 0]); // streak 2, this week done: consistent
  await logWeeks(app, cleo, [-5]); // nothing since: building, stale
  await logWeeks(app, gone, [-1, 0]);
  const off = await call(app, 'POST', `/api/v1/users/${gone.id}/deactivate`, {
    token: admin.token,
  });
  expect(off.status, off.text).toBe(200);
  return { admin, director, ava, bo, dex, ana, aziz, gone, cleo, bea, cal, other, xan, sam };
}

const org = (app: TestApp, token: string | undefined, managerId?: string) =>
  call(app, 'GET', '/api/v1/org', { token, query: managerId ? { managerId } : undefined });

interface Group {
  manager: { id: string; name: string } | null;
  reports: { user: { id: string; name: string } }[];
}
/** The groups as `manager: [report names]`, in order. */
const shape = (groups: Group[]) =>
  groups.map((g) => [g.manager?.name ?? null, g.reports.map((r) => r.user.name)]);

describe('GET /org', () => {
  const { app, sql } = useTestApp();
  const o = useFixture(() => makeOrg(app));

  describe('access', () => {
    it('managers and admins only: engineers 403, no token 401, a deactivated account 401', async () => {
      expect((await org(app, o.director.token)).status).toBe(200);
      expect((await org(app, o.admin.token)).status).toBe(200);
      // A manager whose reports are engineers reads their own team.
      expect((await org(app, o.ava.token)).status).toBe(200);
      expectProblem(await org(app, o.ana.token), 403);
      expectProblem(await org(app, o.sam.token), 403);
      expectProblem(await org(app, undefined), 401);
      expectProblem(await org(app, o.gone.token), 401);
    });

    it('a deactivated manager is refused too (401, not their old subtree)', async () => {
      const leaving = await registerUser(app, { name: 'Leaving Manager' });
      const promoted = await patchUser(app, o.admin, leaving.id, { role: 'manager' });
      expect(promoted.status, promoted.text).toBe(200);
      expect((await org(app, leaving.token)).status).toBe(200);
      await call(app, 'POST', `/api/v1/users/${leaving.id}/deactivate`, { token: o.admin.token });
      expectProblem(await org(app, leaving.token), 401);
    });

    it('a manager reads anyone under them at any depth, themselves by default or as `me`', async () => {
      const own = await org(app, o.director.token);
      expect((await org(app, o.director.token, 'me')).body).toEqual(own.body);
      expect((await org(app, o.director.token, o.director.id)).body).toEqual(own.body);
      const two = await org(app, o.director.token, o.cleo.id);
      expect(two.status, two.text).toBe(200);
      expect(shape(two.body.groups)).toEqual([['Cleo Lead', ['Cal']]]);
      // An engineer under them: nobody below, an empty view.
      const leaf = await org(app, o.director.token, o.cal.id);
      expect(leaf.status, leaf.text).toBe(200);
      expect(leaf.body).toEqual({
        totals: { ready: 0, consistent: 0, atRisk: 0, building: 0 },
        groups: [],
      });
    });

    it('someone outside the subtree, above it or unknown is a 404 alike', async () => {
      for (const [caller, managerId] of [
        [o.director, o.other.id], // a manager elsewhere
        [o.director, o.xan.id], // someone elsewhere
        [o.ava, o.director.id], // their own manager
        [o.ava, o.bo.id], // a peer
        [o.cleo, o.bo.id],
        [o.director, '0190f5a4-0000-7000-8000-000000000000'],
      ] as const) {
        const res = await org(app, caller.token, managerId);
        expectProblem(res, 404);
        expect(res.body.detail).toBe('No such manager in your organisation.');
      }
    });

    it('an admin reads anyone; an unknown id is a 404', async () => {
      const res = await org(app, o.admin.token, o.bo.id);
      expect(res.status, res.text).toBe(200);
      expect(shape(res.body.groups)).toEqual([
        ['Bo Manager', ['Bea', 'Cleo Lead']],
        ['Cleo Lead', ['Cal']],
      ]);
      expectProblem(await org(app, o.admin.token, 'nobody-has-this-id'), 404);
    });

    it('names a bad managerId or an unknown parameter in a 400', async () => {
      expectProblem(await org(app, o.admin.token, 'x'.repeat(65)), 400, ['managerId']);
      const unknown = await call(app, 'GET', '/api/v1/org', {
        token: o.admin.token,
        query: { team: 'all' },
      });
      expectProblem(unknown, 400);
      const nul = await call(app, 'GET', '/api/v1/org?managerId=%00', { token: o.admin.token });
      expectProblem(nul, 400, ['managerId']);
    });
  });

  describe('grouping and totals', () => {
    it("groups a three-level tree by direct manager, level by level, each group's reports by name", async () => {
      const res = await org(app, o.director.token);
      expect(res.status, res.text).toBe(200);
      expect(shape(res.body.groups)).toEqual([
        ['Dana Director', ['Ava Manager', 'Bo Manager', 'Dex']],
        ['Ava Manager', ['Ana', 'Aziz']], // Gone is deactivated: left out
        ['Bo Manager', ['Bea', 'Cleo Lead']],
        ['Cleo Lead', ['Cal']],
      ]);
      expect(res.body.groups[0].manager).toEqual({ id: o.director.id, name: 'Dana Director' });
      // Engineers only: ready Ana, consistent Bea, at risk Aziz, building Dex and Cal (the
      // managers Ava, Bo and Cleo are listed, not counted).
      expect(res.body.totals).toEqual({ ready: 1, consistent: 1, atRisk: 1, building: 2 });
    });

    it("each report is the team view's row: current status, signals, newest entry", async () => {
      const res = await org(app, o.director.token);
      const reports = res.body.groups.flatMap((g: Group) => g.reports);
      for (const report of reports) {
        const own = await call(app, 'GET', `/api/v1/users/${report.user.id}/readiness`, {
          token: o.admin.token,
        });
        expect(report.current).toEqual(own.body.current);
        expect(report.signals).toEqual(own.body.signals);
      }
      const byName = new Map(reports.map((r: { user: { name: string } }) => [r.user.name, r]));
      expect(byName.get('Ana')).toMatchObject({
        user: { id: o.ana.id, managerId: o.ava.id, deactivatedAt: null },
        current: { ready: true, streak: 4 },
        lastEvidenceOn: todayUtc(),
      });
      expect(byName.get('Aziz')).toMatchObject({ current: { pending: true, streak: 2 } });
      expect(byName.get('Bea')).toMatchObject({ current: { pending: false, streak: 2 } });
      expect(byName.get('Dex')).toMatchObject({ current: { streak: 0 }, lastEvidenceOn: null });
    });

    it("words signals for the manager: the stale lead's signal says what to talk about", async () => {
      const res = await org(app, o.director.token, o.bo.id);
      const cleo = res.body.groups[0].reports.find(
        (r: { user: { id: string } }) => r.user.id === o.cleo.id,
      );
      expect(cleo.signals).toEqual([
        {
          code: 'stale',
          message: SIGNAL_MESSAGES.stale,
          managerMessage: SIGNAL_MANAGER_MESSAGES.stale,
        },
      ]);
      expect(cleo.lastEvidenceOn).toBe(week(-5));
    });

    it('an admin with no manager named reads everyone: the people without a manager first', async () => {
      const res = await org(app, o.admin.token);
      expect(res.status, res.text).toBe(200);
      const groups = shape(res.body.groups);
      expect(groups[0]).toEqual([null, ['Admin', 'Dana Director', 'Other Manager', 'Sam']]);
      expect(groups.slice(1)).toEqual([
        ['Dana Director', ['Ava Manager', 'Bo Manager', 'Dex']],
        ['Other Manager', ['Xan']],
        ['Ava Manager', ['Ana', 'Aziz']],
        ['Bo Manager', ['Bea', 'Cleo Lead']],
        ['Cleo Lead', ['Cal']],
      ]);
      // Engineers only: Sam, Dex, Xan and Cal building (not the admin and the five managers).
      expect(res.body.totals).toEqual({ ready: 1, consistent: 1, atRisk: 1, building: 4 });
    });

    it('GET /reports leaves a deactivated report out; their record still says deactivated', async () => {
      const res = await call(app, 'GET', '/api/v1/reports', { token: o.ava.token });
      expect(res.status, res.text).toBe(200);
      expect(res.body.items.map((i: { user: { name: string } }) => i.user.name)).toEqual([
        'Ana',
        'Aziz',
      ]);
      const record = await call(app, 'GET', `/api/v1/users/${o.gone.id}`, { token: o.ava.token });
      expect(record.status, record.text).toBe(200);
      expect(record.body.deactivatedAt).toEqual(expect.any(String));
      const ana = res.body.items.find((i: { user: { id: string } }) => i.user.id === o.ana.id);
      expect(ana.user.deactivatedAt).toBeNull();
    });
  });

  describe('a cycle in the data', () => {
    it('ends the walk: the cycle is listed once, and answers stay as for a tree', async () => {
      // PATCH /users refuses cycles, so they are written straight into the table:
      // Kim ↔ Lee, and Max under Kim.
      const kim = await registerUser(app, { name: 'Kim' });
      const lee = await registerUser(app, { name: 'Lee' });
      const max = await registerUser(app, { name: 'Max' });
      await sql.query(
        `UPDATE users SET role = 'manager',
           manager_id = CASE id WHEN $1 THEN $2 ELSE $1 END WHERE id IN ($1, $2)`,
        [kim.id, lee.id],
      );
      await sql.query('UPDATE users SET manager_id = $1 WHERE id = $2', [kim.id, max.id]);

      const fromKim = await org(app, o.admin.token, kim.id);
      expect(fromKim.status, fromKim.text).toBe(200);
      expect(shape(fromKim.body.groups)).toEqual([['Kim', ['Lee', 'Max']]]);
      // Kim is under Lee as much as Lee is under Kim: each reads the other's.
      const asKim = await org(app, kim.token, lee.id);
      expect(asKim.status, asKim.text).toBe(200);
      expect(shape(asKim.body.groups)).toEqual([
        ['Lee', ['Kim']],
        ['Kim', ['Max']],
      ]);
      // Someone outside the cycle is still not above it.
      expectProblem(await org(app, o.director.token, kim.id), 404);
      // Everyone: no top reaches the cycle, yet its people are listed, once each, last.
      const everyone = await org(app, o.admin.token);
      expect(everyone.status, everyone.text).toBe(200);
      const names = shape(everyone.body.groups).flatMap(([, reports]) => reports as string[]);
      for (const name of ['Kim', 'Lee', 'Max']) {
        expect(names.filter((n) => n === name)).toHaveLength(1);
      }
      expect(shape(everyone.body.groups).slice(-2)).toEqual([
        ['Kim', ['Lee', 'Max']],
        ['Lee', ['Kim']],
      ]);
      // Put the tree back for the other tests' totals.
      await sql.query('UPDATE users SET manager_id = NULL WHERE id IN ($1, $2, $3)', [
        kim.id,
        lee.id,
        max.id,
      ]);
      await call(app, 'POST', `/api/v1/users/${kim.id}/deactivate`, { token: o.admin.token });
      await call(app, 'POST', `/api/v1/users/${lee.id}/deactivate`, { token: o.admin.token });
      await call(app, 'POST', `/api/v1/users/${max.id}/deactivate`, { token: o.admin.token });
    });
  });

  describe('cost', () => {
    it('one statement for the tree and one for the weeks, whatever the size; the tree alone once cached', async () => {
      const counted = (db: Database) => {
        const ops: string[] = [];
        const query: Database['query'] = (text, values) => {
          ops.push(text.includes('WITH RECURSIVE') ? 'tree' : 'weeks');
          return db.query(text, values);
        };
        return { db: { ...db, query }, ops };
      };
      const me = async (user: TestUser) =>
        (await call(app, 'GET', '/api/v1/me', { token: user.token })).body;
      // Each counted database has its own readiness cache: both start cold.
      const small = counted(app.db);
      await readOrg(small.db, await me(o.cleo), undefined, new Date());
      const large = counted(app.db);
      const view = await readOrg(large.db, await me(o.director), undefined, new Date());
      expect(view.groups.flatMap((g) => g.reports)).toHaveLength(8);
      expect(small.ops).toEqual(['tree', 'weeks']);
      expect(large.ops).toEqual(['tree', 'weeks']);
      large.ops.length = 0;
      expect(await readOrg(large.db, await me(o.director), undefined, new Date())).toEqual(view);
      expect(large.ops).toEqual(['tree']);
    });
  });
});
