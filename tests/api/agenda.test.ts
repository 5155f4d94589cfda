// What waits for you: GET /me/agenda (each item type appears, and leaves when acted on),
// its counts, `unacknowledged` on GET /reports, the notifications of the other side of
// every two-person step (in-app and by mail), and deactivated people leaving the team,
// the agenda and the org totals while their manager and admins still read them.

import { readAgenda } from '@leadtrack/api/services/agenda/read-agenda';
import { addWeeks, DEFAULT_POLICY, todayUtc, weekStartOf } from '@leadtrack/core';
import type { Database } from '@leadtrack/db';
import { AGENDA_TYPES } from '@leadtrack/schemas';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type Caller,
  call,
  makeTeam,
  registerUser,
  setManager,
  setPolicy,
  type TestUser,
} from '../support/http';
import { allAnswered } from '../support/reflection';
import { expectAccess, signedIn, useRoleCast } from '../support/role-cast';
import { notificationsMailed, startSmtpCatcher } from '../support/smtp-catcher';
import { logEntry as logEntryOf } from '../support/team';
import { testClock, useFixture } from '../support/test-app';

// Ten days ahead of real time: everyone (created now) existed before "last week" ended, so
// last week's check-in is theirs to give, whatever day the tests run.
const clock = testClock();
const NOW = new Date(Date.now() + 10 * 86_400_000);
clock.set(NOW.toISOString());
const today = todayUtc(NOW);
const monday = weekStartOf(today);
const lastMonday = addWeeks(monday, -1);

const smtp = useFixture(startSmtpCatcher, (s) => s.close());
const { app, cast, sql } = useRoleCast(
  () => ({ SMTP_URL: smtp.url, EMAIL_FROM: 'Leadtrack <n@example.test>' }),
  { clock: clock.now },
);
afterEach(() => smtp.clear());

interface Item {
  type: string;
  user: { id: string; name: string };
  entry?: { id: string; title: string; occurredOn: string };
  weekStart?: string;
  missingKinds?: string[];
  streak?: number;
  since: string;
}

async function agendaOf(who: Caller): Promise<{ items: Item[]; counts: Record<string, number> }> {
  const res = await call(app, 'GET', '/api/v1/me/agenda', { token: who });
  expect(res.status, res.text).toBe(200);
  // Oldest first, and every type counted (zeros included) as often as it is listed.
  const sinces = res.body.items.map((i: Item) => i.since);
  expect(sinces).toEqual([...sinces].sort());
  expect(Object.keys(res.body.counts).sort()).toEqual([...AGENDA_TYPES].sort());
  for (const type of AGENDA_TYPES) {
    expect(res.body.items.filter((i: Item) => i.type === type).length).toBeLessThanOrEqual(
      res.body.counts[type],
    );
  }
  return res.body;
}

const itemsOf = async (who: Caller, type: string) =>
  (await agendaOf(who)).items.filter((i) => i.type === type);

const logEntry = async (who: TestUser, title: string, occurredOn: string, kinds = ['review']) =>
  (await logEntryOf(app, who, { kinds, title, occurredOn })).id;

async function notificationsOf(who: TestUser, type: string) {
  const res = await call(app, 'GET', '/api/v1/notifications', { token: who.token });
  expect(res.status, res.text).toBe(200);
  return (res.body.items as { type: string; subject: string; link: string }[]).filter(
    (n) => n.type === type,
  );
}

const mailed = () => notificationsMailed(sql);

async function unacknowledged(manager: TestUser, reportId: string): Promise<number | undefined> {
  const res = await call(app, 'GET', '/api/v1/reports', { token: manager.token });
  expect(res.status, res.text).toBe(200);
  return res.body.items.find((r: { user: { id: string } }) => r.user.id === reportId)
    ?.unacknowledged;
}

describe('GET /me/agenda: access', () => {
  it('everyone signed in reads their own agenda; no token or a deactivated account 401', async () => {
    await expectAccess(
      cast,
      (token) => call(app, 'GET', '/api/v1/me/agenda', { token }),
      signedIn(200),
    );
  });

  it("a stranger's and a sponsor's agenda hold nothing of the engineer's", async () => {
    for (const who of [cast.stranger, cast.sponsor]) {
      const { items } = await agendaOf(who);
      expect(items.filter((i) => i.user.id === cast.engineer.id)).toEqual([]);
    }
  });
});

