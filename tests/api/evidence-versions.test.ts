// Evidence that holds up: acknowledgements and endorsements carry the entry's version they
// were given on (`entryVersion`) and whether it still says the same (`current`); the same
// person acknowledging again replaces theirs, a repeat is a 200 that stores and notifies
// nothing (also when two identical requests race); readiness counts any version.
import { addDays, todayUtc, weekStartOf } from '@leadtrack/core';
import { describe, expect, it } from 'vitest';
import {
  type Caller,
  call,
  makeTeam,
  personalTokenOf,
  registerUser,
  type TestUser,
} from '../support/http';
import { statusesTwice } from '../support/role-cast';
import { logEntry as logEntryOf } from '../support/team';
import { useTestApp } from '../support/test-app';

const { app, sql } = useTestApp();

const E = '/api/v1/evidence';
const lastWeek = () => addDays(weekStartOf(todayUtc()), -5);

const logEntry = (owner: TestUser, body: Record<string, unknown> = {}) =>
  logEntryOf(app, owner, { title: 'Reviewed the queue RFC', occurredOn: lastWeek(), ...body });
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

    // The packet says so, the Markdown packet above all, in the packet's own line.
    const query = { from: addDays(lastWeek(), -7), to: lastWeek() };
    const packet = await call(app, 'GET', `/api/v1/users/${engineer.id}/packet`, {
      token: manager.token,
      query,
    });
    expect(packet.status, packet.text).toBe(200);
    const inPacket = packet.body.kinds
      .flatMap((k: { entries: { id: string }[] }) => k.entries)
      .find((e: { id: string }) => e.id === entry.id);
    expect(inPacket.acknowledgements).toEqual([
      {
        by: first.body.by,
        comment: 'Seen',
        entryVersion: 1,
        current: false,
        createdAt: first.body.createdAt,
      },
    ]);
    const md = await call(app, 'GET', `/api/v1/users/${engineer.id}/packet`, {
      token: manager.token,
      query: { ...query, format: 'md' },
    });
    const day = first.body.createdAt.slice(0, 10);
    expect(md.text).toContain(
      `**Manager acknowledged an earlier version** on ${day} (the entry changed since):\n\n> Seen\n`,
    );
    expect(md.text).not.toContain('**Acknowledged by Manager**');
    expect(md.text).toContain(
      '0 of 1 acknowledged by someone else (1 more acknowledged on an earlier version only)',
    );

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
    const after = await call(app, 'GET', `/api/v1/users/${engineer.id}/packet`, {
      token: manager.token,
      query: { ...query, format: 'md' },
    });
    expect(after.text).toContain('**Acknowledged by Manager** on');
    expect(after.text).not.toContain('earlier version');
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

