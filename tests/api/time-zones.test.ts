// Each person's "today" and "this week" follow their own time zone (issue 12): at the date
// line, a person in Auckland (UTC+13 in November) and one in Pago Pago (UTC-11) live a day
// apart from UTC. The API's clock is the test's (buildApp's `clock`), not the machine's.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  adminOf,
  call,
  expectProblem,
  registerReport,
  registerUser,
  TEST_PASSWORD,
  type TestUser,
  uniqueEmail,
} from '../support/http';
import { allAnswered } from '../support/reflection';
import { testClock, useFixture, useTestApp } from '../support/test-app';

const V1 = '/api/v1';
const clock = testClock();
const { app } = useTestApp({}, { clock: clock.now });

// Sunday 22 November 2026, 19:30 UTC = Monday 23 November, 08:30 in Auckland.
const AUCKLAND_MONDAY_MORNING = '2026-11-22T19:30:00Z';
// Monday 23 November 2026, 08:00 UTC = Sunday 22 November, 21:00 in Pago Pago.
const PAGO_PAGO_SUNDAY_EVENING = '2026-11-23T08:00:00Z';

const people = useFixture(async () => {
  const admin = await adminOf(app);
  const manager = await registerUser(app, { name: 'Manager' }); // UTC
  const kiri = await registerReport(app, manager, { name: 'Kiri', timeZone: 'Pacific/Auckland' });
  const sina = await registerReport(app, manager, { name: 'Sina', timeZone: 'Pacific/Pago_Pago' });
  const uma = await registerReport(app, manager, { name: 'Uma' }); // UTC, the manager's too
  return { admin, manager, kiri, sina, uma };
});

const entry = (user: TestUser, occurredOn: string, extra: Record<string, unknown> = {}) =>
  call(app, 'POST', `${V1}/evidence`, {
    token: user,
    body: { kinds: ['review'], title: `Reviewed on ${occurredOn}`, occurredOn, ...extra },
  });

const checkIn = (user: TestUser, weekStart: string) =>
  call(app, 'PUT', `${V1}/checkins/${weekStart}`, {
    token: user,
    body: { handsOnPercent: 50, deepWorkBlocks: 3, onLeave: false },
  });

const readiness = (reader: TestUser, owner: TestUser, query: Record<string, string> = {}) =>
  call(app, 'GET', `${V1}/users/${owner.id}/readiness`, { token: reader, query });

describe('registration takes the time zone', () => {
  it('stores the browser’s zone, and UTC when none is sent', async () => {
    const { kiri, uma } = people;
    expect((await call(app, 'GET', `${V1}/me`, { token: kiri })).body.timeZone).toBe(
      'Pacific/Auckland',
    );
    expect((await call(app, 'GET', `${V1}/me`, { token: uma })).body.timeZone).toBe('UTC');
  });

  it('refuses an unknown zone in a plain sentence, with every other error of the body', async () => {
    const res = await call(app, 'POST', `${V1}/auth/register`, {
      body: { email: uniqueEmail('mars'), name: '', password: 'short', timeZone: 'Mars/Olympus' },
    });
    expectProblem(res, 400, ['name', 'password', 'timeZone']);
    expect(res.body.errors).toContainEqual({
      path: 'timeZone',
      message: 'Time zone must be an IANA time zone such as Europe/Paris.',
    });
    for (const timeZone of ['+13:00', '', 42]) {
      const bad = await call(app, 'POST', `${V1}/auth/register`, {
        body: { email: uniqueEmail('bad'), name: 'Bad', password: TEST_PASSWORD, timeZone },
      });
      expectProblem(bad, 400, ['timeZone']);
    }
  });
});