describe('acknowledge', () => {
  it("lists a report's entries of the last 8 weeks without the manager's acknowledgement, until acknowledged", async () => {
    const recent = await logEntry(cast.engineer, 'Reviewed the billing RFC', today);
    const old = await logEntry(cast.engineer, 'Reviewed long ago', addWeeks(monday, -8));
    const before = await itemsOf(cast.manager, 'acknowledge');
    const item = before.find((i) => i.entry?.id === recent);
    expect(item).toEqual({
      type: 'acknowledge',
      user: { id: cast.engineer.id, name: 'Engineer' },
      entry: { id: recent, title: 'Reviewed the billing RFC', occurredOn: today },
      since: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });
    expect(before.some((i) => i.entry?.id === old)).toBe(false);
    const counts = (await agendaOf(cast.manager)).counts;
    expect(counts.acknowledge).toBe(before.length);
    // GET /reports counts the same entries for that report.
    const waiting = before.filter((i) => i.user.id === cast.engineer.id).length;
    expect(await unacknowledged(cast.manager, cast.engineer.id)).toBe(waiting);
    // Nobody else is asked to acknowledge them.
    expect(await itemsOf(cast.engineer, 'acknowledge')).toEqual([]);
    expect(await itemsOf(cast.admin, 'acknowledge')).toEqual([]);

    const ack = await call(app, 'POST', `/api/v1/evidence/${recent}/acknowledgements`, {
      token: cast.manager.token,
    });
    expect(ack.status, ack.text).toBe(201);
    const after = await itemsOf(cast.manager, 'acknowledge');
    expect(after.some((i) => i.entry?.id === recent)).toBe(false);
    expect((await agendaOf(cast.manager)).counts.acknowledge).toBe(before.length - 1);
    expect(await unacknowledged(cast.manager, cast.engineer.id)).toBe(waiting - 1);
    // Changing what the entry says leaves an acknowledgement of an earlier version: it waits again.
    const edit = await call(app, 'PATCH', `/api/v1/evidence/${recent}`, {
      token: cast.engineer.token,
      body: { title: 'Reviewed the billing RFC twice' },
    });
    expect(edit.status, edit.text).toBe(200);
    expect(
      (await itemsOf(cast.manager, 'acknowledge')).find((i) => i.entry?.id === recent)?.entry,
    ).toMatchObject({ title: 'Reviewed the billing RFC twice' });
    expect(await unacknowledged(cast.manager, cast.engineer.id)).toBe(waiting);
    const again = await call(app, 'POST', `/api/v1/evidence/${recent}/acknowledgements`, {
      token: cast.manager.token,
    });
    expect(again.status, again.text).toBeLessThan(300);
    expect(await unacknowledged(cast.manager, cast.engineer.id)).toBe(waiting - 1);
    // An acknowledgement by someone else (an admin) does not take it off the manager's list.
    const other = await logEntry(cast.engineer, 'Unblocked the deploy', today, ['unblocking']);
    await call(app, 'POST', `/api/v1/evidence/${other}/acknowledgements`, {
      token: cast.admin.token,
    });
    expect((await itemsOf(cast.manager, 'acknowledge')).some((i) => i.entry?.id === other)).toBe(
      true,
    );
  });

  it('a deleted entry leaves the list', async () => {
    const id = await logEntry(cast.peer, 'Drafted a note', today, ['communication']);
    expect((await itemsOf(cast.manager, 'acknowledge')).some((i) => i.entry?.id === id)).toBe(true);
    const gone = await call(app, 'DELETE', `/api/v1/evidence/${id}`, { token: cast.peer.token });
    expect(gone.status, gone.text).toBe(204);
    expect((await itemsOf(cast.manager, 'acknowledge')).some((i) => i.entry?.id === id)).toBe(
      false,
    );
  });
});

