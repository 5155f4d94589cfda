// GET /users/:id/readiness and GET /reports: the route's answer is the core model's answer
// on the same history (posted through the evidence and check-in routes), hand-worked
// timelines, the access matrix, and the team view's fixed number of queries.

import {
  addDays,
  type CheckinInput,
  computeCurrent,
  computeReadiness,
  DEFAULT_POLICY,
  type EvidenceKind,
  weekStartOf,
} from '@leadtrack/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { notStartedIn } from '../../packages/core/src/readiness';
import { call, registerUser } from '../support/http';
import {
  ALL_KINDS,
  aggregatesOf,
  column,
  countsOf,
  FIVE,
  leave,
  type Posted,
  signal,
  useReadinessTeam,
  week,
} from '../support/readiness-history';

describe('readiness', () => {
  const history = useReadinessTeam();
  const { app, team, newReport, postEntry, acknowledge, remove, checkin, readiness } = history;

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
          : await registerUser(app, { name: `Generated ${run}` });
        const acknowledger = managed ? team.manager : team.admin;
        const asOf = addDays(week(ASOF_WEEK), (run * 3) % 7); // Monday, Thursday, Sunday, ...
        const posted: Posted[] = [];
        const checkins: CheckinInput[] = [];
        for (const [i, w] of weeks.entries()) {
          if (w.checkin) {
            const c = { weekStart: week(i), ...w.checkin };
            await checkin(user, c);
            checkins.push(c);
          }
          for (const e of w.entries) {
            const occurredOn = addDays(week(i), e.day);
            const id = await postEntry(user, { kinds: e.kinds, occurredOn });
            if (e.acked) await acknowledge(acknowledger, id);
            if (e.deleted) await remove(user, id);
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
          const res = await readiness(token, who, asOf);
          expect(res.status, res.text).toBe(200);
          expect(res.body).toEqual({ userId: user.id, asOf, policy: DEFAULT_POLICY, ...expected });
        }
        // The last few weeks only: the same rows, the streaks of the whole history.
        const bounded = await readiness(user.token, 'me', asOf, 5);
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
        await postEntry(user, {
          kinds: ['ownership', 'review', 'proposal'],
          occurredOn: week(i),
        });
        await postEntry(user, {
          kinds: ['mentoring', 'communication'],
          occurredOn: addDays(week(i), 4),
        });
      }
      const res = await readiness(user.token, 'me', asOfIn(3));
      expect(res.status, res.text).toBe(200);
      const rows = res.body.weeks;
      expect(column(rows, 'weekStart')).toEqual([0, 1, 2, 3].map(week));
      expect(column(rows, 'consistent')).toEqual([true, true, true, true]);
      expect(column(rows, 'streak')).toEqual([1, 2, 3, 4]);
      expect(rows[0]).toEqual({
        weekStart: week(0),
        onLeave: false,
        pending: false,
        counts: countsOf(FIVE),
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
        if (kinds.length) await postEntry(user, { kinds, occurredOn: addDays(week(i), 1) });
      }
      const res = await readiness(user.token, 'me', asOfIn(4));
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
      const later = await readiness(user.token, 'me', asOfIn(5));
      expect(later.body.weeks[4]).toMatchObject({ pending: false, consistent: false, streak: 0 });
      expect(later.body.current).toMatchObject({ weekStart: week(5), pending: true, streak: 0 });
    });

    it('a leave week pauses the streak and the window reaches back past it', async () => {
      const user = await newReport();
      for (const i of [0, 1, 3]) {
        await postEntry(user, {
          kinds: ['ownership', 'review', 'proposal'],
          occurredOn: week(i),
        });
        await postEntry(user, { kinds: ['mentoring', 'communication'], occurredOn: week(i) });
      }
      await checkin(user, leave(week(2)));
      // Week 4 has nothing new, but its window (4, 3, 1, 0: week 2 skipped) holds everything.
      const res = await readiness(user.token, 'me', asOfIn(4));
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
      await postEntry(user, { kinds: ['ownership', 'review'], occurredOn: week(0) });
      await postEntry(user, { kinds: ['proposal', 'communication'], occurredOn: week(0) });
      // The only mentoring: in a leave week...
      await postEntry(user, { kinds: ['mentoring'], occurredOn: addDays(week(1), 2) });
      await checkin(user, leave(week(1)));
      // ...deleted...
      const deleted = await postEntry(user, { kinds: ['mentoring'], occurredOn: week(2) });
      await remove(user, deleted);
      // ...or after asOf (same week, later day).
      await postEntry(user, { kinds: ['mentoring'], occurredOn: addDays(week(2), 5) });

      const res = await readiness(user.token, 'me', asOfIn(2));
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
      const later = await readiness(user.token, 'me', addDays(week(2), 6));
      expect(later.body.weeks[2]).toMatchObject({ consistent: true, counts: { mentoring: 1 } });
    });

    it('visibility is the acknowledged share of the window', async () => {
      const user = await newReport();
      const a = await postEntry(user, { kinds: ['review'], occurredOn: week(0) });
      await postEntry(user, { kinds: ['review'], occurredOn: week(0) });
      await postEntry(user, { kinds: ['review'], occurredOn: week(1) });
      await postEntry(user, { kinds: ['review'], occurredOn: week(1) });
      await acknowledge(team.manager, a);
      const res = await readiness(user.token, 'me', asOfIn(1));
      expect(res.body.weeks.map((w: { visibility: number }) => w.visibility)).toEqual([0.5, 0.25]);
    });

    it('signals are raised from check-ins and evidence once the week in progress has ended', async () => {
      const user = await newReport();
      for (let i = 0; i < 3; i++) {
        await checkin(user, {
          weekStart: week(i),
          handsOnPercent: 50,
          deepWorkBlocks: 0,
          onLeave: false,
        });
      }
      // Week 2 in progress: it can clear a signal but not raise one.
      const midweek = await readiness(user.token, 'me', asOfIn(2));
      expect(midweek.body.signals).toEqual([signal('stale')]);
      const res = await readiness(user.token, 'me', asOfIn(3));
      expect(res.body.signals).toEqual([signal('losing-technical-currency'), signal('stale')]);
    });

    it('a user with no history has an empty timeline; asOf defaults to today', async () => {
      const user = await newReport();
      const res = await readiness(user.token, 'me');
      expect(res.status, res.text).toBe(200);
      const today = new Date().toISOString().slice(0, 10);
      expect(res.body).toEqual({
        userId: user.id,
        asOf: today,
        policy: DEFAULT_POLICY,
        weeks: [],
        current: notStartedIn(weekStartOf(today)),
        signals: [],
      });
    });
  });
});