describe('endorsement requests end', () => {
  const ask = (who: Caller, id: string, userId: string) =>
    call(app, 'POST', `${E}/${id}/endorsement-requests`, { token: who, body: { userId } });
  const withdraw = (who: Caller, id: string, requestId: string) =>
    call(app, 'DELETE', `${E}/${id}/endorsement-requests/${requestId}`, { token: who });

  it('a declined request ends the colleague’s access to the entry; an endorsed one keeps it', async () => {
    const { engineer } = await makeTeam(app);
    const decliner = await registerUser(app, { name: 'Decliner' });
    const endorser = await registerUser(app, { name: 'Endorser' });
    const entry = await logEntry(engineer);
    const declined = await ask(engineer, entry.id, decliner.id);
    const endorsed = await ask(engineer, entry.id, endorser.id);
    expect((await entryAs(decliner, entry.id)).status).toBe(200);
    const no = await call(app, 'POST', `/api/v1/endorsement-requests/${declined.body.id}/decline`, {
      token: decliner,
    });
    expect(no.status, no.text).toBe(204);
    expect((await entryAs(decliner, entry.id)).status).toBe(404);
    // Nor can they act on it: acknowledging is a 404 as for any stranger.
    expect((await acknowledge(decliner, entry.id)).status).toBe(404);
    const yes = await call(
      app,
      'POST',
      `/api/v1/endorsement-requests/${endorsed.body.id}/endorse`,
      {
        token: endorser,
      },
    );
    expect(yes.status, yes.text).toBe(201);
    expect((await entryAs(endorser, entry.id)).status).toBe(200);
    // Asking the decliner again: 409 saying so, and no access comes back.
    const again = await ask(engineer, entry.id, decliner.id);
    expect(again.status, again.text).toBe(409);
    expect(again.body.detail).toMatch(/already declined/);
    expect((await entryAs(decliner, entry.id)).status).toBe(404);
  });

  it('withdrawing: only the owner, pending requests only; the colleague loses the entry and the item', async () => {
    const { admin, manager, engineer, stranger } = await makeTeam(app);
    const colleague = await registerUser(app, { name: 'Asked' });
    const entry = await logEntry(engineer);
    const asked = await ask(engineer, entry.id, colleague.id);
    expect(asked.status, asked.text).toBe(201);
    const pat = await personalTokenOf(app, engineer, { name: 'script' });
    // Readers of the entry are told the role forbids it; others that it does not exist.
    for (const [who, status] of [
      [manager, 403],
      [admin, 403],
      [colleague, 403],
      [stranger, 404],
      [undefined, 401],
    ] as const) {
      expect((await withdraw(who, entry.id, asked.body.id)).status, String(who?.name)).toBe(status);
    }
    expect(
      (await withdraw(engineer, entry.id, '0190c6a2-0000-7000-8000-000000000000')).status,
    ).toBe(404);
    expect((await entryAs(colleague, entry.id)).status).toBe(200);
    // The owner, also through a personal access token.
    expect((await withdraw(pat.token, entry.id, asked.body.id)).status).toBe(204);
    expect((await entryAs(colleague, entry.id)).status).toBe(404);
    const waiting = await call(app, 'GET', '/api/v1/endorsement-requests', { token: colleague });
    expect(waiting.body.items).toEqual([]);
    expect((await withdraw(engineer, entry.id, asked.body.id)).status).toBe(404);
    // An answered request cannot be withdrawn.
    const again = await ask(engineer, entry.id, colleague.id);
    expect(again.status).toBe(201);
    await call(app, 'POST', `/api/v1/endorsement-requests/${again.body.id}/endorse`, {
      token: colleague,
    });
    const late = await withdraw(engineer, entry.id, again.body.id);
    expect(late.status, late.text).toBe(409);
    expect(late.body.detail).toMatch(/already endorsed/);
  });
});

describe('access to acknowledging (the changed rule: a repeat answers 200)', () => {
  it('the manager and an admin; the owner 403; a stranger, a declined endorser 404; a PAT caller as its person; deactivated and no token 401', async () => {
    const team = await makeTeam(app);
    const { admin, manager, engineer, stranger } = team;
    const decliner = await registerUser(app, { name: 'Declined' });
    const leaver = await registerUser(app, { name: 'Leaver' });
    const entry = await logEntry(engineer);
    const request = await call(app, 'POST', `${E}/${entry.id}/endorsement-requests`, {
      token: engineer,
      body: { userId: decliner.id },
    });
    await call(app, 'POST', `/api/v1/endorsement-requests/${request.body.id}/decline`, {
      token: decliner,
    });
    const managerPat = await personalTokenOf(app, manager, { name: 'script' });
    // A deactivated person: refused before any rule is read.
    const off = await call(app, 'POST', `/api/v1/users/${leaver.id}/deactivate`, { token: admin });
    expect(off.status, off.text).toBe(200);
    const callers = [
      ['owner', engineer.token],
      ['manager', manager.token],
      ['managerPat', managerPat.token],
      ['admin', admin.token],
      ['stranger', stranger.token],
      ['declined', decliner.token],
      ['deactivated', leaver.token],
      ['anonymous', undefined],
    ] as const;
    const statuses = await statusesTwice(callers, (who) => acknowledge(who, entry.id));
    expect(statuses).toEqual({
      owner: [403, 403],
      manager: [201, 200],
      // The same person through a token: their acknowledgement exists already.
      managerPat: [200, 200],
      admin: [201, 200],
      stranger: [404, 404],
      declined: [404, 404],
      deactivated: [401, 401],
      anonymous: [401, 401],
    });
    expect(await rows('acknowledgements', entry.id)).toBe(2);
  });
});