describe('confirm-agreement, with agreement-changed and agreement-confirmed', () => {
  it('waits for each side until they confirm; the other side hears of each change and confirmation', async () => {
    const saved = await call(app, 'PUT', `/api/v1/users/${cast.engineer.id}/agreement`, {
      token: cast.engineer.token,
      body: { items: [{ area: 'sprint', owner: 'lead' }] },
    });
    expect(saved.status, saved.text).toBe(200);
    const forManager = await itemsOf(cast.manager, 'confirm-agreement');
    expect(forManager).toEqual([
      {
        type: 'confirm-agreement',
        user: { id: cast.engineer.id, name: 'Engineer' },
        since: expect.any(String),
      },
    ]);
    expect(await itemsOf(cast.engineer, 'confirm-agreement')).toEqual(forManager);
    const changed = await notificationsOf(cast.manager, 'agreement-changed');
    expect(changed).toEqual([
      {
        ...changed[0],
        subject: 'Engineer changed their working agreement with you: review it and confirm it.',
        link: `/team/${cast.engineer.id}/agreement`,
      },
    ]);
    await mailed();
    expect(smtp.to(cast.manager.email).map((m) => m.subject)).toContain(changed[0]?.subject);
    // Nobody is told of their own change.
    expect(await notificationsOf(cast.engineer, 'agreement-changed')).toEqual([]);

    const byManager = await call(
      app,
      'POST',
      `/api/v1/users/${cast.engineer.id}/agreement/confirm`,
      {
        token: cast.manager.token,
      },
    );
    expect(byManager.status, byManager.text).toBe(200);
    expect(await itemsOf(cast.manager, 'confirm-agreement')).toEqual([]);
    expect(await itemsOf(cast.engineer, 'confirm-agreement')).toHaveLength(1);
    const confirmed = await notificationsOf(cast.engineer, 'agreement-confirmed');
    expect(confirmed.map((n) => [n.subject, n.link])).toEqual([
      ['Manager confirmed your working agreement.', '/agreement'],
    ]);
    await mailed();
    expect(smtp.to(cast.engineer.email).map((m) => m.subject)).toContain(
      'Manager confirmed your working agreement.',
    );
    // Confirming again tells nobody twice.
    await call(app, 'POST', `/api/v1/users/${cast.engineer.id}/agreement/confirm`, {
      token: cast.manager.token,
    });
    expect(await notificationsOf(cast.engineer, 'agreement-confirmed')).toHaveLength(1);

    const byLead = await call(app, 'POST', '/api/v1/users/me/agreement/confirm', {
      token: cast.engineer.token,
    });
    expect(byLead.status, byLead.text).toBe(200);
    expect(await itemsOf(cast.engineer, 'confirm-agreement')).toEqual([]);
    expect(
      (await notificationsOf(cast.manager, 'agreement-confirmed')).map((n) => n.subject),
    ).toEqual(['Engineer confirmed their working agreement with you.']);

    // The manager's change: the engineer hears of it, and both must confirm again.
    const edit = await call(app, 'PUT', `/api/v1/users/${cast.engineer.id}/agreement`, {
      token: cast.manager.token,
      body: { items: [{ area: 'sprint', owner: 'shared' }] },
    });
    expect(edit.status, edit.text).toBe(200);
    expect(
      (await notificationsOf(cast.engineer, 'agreement-changed')).map((n) => n.subject),
    ).toEqual(['Manager changed your working agreement: review it and confirm it.']);
    expect(await itemsOf(cast.engineer, 'confirm-agreement')).toHaveLength(1);
    expect(await itemsOf(cast.manager, 'confirm-agreement')).toHaveLength(1);
  });
});

