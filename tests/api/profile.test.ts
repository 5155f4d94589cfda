// The role profile: GET /users/:id/profile?weeks=… over the last non-leave weeks.
import { addDays, addWeeks, todayUtc, weekStartOf } from '@leadtrack/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, expectProblem, registerUser, type TestUser } from '../support/http';
import { expectAccess, useRoleCast } from '../support/role-cast';

const { app, cast } = useRoleCast();

const profile = (token: string | undefined, id: string, query?: Record<string, string | number>) =>
  call(app, 'GET', `/api/v1/users/${id}/profile`, { token, ...(query && { query }) });

async function checkin(
  user: TestUser,
  weekStart: string,
  handsOnPercent: number,
  deepWorkBlocks: number,
  onLeave = false,
) {
  const res = await call(app, 'PUT', `/api/v1/checkins/${weekStart}`, {
    token: user.token,
    body: { handsOnPercent, deepWorkBlocks, onLeave },
  });
  expect(res.status, res.text).toBe(200);
}

async function log(user: TestUser, kinds: string[], occurredOn: string) {
  const res = await call(app, 'POST', '/api/v1/evidence', {
    token: user.token,
    body: { kinds, title: kinds.join(' + '), occurredOn },
  });
  expect(res.status, res.text).toBe(201);
}

describe('GET /users/:id/profile', () => {
  const current = weekStartOf(todayUtc());
  const week = (n: number) => addWeeks(current, -n);
  let lead: TestUser;

  beforeAll(async () => {
    lead = await registerUser(app, { name: 'Profiled' });
    await checkin(lead, week(1), 50, 2);
    await checkin(lead, week(2), 60, 1);
    await checkin(lead, week(3), 0, 0, true); // leave: skipped, its evidence counts nowhere
    await checkin(lead, week(4), 90, 4);
    await log(lead, ['communication', 'review'], addDays(week(1), 2));
    await log(lead, ['communication'], week(2));
    await log(lead, ['mentoring'], addDays(week(3), 1));
    await log(lead, ['review'], addDays(week(4), 4));
  });

  it('over the last 3 non-leave weeks: averages of their check-ins, weeks holding each kind, verdicts', async () => {
    const res = await profile(lead.token, 'me', { weeks: 3 });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({
      userId: lead.id,
      weeks: 3,
      from: week(2),
      to: current,
      handsOn: { averagePercent: 55, band: { min: 50, max: 60 }, inBand: true, checkins: 2 },
      deepWork: { averageBlocks: 1.5, checkins: 2 },
    });
    const kinds = Object.fromEntries(
      res.body.weeksWithKind.map((k: { kind: string; weeks: number }) => [k.kind, k.weeks]),
    );
    expect(kinds).toEqual({
      ownership: 0,
      review: 1,
      proposal: 0,
      mentoring: 0,
      communication: 2,
      unblocking: 0,
      feedback: 0,
    });
    const verdicts = Object.fromEntries(
      res.body.comparison.map((c: { dimension: string }) => [c.dimension, c]),
    );
    expect(verdicts['hands-on']).toMatchObject({ leaning: 'tech-lead' });
    expect(verdicts['stakeholder-communication'].verdict).toBe(
      'Stakeholder communication shows in 2 of 3 weeks: regular, as for a tech lead.',
    );
    expect(verdicts.mentoring.leaning).toBe('senior-ic');
  });

  it('by default 13 weeks: the whole short history without the leave week', async () => {
    const res = await profile(lead.token, lead.id);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({
      weeks: 4,
      from: week(4),
      to: current,
      handsOn: { averagePercent: 66.7, inBand: false, checkins: 3 },
      deepWork: { averageBlocks: 2.3 },
    });
    const review = res.body.weeksWithKind.find((k: { kind: string }) => k.kind === 'review');
    expect(review.weeks).toBe(2);
    const mentoring = res.body.weeksWithKind.find((k: { kind: string }) => k.kind === 'mentoring');
    expect(mentoring.weeks).toBe(0);
    expect(res.body.comparison[0]).toMatchObject({ dimension: 'hands-on', leaning: 'senior-ic' });
  });

  it('someone without history: no weeks, unknown verdicts', async () => {
    const res = await profile(cast.stranger.token, 'me');
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({
      weeks: 0,
      from: null,
      to: null,
      handsOn: { averagePercent: null, inBand: null, checkins: 0 },
    });
    expect(res.body.comparison.every((c: { leaning: string }) => c.leaning === 'unknown')).toBe(
      true,
    );
  });

  it('weeks must be 1-52: 400 naming weeks', async () => {
    for (const weeks of [0, 53, 'many', 1.5]) {
      expectProblem(await profile(lead.token, 'me', { weeks }), 400, ['weeks']);
    }
  });

  it('access: the rights of readiness, sponsors included', async () => {
    await expectAccess(cast, (token) => profile(token, cast.engineer.id), {
      owner: 200,
      manager: 200,
      admin: 200,
      sponsor: 200,
      stranger: 404,
      endorser: 404,
      deactivated: 401,
      anonymous: 401,
    });
  });
});