describe('at the date line, UTC+13: Auckland on its Monday morning (UTC is still Sunday)', () => {
  beforeAll(() => clock.set(AUCKLAND_MONDAY_MORNING));

  it('accepts their today although UTC is still yesterday, and refuses their tomorrow', async () => {
    const { kiri } = people;
    const today = await entry(kiri, '2026-11-23');
    expect(today.status, today.text).toBe(201);

    const tomorrow = await entry(kiri, '2026-11-24', { title: '' });
    // The clock rule is reported with the rest of the body, in one answer.
    expectProblem(tomorrow, 400, ['occurredOn', 'title']);
    expect(tomorrow.body.errors).toContainEqual({
      path: 'occurredOn',
      message: 'Date must not be after today (2026-11-23, your date in Pacific/Auckland).',
    });
  });

  it('judges the same date by the caller’s own zone: UTC’s tomorrow for a UTC person', async () => {
    const res = await entry(people.uma, '2026-11-23');
    expectProblem(res, 400, ['occurredOn']);
    expect(res.body.errors[0].message).toBe(
      'Date must not be after today (2026-11-22, your date in UTC).',
    );
  });

  it('lands the entry in their new week, pending until Sunday, whoever reads it', async () => {
    const { kiri, manager } = people;
    for (const reader of [kiri, manager]) {
      const res = await readiness(reader, kiri);
      expect(res.status, res.text).toBe(200);
      // The manager is in UTC (still Sunday 22), but Kiri's data follows Kiri's date.
      expect(res.body.asOf).toBe('2026-11-23');
      const last = res.body.weeks.at(-1);
      expect(last).toMatchObject({ weekStart: '2026-11-23', pending: true });
      expect(last.counts.review).toBe(1);
      expect(res.body.current.weekStart).toBe('2026-11-23');
    }
  });

  it('opens their new week to a check-in and a reflection, not the week after', async () => {
    const { kiri, uma } = people;
    const res = await checkIn(kiri, '2026-11-23');
    expect(res.status, res.text).toBe(200);
    const next = await checkIn(kiri, '2026-11-30');
    expectProblem(next, 400, ['weekStart']);
    expect(next.body.errors[0].message).toBe(
      'Week must not be after the current week (the week of 2026-11-23 in Pacific/Auckland).',
    );
    // For someone in UTC, 23 November is still next week.
    expectProblem(await checkIn(uma, '2026-11-23'), 400, ['weekStart']);

    const answers = allAnswered(3);
    const reflect = (weekStart: string) =>
      call(app, 'PUT', `${V1}/reflections/${weekStart}`, {
        token: kiri,
        body: { answers, shared: false },
      });
    const reflection = await reflect('2026-11-23');
    expect(reflection.status, reflection.text).toBe(200);
    expectProblem(await reflect('2026-11-30'), 400, ['weekStart']);
  });

  it('bounds asOf by the owner’s today, not the reader’s', async () => {
    const { kiri, manager } = people;
    // The manager's own date is 22 November, yet Kiri's 23rd is not in the future.
    const theirs = await readiness(manager, kiri, { asOf: '2026-11-23' });
    expect(theirs.status, theirs.text).toBe(200);
    const after = await readiness(manager, kiri, { asOf: '2026-11-24' });
    expectProblem(after, 400, ['asOf']);
    expect(after.body.errors[0].message).toMatch(/2026-11-23 in Pacific\/Auckland/);
    // And the packet's `to` the same way.
    const packet = await call(app, 'GET', `${V1}/users/${kiri.id}/packet`, { token: manager });
    expect(packet.status, packet.text).toBe(200);
    expect(packet.body.to).toBe('2026-11-23');
  });
});

