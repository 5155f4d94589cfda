// No date before 2000-01-01 anywhere: a timeline from year 1 holds ~105,000 weeks, and a
// handful of such answers could exhaust the API's memory. Year 0000 is a 400, never a 500.
import { describe, expect, it } from 'vitest';
import { call, expectProblem } from '../support/http';
import { useTeamWithEntry } from '../support/team';

const V1 = '/api/v1';

const { app, sql, team, entry } = useTeamWithEntry();

async function stored() {
  const { rows } = await sql.query(`SELECT
    (SELECT count(*) FROM evidence)::int AS evidence,
    (SELECT min(occurred_on)::text FROM evidence) AS earliest,
    (SELECT count(*) FROM checkins)::int AS checkins`);
  return rows[0];
}

describe.each(['1999-12-31', '1999-12-27', '0001-01-01', '0000-01-03'])('the date %s', (date) => {
  const tooOld = { kinds: ['review'], title: 'Too old', occurredOn: date };
  const cases: [string, 'GET' | 'POST' | 'PUT' | 'PATCH', () => string, unknown, string][] = [
    ['as occurredOn of a new entry', 'POST', () => `${V1}/evidence`, tooOld, 'occurredOn'],
    [
      'as an edited occurredOn',
      'PATCH',
      () => `${V1}/evidence/${entry.id}`,
      { occurredOn: date },
      'occurredOn',
    ],
    [
      'as a check-in week',
      'PUT',
      () => `${V1}/checkins/${date}`,
      { handsOnPercent: 50, deepWorkBlocks: 2, onLeave: false },
      'weekStart',
    ],
    ['as readiness asOf', 'GET', () => `${V1}/users/me/readiness?asOf=${date}`, undefined, 'asOf'],
    ['as an evidence list from', 'GET', () => `${V1}/evidence?from=${date}`, undefined, 'from'],
    ['as an evidence list to', 'GET', () => `${V1}/evidence?to=${date}`, undefined, 'to'],
    ['as a check-in list from', 'GET', () => `${V1}/checkins?from=${date}`, undefined, 'from'],
    ['as a packet from', 'GET', () => `${V1}/users/me/packet?from=${date}`, undefined, 'from'],
    ['as a packet to', 'GET', () => `${V1}/users/me/packet?to=${date}`, undefined, 'to'],
  ];
  it.each(cases)(
    '%s → 400 naming the field, nothing stored',
    async (_label, method, url, body, field) => {
      const before = await stored();
      const res = await call(app, method, url(), { token: team.engineer.token, body });
      expectProblem(res, 400, [field]);
      expect(res.body.errors[0].message).toMatch(/^[A-Z][\w -]* must not be before 2000-01-01\.$/);
      // One bad field: the detail is its sentence.
      expect(res.body.detail).toBe(res.body.errors[0].message);
      expect(await stored()).toEqual(before);
    },
  );
});

describe('the first dates allowed', () => {
  it('2000-01-01 is a valid occurredOn and 2000-01-03 (a Monday) a valid check-in week', async () => {
    const res = await call(app, 'POST', `${V1}/evidence`, {
      token: team.peer.token,
      body: { kinds: ['review'], title: 'Y2K review', occurredOn: '2000-01-01' },
    });
    expect(res.status, res.text).toBe(201);
    const week = await call(app, 'PUT', `${V1}/checkins/2000-01-03`, {
      token: team.peer.token,
      body: { handsOnPercent: 50, deepWorkBlocks: 2, onLeave: false },
    });
    expect(week.status, week.text).toBe(200);
    const asOf = await call(app, 'GET', `${V1}/users/me/readiness?asOf=2000-01-01`, {
      token: team.peer.token,
    });
    expect(asOf.status, asOf.text).toBe(200);
  });
});
