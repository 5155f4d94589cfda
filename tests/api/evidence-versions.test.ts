// Evidence that holds up: acknowledgements and endorsements carry the entry's version they
// were given on (`entryVersion`) and whether it still says the same (`current`); the same
// person acknowledging again replaces theirs, a repeat is a 200 that stores and notifies
// nothing (also when two identical requests race); readiness counts any version.
import { addDays, todayUtc, weekStartOf } from '@leadtrack/core';
import { describe, expect, it } from 'vitest';
import { type Caller, call, makeTeam, registerUser, type TestUser } from '../support/http';
import { useTestApp } from '../support/test-app';

const { app, sql } = useTestApp();

const E = '/api/v1/evidence';
const lastWeek = () => addDays(weekStartOf(todayUtc()), -5);

async function logEntry(owner: TestUser, body: Record<string, unknown> = {}) {
  const res = await call(app, 'POST', E, {
    token: owner.token,
    body: { kinds: ['review'], title: 'Reviewed the queue RFC', occurredOn: lastWeek(), ...body },
  });
  expect(res.status, res.text).toBe(201);
  return res.body as { id: string; version: number };
}
const acknowledge = (who: Caller, id: string, comment?: string) =>
  call(app, 'POST', `${E}/${id}/acknowledgements`, {
    token: who,
    ...(comment !== undefined && { body: { comment } }),
  });
const edit = (who: Caller, id: string, body: Record<string, unknown>) =>
  call(app, 'PATCH', `${E}/${id}`, { token: who, body });
const entryAs = (who: Caller, id: string) => call(app, 'GET', `${E}/${id}`, { token: who });

async function rows(table: 'acknowledgements' | 'endorsements', evidenceId: string) {
  const { rows } = await sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${table} WHERE evidence_id = $1`,
    [evidenceId],
  );
  return rows[0]?.n;
}
async function notificationsOf(userId: string, type: string) {
  const { rows } = await sql.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND type::text = $2',
    [userId, type],
  );
  return rows[0]?.n;
}

describe('entryVersion and current', () => {
  it('an edit of what the entry says makes an acknowledgement not current; the audience alone does not; acknowledging again replaces it', async () => {
    const { manager, engineer } = await makeTeam(app);
    const entry = await logEntry(engineer);
    const first = await acknowledge(manager, entry.id, 'Seen');
    expect(first.status, first.text).toBe(201);
    expect(first.body).toMatchObject({ entryVersion: 1, current: true, comment: 'Seen' });

    const audience = await edit(engineer, entry.id, { audience: 'org' });
    expect(audience.status, audience.text).toBe(200);
    expect(audience.body.version).toBe(2);
    expect(audience.body.acknowledgements).toEqual([first.body]);
    // Still current: acknowledging again is a repeat.
    const repeat = await acknowledge(manager, entry.id, 'Seen again');
    expect(repeat.status, repeat.text).toBe(200);
    expect(repeat.body).toEqual(first.body);

    for (const [n, change] of [
      { title: 'Led the company-wide architecture migration single-handedly' },
      { description: 'Now with more words' },
      { kinds: ['review', 'proposal'] },
      { occurredOn: addDays(lastWeek(), -1) },
      { links: ['https://example.com/rfc'] },
    ].entries()) {
      const changed = await edit(engineer, entry.id, change);
      expect(changed.status, changed.text).toBe(200);
      // The acknowledgement stays, given on version 1, and says it is not current.
      expect(changed.body.acknowledgements, JSON.stringify(change)).toEqual([
        { ...first.body, current: false },
      ]);
      expect(changed.body.version).toBe(3 + n);
    }
    // The list says the same as the entry.
    const list = await call(app, 'GET', E, {
      token: manager.token,
      query: { userId: engineer.id, limit: 100 },
    });
    const single = await entryAs(manager, entry.id);
    expect(list.body.items.find((e: { id: string }) => e.id === entry.id)).toEqual(single.body);

    // Acknowledging again replaces the earlier one: one row, this version, this comment.
    const again = await acknowledge(manager, entry.id, 'Read the new version');
    expect(again.status, again.text).toBe(201);
    expect(again.body).toMatchObject({
      id: first.body.id,
      entryVersion: single.body.version,
      current: true,
      comment: 'Read the new version',
    });
    expect((await entryAs(engineer, entry.id)).body.acknowledgements).toEqual([again.body]);
    expect(await rows('acknowledgements', entry.id)).toBe(1);
    // Two notifications: the first acknowledgement and the replacing one, not the repeat.
    expect(await notificationsOf(engineer.id, 'entry-acknowledged')).toBe(2);
  });

  it('an endorsement becomes not current the same way', async () => {
    const { engineer } = await makeTeam(app);
    const colleague = await registerUser(app, { name: 'Colleague' });
    const entry = await logEntry(engineer);
    const asked = await call(app, 'POST', `${E}/${entry.id}/endorsement-requests`, {
      token: engineer.token,
      body: { userId: colleague.id },
    });
    const endorsed = await call(
      app,
      'POST',
      `/api/v1/endorsement-requests/${asked.body.id}/endorse`,
      { token: colleague.token },
    );
    expect(endorsed.status, endorsed.text).toBe(201);
    expect(endorsed.body).toMatchObject({ entryVersion: 1, current: true });
    await edit(engineer, entry.id, { title: 'Reviewed and rewrote the queue RFC' });
    expect((await entryAs(engineer, entry.id)).body.endorsements).toEqual([
      { ...endorsed.body, current: false },
    ]);
  });

  it('readiness counts an acknowledgement of any version', async () => {
    const { manager, engineer } = await makeTeam(app);
    const entry = await logEntry(engineer);
    await logEntry(engineer, { title: 'Second' });
    const visibility = async () => {
      const res = await call(app, 'GET', '/api/v1/users/me/readiness', {
        token: engineer.token,
      });
      expect(res.status, res.text).toBe(200);
      return res.body.weeks.find(
        (w: { weekStart: string }) => w.weekStart === weekStartOf(lastWeek()),
      )?.visibility;
    };
    expect(await visibility()).toBe(0);
    expect((await acknowledge(manager, entry.id)).status).toBe(201);
    expect(await visibility()).toBe(0.5);
    await edit(engineer, entry.id, { title: 'Changed after the acknowledgement' });
    expect(await visibility()).toBe(0.5);
    expect((await acknowledge(manager, entry.id)).status).toBe(201);
    expect(await visibility()).toBe(0.5);
  });
});

describe('safe repeats', () => {
  it('two identical acknowledgements racing store one and notify once', async () => {
    const { manager, engineer } = await makeTeam(app);
    for (let round = 0; round < 3; round++) {
      const entry = await logEntry(engineer, { title: `Race ${round}` });
      const before = await notificationsOf(engineer.id, 'entry-acknowledged');
      const answers = await Promise.all([
        acknowledge(manager, entry.id, 'Great'),
        acknowledge(manager, entry.id, 'Great'),
      ]);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 201]);
      expect(answers[0]?.body).toEqual(answers[1]?.body);
      expect(await rows('acknowledgements', entry.id)).toBe(1);
      expect(await notificationsOf(engineer.id, 'entry-acknowledged')).toBe((before ?? 0) + 1);
    }
  });
});