describe('reflection, with reflection-shared', () => {
  const answers = allAnswered(4);

  it('a shared reflection waits for the manager until they read it; a private one never does', async () => {
    const privately = await call(app, 'PUT', `/api/v1/reflections/${monday}`, {
      token: cast.peer.token,
      body: { answers, shared: false },
    });
    expect(privately.status, privately.text).toBe(200);
    expect(await itemsOf(cast.manager, 'reflection')).toEqual([]);
    expect(await notificationsOf(cast.manager, 'reflection-shared')).toEqual([]);

    const shared = await call(app, 'PUT', `/api/v1/reflections/${monday}`, {
      token: cast.engineer.token,
      body: { answers, note: 'More design, less firefighting', shared: true },
    });
    expect(shared.status, shared.text).toBe(200);
    expect(await itemsOf(cast.manager, 'reflection')).toEqual([
      {
        type: 'reflection',
        user: { id: cast.engineer.id, name: 'Engineer' },
        weekStart: monday,
        since: expect.any(String),
      },
    ]);
    const told = await notificationsOf(cast.manager, 'reflection-shared');
    expect(told).toHaveLength(1);
    expect(told[0]?.subject).toMatch(
      /^Engineer shared their fit reflection for the week of .+ with you\.$/,
    );
    expect(told[0]?.link).toBe(`/team/${cast.engineer.id}#reflections`);
    await mailed();
    expect(smtp.to(cast.manager.email).map((m) => m.subject)).toContain(told[0]?.subject);
    // Saving it again while shared tells nobody twice.
    await call(app, 'PUT', `/api/v1/reflections/${monday}`, {
      token: cast.engineer.token,
      body: { answers, note: 'More design', shared: true },
    });
    expect(await notificationsOf(cast.manager, 'reflection-shared')).toHaveLength(1);
    // Nobody else reads it as waiting: not the admin, not a sponsor.
    expect(await itemsOf(cast.admin, 'reflection')).toEqual([]);
    expect(await itemsOf(cast.sponsor, 'reflection')).toEqual([]);

    const read = await call(app, 'GET', `/api/v1/users/${cast.engineer.id}/reflections`, {
      token: cast.manager.token,
    });
    expect(read.status, read.text).toBe(200);
    expect(read.body.items[0]).toMatchObject({ note: 'More design', shared: true });
    expect(await itemsOf(cast.manager, 'reflection')).toEqual([]);
    // The engineer reading their own does not count as the manager's reading.
    await call(app, 'PUT', `/api/v1/reflections/${monday}`, {
      token: cast.engineer.token,
      body: { answers, shared: false },
    });
    await call(app, 'PUT', `/api/v1/reflections/${monday}`, {
      token: cast.engineer.token,
      body: { answers, shared: true },
    });
    await call(app, 'GET', '/api/v1/users/me/reflections', { token: cast.engineer.token });
    expect(await itemsOf(cast.manager, 'reflection')).toHaveLength(1);
    // Shared more than two weeks ago: no longer waiting.
    await sql.query(
      `UPDATE reflections SET shared_at = $2::timestamptz - interval '15 days' WHERE user_id = $1`,
      [cast.engineer.id, NOW.toISOString()],
    );
    expect(await itemsOf(cast.manager, 'reflection')).toEqual([]);
  });
});

describe('missing-checkin and checkin', () => {
  it("lists each report without last week's check-in, and the engineer's own, until it is given", async () => {
    const missing = await itemsOf(cast.manager, 'missing-checkin');
    expect(missing.map((i) => i.user.name).sort()).toEqual(['Engineer', 'Peer']);
    expect(missing.every((i) => i.weekStart === lastMonday)).toBe(true);
    const own = await itemsOf(cast.engineer, 'checkin');
    expect(own).toEqual([
      {
        type: 'checkin',
        user: { id: cast.engineer.id, name: 'Engineer' },
        weekStart: lastMonday,
        since: `${monday}T00:00:00.000Z`,
      },
    ]);
    // A manager who logs nothing is not asked for check-ins of their own.
    expect(await itemsOf(cast.manager, 'checkin')).toEqual([]);

    const given = await call(app, 'PUT', `/api/v1/checkins/${lastMonday}`, {
      token: cast.engineer.token,
      body: { handsOnPercent: 40, deepWorkBlocks: 3, onLeave: false },
    });
    expect(given.status, given.text).toBe(200);
    expect(await itemsOf(cast.engineer, 'checkin')).toEqual([]);
    expect((await itemsOf(cast.manager, 'missing-checkin')).map((i) => i.user.name)).toEqual([
      'Peer',
    ]);
    // A leave week counts as given.
    await call(app, 'PUT', `/api/v1/checkins/${lastMonday}`, {
      token: cast.peer.token,
      body: { handsOnPercent: 0, deepWorkBlocks: 0, onLeave: true },
    });
    expect(await itemsOf(cast.manager, 'missing-checkin')).toEqual([]);
  });
});

describe('log', () => {
  it("lists the engineer's week in progress while it is pending, with the missing behaviours", async () => {
    const [item] = await itemsOf(cast.engineer, 'log');
    const timeline = await call(app, 'GET', '/api/v1/users/me/readiness', {
      token: cast.engineer.token,
    });
    const week = timeline.body.weeks.at(-1);
    expect(week).toMatchObject({ weekStart: monday, pending: true });
    expect(item).toEqual({
      type: 'log',
      user: { id: cast.engineer.id, name: 'Engineer' },
      weekStart: monday,
      missingKinds: week.missingKinds,
      since: `${monday}T00:00:00.000Z`,
    });
    expect(week.missingKinds.length).toBeGreaterThan(0);
    const kinds = [...DEFAULT_POLICY.requiredKinds];
    for (let i = 0; i < kinds.length; i += 3) {
      await logEntry(
        cast.engineer,
        `Covered behaviours ${i + 1}-${i + 3}`,
        today,
        kinds.slice(i, i + 3),
      );
    }
    expect(await itemsOf(cast.engineer, 'log')).toEqual([]);
    // Managers and admins who log nothing are not asked to.
    expect(await itemsOf(cast.manager, 'log')).toEqual([]);
    expect(await itemsOf(cast.admin, 'log')).toEqual([]);
  });
});

