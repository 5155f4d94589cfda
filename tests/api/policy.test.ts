// GET /policy and PUT /policy: the defaults, an admin's change taking effect on readiness,
// every validation rule, and who may do what.
import {
  addDays,
  addWeeks,
  DEFAULT_POLICY,
  EVIDENCE_KINDS,
  type EvidenceKind,
  type IsoDate,
  POLICY_LIMITS,
} from '@leadtrack/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { call, expectProblem, revokedTokenOf } from '../support/http';
import { useTeam } from '../support/team';

const W0: IsoDate = '2026-01-05';
const week = (i: number) => addWeeks(W0, i);

describe('policy', () => {
  const { app, team } = useTeam();
  let revokedPat: string;

  const put = (body: unknown, token = team.admin.token) =>
    call(app, 'PUT', '/api/v1/policy', { token, body });

  beforeAll(async () => {
    revokedPat = await revokedTokenOf(app, team.admin);
  });

  describe('GET /policy', () => {
    it('answers the defaults from @leadtrack/core to every signed-in user while none is saved', async () => {
      for (const user of [team.engineer, team.manager, team.admin, team.stranger]) {
        const res = await call(app, 'GET', '/api/v1/policy', { token: user.token });
        expect(res.status, res.text).toBe(200);
        expect(res.body).toEqual({
          requiredKinds: ['ownership', 'review', 'proposal', 'mentoring', 'communication'],
          windowWeeks: 4,
          thresholdWeeks: 26,
          requireVisibility: false,
        });
        expect(res.body).toEqual(DEFAULT_POLICY);
      }
    });

    it('needs valid credentials', async () => {
      expectProblem(await call(app, 'GET', '/api/v1/policy'), 401);
      expectProblem(await call(app, 'GET', '/api/v1/policy', { token: revokedPat }), 401);
      expectProblem(await call(app, 'GET', '/api/v1/policy', { token: 'not-a-token' }), 401);
    });
  });

  describe('PUT /policy', () => {
    beforeEach(async () => {
      expect((await put(DEFAULT_POLICY)).status).toBe(200);
    });
    afterAll(async () => {
      expect((await put(DEFAULT_POLICY)).status).toBe(200);
    });

    it('an admin replaces the policy; everyone reads the new one', async () => {
      const body = {
        requiredKinds: ['mentoring', 'review'],
        windowWeeks: 6,
        thresholdWeeks: 12,
        requireVisibility: true,
      };
      const res = await put(body);
      expect(res.status, res.text).toBe(200);
      // Kinds come back in the canonical order, whatever order they were sent in.
      const saved = { ...body, requiredKinds: ['review', 'mentoring'] };
      expect(res.body).toEqual(saved);
      const read = await call(app, 'GET', '/api/v1/policy', { token: team.engineer.token });
      expect(read.body).toEqual(saved);
    });

    it('accepts the bounds of POLICY_LIMITS', async () => {
      for (const body of [
        {
          requiredKinds: [...EVIDENCE_KINDS],
          windowWeeks: 52,
          thresholdWeeks: 104,
          requireVisibility: false,
        },
        { requiredKinds: ['review'], windowWeeks: 1, thresholdWeeks: 1, requireVisibility: true },
      ]) {
        const res = await put(body);
        expect(res.status, res.text).toBe(200);
        expect(res.body).toEqual(body);
      }
      expect(POLICY_LIMITS).toEqual({
        windowWeeks: { min: 1, max: 52 },
        thresholdWeeks: { min: 1, max: 104 },
        requiredKinds: { min: 1, max: 7 },
      });
    });

    it('changes readiness: thresholdWeeks 2 makes a two-week streak ready', async () => {
      const user = team.engineer;
      for (const i of [0, 1]) {
        for (const kinds of [
          ['ownership', 'review', 'proposal'],
          ['mentoring', 'communication'],
        ] as EvidenceKind[][]) {
          const res = await call(app, 'POST', '/api/v1/evidence', {
            token: user.token,
            body: { kinds, title: `Week ${i}`, occurredOn: addDays(week(i), 1) },
          });
          expect(res.status, res.text).toBe(201);
        }
      }
      const asOf = addDays(week(1), 3);
      const current = async () => {
        const res = await call(app, 'GET', `/api/v1/users/${user.id}/readiness`, {
          token: team.manager.token,
          query: { asOf },
        });
        expect(res.status, res.text).toBe(200);
        return res.body;
      };

      const before = await current();
      expect(before.policy).toEqual(DEFAULT_POLICY);
      expect(before.current).toEqual({
        weekStart: week(1),
        consistent: true,
        pending: false,
        streak: 2,
        ready: false,
        readySince: null,
        projectedReadyOn: week(1 + 24),
      });

      expect((await put({ ...DEFAULT_POLICY, thresholdWeeks: 2 })).status).toBe(200);
      const after = await current();
      expect(after.policy.thresholdWeeks).toBe(2);
      expect(after.current).toEqual({
        weekStart: week(1),
        consistent: true,
        pending: false,
        streak: 2,
        ready: true,
        readySince: week(1),
        projectedReadyOn: week(1),
      });
      expect(after.weeks.map((w: { ready: boolean }) => w.ready)).toEqual([false, true]);

      // Requiring visibility: nothing is acknowledged, so no week is consistent.
      expect(
        (await put({ ...DEFAULT_POLICY, thresholdWeeks: 2, requireVisibility: true })).status,
      ).toBe(200);
      expect((await current()).current).toMatchObject({
        consistent: false,
        streak: 0,
        ready: false,
      });

      // Requiring only feedback, which nobody showed: missing everywhere.
      expect((await put({ ...DEFAULT_POLICY, requiredKinds: ['feedback'] })).status).toBe(200);
      const feedbackOnly = await current();
      expect(feedbackOnly.weeks.map((w: { missingKinds: string[] }) => w.missingKinds)).toEqual([
        ['feedback'],
        ['feedback'],
      ]);
    });

    describe('validation: 400 naming the field', () => {
      const valid = {
        requiredKinds: ['review', 'mentoring'],
        windowWeeks: 4,
        thresholdWeeks: 26,
        requireVisibility: false,
      };
      const cases: [string, Record<string, unknown>, string[]][] = [
        ['requiredKinds missing', { ...valid, requiredKinds: undefined }, ['requiredKinds']],
        ['requiredKinds empty', { ...valid, requiredKinds: [] }, ['requiredKinds']],
        ['requiredKinds not an array', { ...valid, requiredKinds: 'review' }, ['requiredKinds']],
        [
          'requiredKinds with an unknown kind',
          { ...valid, requiredKinds: ['review', 'coding'] },
          ['requiredKinds.1'],
        ],
        [
          'requiredKinds with a duplicate',
          { ...valid, requiredKinds: ['review', 'review'] },
          ['requiredKinds'],
        ],
        [
          'requiredKinds longer than 7',
          { ...valid, requiredKinds: [...EVIDENCE_KINDS, 'review'] },
          ['requiredKinds'],
        ],
        ['windowWeeks missing', { ...valid, windowWeeks: undefined }, ['windowWeeks']],
        ['windowWeeks below 1', { ...valid, windowWeeks: 0 }, ['windowWeeks']],
        ['windowWeeks above 52', { ...valid, windowWeeks: 53 }, ['windowWeeks']],
        ['windowWeeks not whole', { ...valid, windowWeeks: 2.5 }, ['windowWeeks']],
        ['windowWeeks as a string', { ...valid, windowWeeks: '4' }, ['windowWeeks']],
        ['thresholdWeeks missing', { ...valid, thresholdWeeks: undefined }, ['thresholdWeeks']],
        ['thresholdWeeks below 1', { ...valid, thresholdWeeks: 0 }, ['thresholdWeeks']],
        ['thresholdWeeks above 104', { ...valid, thresholdWeeks: 105 }, ['thresholdWeeks']],
        ['thresholdWeeks not whole', { ...valid, thresholdWeeks: 26.5 }, ['thresholdWeeks']],
        [
          'requireVisibility missing',
          { ...valid, requireVisibility: undefined },
          ['requireVisibility'],
        ],
        [
          'requireVisibility not a boolean',
          { ...valid, requireVisibility: 'yes' },
          ['requireVisibility'],
        ],
        ['an unknown field', { ...valid, graceWeeks: 2 }, ['graceWeeks']],
        [
          'several bad fields at once',
          { requiredKinds: [], windowWeeks: 0, thresholdWeeks: 0, requireVisibility: null },
          ['requiredKinds', 'windowWeeks', 'thresholdWeeks', 'requireVisibility'],
        ],
      ];
      for (const [name, body, fields] of cases) {
        it(name, async () => {
          expectProblem(await put(body), 400, fields);
          // Nothing was saved.
          const read = await call(app, 'GET', '/api/v1/policy', { token: team.admin.token });
          expect(read.body).toEqual(DEFAULT_POLICY);
        });
      }

      it('a body that is not JSON is a 400 too', async () => {
        const res = await app.inject({
          method: 'PUT',
          url: '/api/v1/policy',
          headers: {
            authorization: `Bearer ${team.admin.token}`,
            'content-type': 'application/json',
          },
          payload: '{"windowWeeks":',
        });
        expect(res.statusCode).toBe(400);
      });
    });

    it('is for admins only: managers and engineers 403, no or revoked credentials 401', async () => {
      const body = { ...DEFAULT_POLICY, thresholdWeeks: 3 };
      expectProblem(await put(body, team.manager.token), 403);
      expectProblem(await put(body, team.engineer.token), 403);
      expectProblem(await call(app, 'PUT', '/api/v1/policy', { body }), 401);
      expectProblem(await put(body, revokedPat), 401);
      const read = await call(app, 'GET', '/api/v1/policy', { token: team.admin.token });
      expect(read.body).toEqual(DEFAULT_POLICY);
    });
  });
});