describe('at the date line, UTC-11: Pago Pago on its Sunday evening (UTC is already Monday)', () => {
  beforeAll(() => clock.set(PAGO_PAGO_SUNDAY_EVENING));

  it('refuses UTC’s today as their tomorrow, and keeps their entry in the ending week', async () => {
    const { sina, manager } = people;
    const monday = await entry(sina, '2026-11-23');
    expectProblem(monday, 400, ['occurredOn']);
    expect(monday.body.errors[0].message).toBe(
      'Date must not be after today (2026-11-22, your date in Pacific/Pago_Pago).',
    );
    const sunday = await entry(sina, '2026-11-22');
    expect(sunday.status, sunday.text).toBe(201);

    const res = await readiness(manager, sina);
    expect(res.status, res.text).toBe(200);
    expect(res.body.asOf).toBe('2026-11-22');
    expect(res.body.weeks.at(-1)).toMatchObject({ weekStart: '2026-11-16', pending: true });

    expectProblem(await checkIn(sina, '2026-11-23'), 400, ['weekStart']);
    expect((await checkIn(sina, '2026-11-16')).status).toBe(200);
    // A UTC person is already in the week of the 23rd.
    expect((await checkIn(people.uma, '2026-11-23')).status).toBe(200);
  });

  it('the team view computes each report as of their own date', async () => {
    const { manager, kiri, sina, uma } = people;
    await entry(uma, '2026-11-23');
    const res = await call(app, 'GET', `${V1}/reports`, { token: manager });
    expect(res.status, res.text).toBe(200);
    const byId = new Map(
      res.body.items.map((i: { user: { id: string } }) => [i.user.id, i] as const),
    );
    // 08:00 UTC on the 23rd: Kiri is at 21:00 on the 23rd, Sina at 21:00 on the 22nd.
    expect(byId.get(kiri.id)).toMatchObject({
      lastEvidenceOn: '2026-11-23',
      current: { weekStart: '2026-11-23' },
    });
    expect(byId.get(sina.id)).toMatchObject({
      lastEvidenceOn: '2026-11-22',
      current: { weekStart: '2026-11-16' },
    });
    expect(byId.get(uma.id)).toMatchObject({
      lastEvidenceOn: '2026-11-23',
      current: { weekStart: '2026-11-23' },
    });
  });
});

describe('the readiness cache follows each person’s midnight', () => {
  it('serves the new week from the person’s own midnight, not UTC’s', async () => {
    const late = await registerUser(app, { name: 'Late', timeZone: 'Pacific/Auckland' });
    // Sunday 29 November, 23:30 in Auckland (10:30 UTC).
    clock.set('2026-11-29T10:30:00Z');
    expect((await entry(late, '2026-11-29')).status).toBe(201);
    const before = await readiness(late, late);
    expect(before.body.asOf).toBe('2026-11-29');
    expect(before.body.weeks.at(-1).weekStart).toBe('2026-11-23');
    expect((await readiness(late, late)).body).toEqual(before.body);

    // An hour later: Monday 30 November, 00:30 in Auckland, still Sunday 11:30 in UTC.
    clock.set('2026-11-29T11:30:00Z');
    const after = await readiness(late, late);
    expect(after.body.asOf).toBe('2026-11-30');
    expect(after.body.weeks.at(-1)).toMatchObject({ weekStart: '2026-11-30', pending: true });
  });
});

describe('people an admin adds', () => {
  it('start in the zone given, else in the admin’s own; a bad zone is refused by name', async () => {
    const { admin } = people;
    const add = (name: string, extra: Record<string, unknown> = {}) =>
      call(app, 'POST', `${V1}/users`, {
        token: admin,
        body: { email: uniqueEmail(), name, password: TEST_PASSWORD, role: 'engineer', ...extra },
      });
    const moved = await call(app, 'PATCH', `${V1}/me`, {
      token: admin,
      body: { timeZone: 'Pacific/Auckland' },
    });
    expect(moved.status, moved.text).toBe(200);
    try {
      const sameZone = await add('Ari Auckland');
      expect(sameZone.status, sameZone.text).toBe(201);
      const given = await add('Nia New York', { timeZone: 'America/New_York' });
      expect(given.status, given.text).toBe(201);
      // Each signs in and reads their own zone.
      for (const [user, zone] of [
        [sameZone.body, 'Pacific/Auckland'],
        [given.body, 'America/New_York'],
      ] as const) {
        const login = await call(app, 'POST', `${V1}/auth/login`, {
          body: { email: user.email, password: TEST_PASSWORD },
        });
        expect(login.status, login.text).toBe(200);
        const me = await call(app, 'GET', `${V1}/me`, { token: login.body.accessToken });
        expect(me.body.timeZone).toBe(zone);
      }
      const bad = await add('Mars', { timeZone: 'Mars/Olympus_Mons' });
      expectProblem(bad, 400, ['timeZone']);
    } finally {
      await call(app, 'PATCH', `${V1}/me`, { token: admin, body: { timeZone: 'UTC' } });
    }
  });
});