describe('endorse', () => {
  it('lists a pending endorsement request to the caller until they answer it', async () => {
    expect(await itemsOf(cast.endorser, 'endorse')).toEqual([
      {
        type: 'endorse',
        user: { id: cast.engineer.id, name: 'Engineer' },
        entry: { id: cast.entryId, title: 'Queue RFC', occurredOn: '2026-11-02' },
        since: expect.any(String),
      },
    ]);
    expect(await itemsOf(cast.stranger, 'endorse')).toEqual([]);
    const done = await call(app, 'POST', `/api/v1/endorsement-requests/${cast.requestId}/endorse`, {
      token: cast.endorser.token,
      body: {},
    });
    expect(done.status, done.text).toBe(201);
    expect(await itemsOf(cast.endorser, 'endorse')).toEqual([]);
  });
});

describe('at-risk', () => {
  it('lists a report whose week in progress is pending with a streak to lose, until it is consistent', async () => {
    await setPolicy(app, cast.admin, {
      requiredKinds: ['mentoring'],
      windowWeeks: 1,
      thresholdWeeks: 10,
    });
    try {
      // Last week the peer was on leave (above): the streak carries over it.
      await logEntry(cast.peer, 'Paired with the new hire', addWeeks(monday, -3), ['mentoring']);
      await logEntry(cast.peer, 'Mentoring session', addWeeks(monday, -2), ['mentoring']);
      expect(await itemsOf(cast.manager, 'at-risk')).toEqual([
        {
          type: 'at-risk',
          user: { id: cast.peer.id, name: 'Peer' },
          weekStart: monday,
          streak: 2,
          since: `${monday}T00:00:00.000Z`,
        },
      ]);
      expect((await agendaOf(cast.manager)).counts['at-risk']).toBe(1);
      await logEntry(cast.peer, 'Mentoring this week', today, ['mentoring']);
      expect(await itemsOf(cast.manager, 'at-risk')).toEqual([]);
    } finally {
      await call(app, 'PUT', '/api/v1/policy', { token: cast.admin.token, body: DEFAULT_POLICY });
    }
  });
});

describe('sponsor-granted', () => {
  it('tells the colleague made a sponsor, in-app and by mail', async () => {
    const grant = await call(app, 'POST', '/api/v1/me/sponsors', {
      token: cast.peer.token,
      body: { userId: cast.stranger.id },
    });
    expect(grant.status, grant.text).toBe(201);
    const told = await notificationsOf(cast.stranger, 'sponsor-granted');
    expect(told.map((n) => [n.subject, n.link])).toEqual([
      [
        'Peer made you their sponsor: you can read their timeline, evidence, role profile and packet.',
        `/people/${cast.peer.id}`,
      ],
    ]);
    await mailed();
    expect(smtp.to(cast.stranger.email).map((m) => m.subject)).toEqual([told[0]?.subject]);
    // Turned off by the same preference as every notification's mail.
    const off = await call(app, 'PUT', '/api/v1/me/preferences', {
      token: cast.sponsor.token,
      body: { emailNotifications: false },
    });
    expect(off.status, off.text).toBe(200);
    await call(app, 'POST', '/api/v1/me/sponsors', {
      token: cast.peer.token,
      body: { userId: cast.sponsor.id },
    });
    // The engineer made them a sponsor before (the cast), the peer now: two notifications.
    expect(await notificationsOf(cast.sponsor, 'sponsor-granted')).toHaveLength(2);
    await mailed();
    expect(smtp.to(cast.sponsor.email)).toEqual([]);
  });
});

describe('deactivated people', () => {
  it('leave the team, the agenda and the org totals; their manager and admins still read them', async () => {
    const team = await makeTeam(app);
    await logEntry(team.peer, 'Left behind', today);
    await call(app, 'PUT', `/api/v1/reflections/${monday}`, {
      token: team.peer.token,
      body: {
        answers: allAnswered(3),
        shared: true,
      },
    });
    const off = await call(app, 'POST', `/api/v1/users/${team.peer.id}/deactivate`, {
      token: team.admin.token,
    });
    expect(off.status, off.text).toBe(200);

    const reports = await call(app, 'GET', '/api/v1/reports', { token: team.manager.token });
    expect(reports.body.items.map((r: { user: { name: string } }) => r.user.name)).toEqual([
      'Engineer',
    ]);
    const { items, counts } = await agendaOf(team.manager);
    expect(items.filter((i) => i.user.id === team.peer.id)).toEqual([]);
    expect([counts.acknowledge, counts.reflection]).toEqual([0, 0]);
    const org = await call(app, 'GET', '/api/v1/org', { token: team.manager.token });
    expect(org.status, org.text).toBe(200);
    expect(
      org.body.groups.flatMap((g: { reports: { user: { id: string } }[] }) =>
        g.reports.map((r) => r.user.id),
      ),
    ).toEqual([team.engineer.id]);
    expect(Object.values(org.body.totals).reduce((a, b) => (a as number) + (b as number), 0)).toBe(
      1,
    );

    // Still readable by their manager and admins, saying deactivated; nobody else.
    for (const reader of [team.manager, team.admin]) {
      const record = await call(app, 'GET', `/api/v1/users/${team.peer.id}`, {
        token: reader.token,
      });
      expect(record.status, record.text).toBe(200);
      expect(record.body.deactivatedAt).toEqual(expect.any(String));
      const timeline = await call(app, 'GET', `/api/v1/users/${team.peer.id}/readiness`, {
        token: reader.token,
      });
      expect(timeline.status, timeline.text).toBe(200);
    }
    const stranger = await call(app, 'GET', `/api/v1/users/${team.peer.id}`, {
      token: team.stranger.token,
    });
    expect(stranger.status).toBe(404);
    const self = await call(app, 'GET', `/api/v1/users/${team.peer.id}`, {
      token: team.peer.token,
    });
    expect(self.status).toBe(401);

    // A manager whose reports have all left may be deactivated; one with an active report not.
    const refused = await call(app, 'POST', `/api/v1/users/${team.manager.id}/deactivate`, {
      token: team.admin.token,
    });
    expect(refused.status, refused.text).toBe(409);
    expect(refused.body.detail).toBe(
      'Manager still manages Engineer: give them another manager first.',
    );
    await call(app, 'POST', `/api/v1/users/${team.engineer.id}/deactivate`, {
      token: team.admin.token,
    });
    const gone = await call(app, 'POST', `/api/v1/users/${team.manager.id}/deactivate`, {
      token: team.admin.token,
    });
    expect(gone.status, gone.text).toBe(200);
  });

  it("the org view's totals count engineers, not the managers and admins above them", async () => {
    const org = await call(app, 'GET', '/api/v1/org', { token: cast.admin.token });
    expect(org.status, org.text).toBe(200);
    const people = org.body.groups.flatMap(
      (g: { reports: { user: { role: string } }[] }) => g.reports,
    );
    const engineers = people.filter((r: { user: { role: string } }) => r.user.role === 'engineer');
    expect(people.length).toBeGreaterThan(engineers.length);
    const total = Object.values(org.body.totals as Record<string, number>).reduce(
      (a, b) => a + b,
      0,
    );
    expect(total).toBe(engineers.length);
  });
});

describe('cost', () => {
  it('the same statements for a manager of 2 and of 12, whatever they logged', async () => {
    const managerOf = async (size: number) => {
      const boss = await registerUser(app, { name: `Boss of ${size}` });
      for (let n = 0; n < size; n++) {
        const report = await registerUser(app, { name: `Member ${n}` });
        await setManager(app, report, boss.id);
        for (let w = 0; w < 3; w++) await logEntry(report, `Entry ${w}`, addWeeks(monday, -w));
      }
      return (await call(app, 'GET', '/api/v1/me', { token: boss.token })).body;
    };
    const counted = () => {
      const ops: string[] = [];
      const db: Database = {
        ...app.db,
        query: (text, values) => {
          ops.push('query');
          return app.db.query(text, values);
        },
      };
      return { db, ops };
    };
    const small = await managerOf(2);
    const large = await managerOf(12);
    const forSmall = counted();
    const smallAgenda = await readAgenda(forSmall.db, small, clock.now());
    const forLarge = counted();
    const largeAgenda = await readAgenda(forLarge.db, large, clock.now());
    expect(smallAgenda.counts.acknowledge).toBe(6);
    expect(largeAgenda.counts.acknowledge).toBe(36);
    expect(forLarge.ops).toEqual(forSmall.ops);
    // The caller, the reports, the items' statement and the reports' weeks: no read per report.
    expect(forLarge.ops.length).toBeLessThanOrEqual(6);
  });
});
