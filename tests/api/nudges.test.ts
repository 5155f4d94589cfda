// Nudges over a real SMTP server (smtp-server in this process): preferences, the weekly
// reminder, the Monday digest, the one-click unsubscribe, and running jobs by hand, once
// per person and week whatever runs them.
import {
  addDays,
  DEFAULT_POLICY,
  KIND_INFO,
  SIGNAL_MANAGER_MESSAGES,
  todayUtc,
  weekStartOf,
} from '@leadtrack/core';
import { openDatabase } from '@leadtrack/db';
import { afterAll, describe, expect, it } from 'vitest';
import {
  call,
  expectProblem,
  makeTeam,
  patchUser,
  registerUser,
  setManager,
  setOwnTimeZone,
  setPolicy,
  type TestUser,
  uniqueEmail,
} from '../support/http';
import { type SmtpCatcher, startSmtpCatcher } from '../support/smtp-catcher';
import { buildTestApp, useFixture, useTestApp } from '../support/test-app';

const DIGEST_SUBJECT = /^Your team's week in Leadtrack: /;
const PUBLIC_URL = 'https://leadtrack.example.test';
const smtp = useFixture(startSmtpCatcher, (s) => s.close());
const handle = useTestApp(() => ({
  SMTP_URL: smtp.url,
  EMAIL_FROM: 'Leadtrack <nudges@example.test>',
  PUBLIC_URL,
}));
const { app } = handle;
const team = useFixture(() => makeTeam(app));

// Weeks relative to today's, so the file passes on any day: this week (the real one, where
// entries can be logged) and the weeks after it, whose Fridays the jobs are given as clocks.
const thisMonday = weekStartOf(todayUtc());
const mondayIn = (weeks: number) => addDays(thisMonday, 7 * weeks);
const fridayAt = (weeks: number, time: string) => `${addDays(mondayIn(weeks), 4)}T${time}Z`;

const runJob = (name: string, asOf: string | undefined, token: string | undefined) =>
  call(app, 'POST', `/api/v1/admin/jobs/${name}/run`, {
    token,
    body: asOf ? { asOf } : {},
  });

async function runOk(name: string, asOf: string) {
  const res = await runJob(name, asOf, team.admin.token);
  expect(res.status, res.text).toBe(200);
  return res.body as { done: number; failed: number };
}

async function log(user: TestUser, kinds: string[], occurredOn = todayUtc(), title = 'An entry') {
  const res = await call(app, 'POST', '/api/v1/evidence', {
    token: user.token,
    body: { kinds, title, occurredOn },
  });
  expect(res.status, res.text).toBe(201);
  return res.body.id as string;
}

async function checkin(user: TestUser, onLeave = false, weekStart = thisMonday) {
  const res = await call(app, 'PUT', `/api/v1/checkins/${weekStart}`, {
    token: user.token,
    body: { handsOnPercent: 50, deepWorkBlocks: 3, onLeave },
  });
  expect(res.status, res.text).toBe(200);
}

async function setPreferences(user: TestUser, body: Record<string, unknown>) {
  const res = await call(app, 'PUT', '/api/v1/me/preferences', { token: user.token, body });
  expect(res.status, res.text).toBe(200);
  return res.body;
}

async function engineer(name: string, timeZone?: string): Promise<TestUser> {
  const user = await registerUser(app, { name, email: uniqueEmail('nudged') });
  if (timeZone) await setOwnTimeZone(app, user, timeZone);
  return user;
}

const tokenOf = (mail: { text: string }) => {
  const match = /\/unsubscribe\?token=([^\s"&]+)/.exec(mail.text);
  expect(match, mail.text).not.toBeNull();
  return decodeURIComponent(match?.[1] ?? '');
};

/** Reminded on Thursdays at 09:00 (set in the first tests). */
let thursdayPerson: TestUser;

describe('GET and PUT /me/preferences', () => {
  it('starts with every message on and the reminder on Friday at 15:00', async () => {
    const res = await call(app, 'GET', '/api/v1/me/preferences', { token: team.peer.token });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({
      weeklyReminder: true,
      managerDigest: true,
      emailNotifications: true,
      reminderDay: 'friday',
      reminderHour: 15,
    });
  });

  it('changes what is sent, keeping the fields left out', async () => {
    const user = await engineer('Prefs');
    thursdayPerson = user;
    expect(await setPreferences(user, { reminderDay: 'thursday', reminderHour: 9 })).toEqual({
      weeklyReminder: true,
      managerDigest: true,
      emailNotifications: true,
      reminderDay: 'thursday',
      reminderHour: 9,
    });
    await setPreferences(user, { emailNotifications: false });
    const read = await call(app, 'GET', '/api/v1/me/preferences', { token: user.token });
    expect(read.body).toMatchObject({
      emailNotifications: false,
      reminderDay: 'thursday',
      reminderHour: 9,
    });
  });

  it('refuses bad values, naming every field at once', async () => {
    const res = await call(app, 'PUT', '/api/v1/me/preferences', {
      token: team.peer.token,
      body: { reminderDay: 'someday', reminderHour: 24, weeklyReminder: 'yes', colour: 'red' },
    });
    expectProblem(res, 400, ['colour', 'reminderDay', 'reminderHour', 'weeklyReminder']);
  });

  it('needs a signed-in, active account', async () => {
    expect((await call(app, 'GET', '/api/v1/me/preferences')).status).toBe(401);
    expect((await call(app, 'PUT', '/api/v1/me/preferences', { body: {} })).status).toBe(401);
    const gone = await engineer('Gone');
    const off = await call(app, 'POST', `/api/v1/users/${gone.id}/deactivate`, {
      token: team.admin.token,
    });
    expect(off.status, off.text).toBe(200);
    expect((await call(app, 'GET', '/api/v1/me/preferences', { token: gone.token })).status).toBe(
      401,
    );
  });
});

describe('POST /admin/jobs/:name/run', () => {
  it('is for admins only: 403 for managers and engineers, 401 without a token or deactivated', async () => {
    for (const user of [team.manager, team.engineer]) {
      expectProblem(await runJob('weekly-reminders', undefined, user.token), 403);
    }
    expectProblem(await runJob('weekly-reminders', undefined, undefined), 401);
    const admin2 = await engineer('Second admin');
    const promote = await patchUser(app, team.admin, admin2.id, { role: 'admin' });
    expect(promote.status, promote.text).toBe(200);
    expect((await runJob('manager-digest', `${mondayIn(-1)}T00:00:00Z`, admin2.token)).status).toBe(
      200,
    );
    const off = await call(app, 'POST', `/api/v1/users/${admin2.id}/deactivate`, {
      token: team.admin.token,
    });
    expect(off.status, off.text).toBe(200);
    expectProblem(await runJob('manager-digest', undefined, admin2.token), 401);
  });

  it('answers 404 for an unknown job and 400 for a clock that is not an instant', async () => {
    expectProblem(await runJob('no-such-job', undefined, team.admin.token), 404);
    expectProblem(await runJob('weekly-reminders', 'next friday', team.admin.token), 400, ['asOf']);
    expectProblem(await runJob('weekly-reminders', '2026-11-27', team.admin.token), 400, ['asOf']);
  });

  it('runs with no body at all, as of now', async () => {
    const res = await call(app, 'POST', '/api/v1/admin/jobs/calendar-sync/run', {
      token: team.admin.token,
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({ done: 0, failed: 0 });
  });
});

describe('the weekly reminder', () => {
  let done: { done: number; failed: number };
  let ada: TestUser;
  let complete: TestUser;
  let onLeave: TestUser;
  let switchedOff: TestUser;
  let deactivated: TestUser;

  it('goes to nobody before the hour', async () => {
    ada = await engineer('Ada <b>Lovelace</b> & Co');
    complete = await engineer('Complete');
    onLeave = await engineer('On leave');
    switchedOff = await engineer('Switched off');
    deactivated = await engineer('Deactivated');
    await log(ada, ['review']);
    // Every required behaviour in the window and a check-in: nothing to remind of.
    await log(complete, ['ownership', 'review', 'proposal']);
    await log(complete, ['mentoring', 'communication']);
    await checkin(complete);
    await checkin(onLeave, true);
    await setPreferences(switchedOff, { weeklyReminder: false });
    const off = await call(app, 'POST', `/api/v1/users/${deactivated.id}/deactivate`, {
      token: team.admin.token,
    });
    expect(off.status, off.text).toBe(200);
    smtp.clear();
    // Only the person reminded on Thursdays has had their hour.
    expect(await runOk('weekly-reminders', fridayAt(0, '14:59:59'))).toEqual({
      done: 1,
      failed: 0,
    });
    expect(smtp.messages.flatMap((m) => m.to)).toEqual([thursdayPerson.email]);
    smtp.clear();
  });

  it('goes at Friday 15:00 to each engineer whose week is incomplete, and to nobody else', async () => {
    done = await runOk('weekly-reminders', fridayAt(0, '15:00:00'));
    const recipients = smtp.messages.flatMap((m) => m.to).sort();
    const engineers = [team.engineer, team.peer, team.stranger, ada].map((u) => u.email).sort();
    expect(recipients).toEqual(expect.arrayContaining(engineers));
    for (const absent of [complete, onLeave, switchedOff, deactivated, team.manager, team.admin]) {
      expect(smtp.to(absent.email), absent.name).toEqual([]);
    }
    expect(new Set(recipients).size).toBe(recipients.length);
    expect(done).toEqual({ done: recipients.length, failed: 0 });
  });

  it('says what is missing, links to the form and the check-in, with a one-click unsubscribe', async () => {
    const [mail] = smtp.to(ada.email);
    if (!mail) throw new Error('no reminder for Ada');
    expect(mail.headers.from).toBe('Leadtrack <nudges@example.test>');
    expect(mail.subject).toBe(
      'Your week in Leadtrack: 4 behaviours and your check-in still to log',
    );
    expect(mail.text).toContain('Hi Ada <b>Lovelace</b> & Co,');
    for (const kind of ['ownership', 'proposal', 'mentoring', 'communication'] as const) {
      expect(mail.text).toContain(`- ${KIND_INFO[kind].label}: ${KIND_INFO[kind].hint}`);
    }
    expect(mail.text).not.toContain(KIND_INFO.review.label);
    expect(mail.text).toContain(`Log an entry: ${PUBLIC_URL}/evidence/new`);
    expect(mail.text).toContain(
      `No check-in for this week yet: ${PUBLIC_URL}/checkin?week=${thisMonday}`,
    );
    // The HTML body escapes the name; links are real anchors.
    expect(mail.html).toContain('Hi Ada &lt;b&gt;Lovelace&lt;/b&gt; &amp; Co,');
    expect(mail.html).not.toContain('<b>Lovelace');
    expect(mail.html).toContain(`<a href="${PUBLIC_URL}/evidence/new">`);
    expect(mail.html).toContain(`<a href="${PUBLIC_URL}/checkin?week=${thisMonday}">`);
    const token = encodeURIComponent(tokenOf(mail));
    expect(mail.headers['list-unsubscribe']).toBe(
      `<${PUBLIC_URL}/unsubscribe/one-click?token=${token}>`,
    );
    expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(mail.html).toContain(`${PUBLIC_URL}/unsubscribe?token=${token}`);
  });

  it('names only the check-in once the behaviours are there', async () => {
    const [mail] = smtp.to(complete.email);
    expect(mail).toBeUndefined();
    const late = await engineer('Late');
    await log(late, ['ownership', 'review', 'proposal']);
    await log(late, ['mentoring', 'communication']);
    smtp.clear();
    expect(await runOk('weekly-reminders', fridayAt(0, '16:00:00'))).toEqual({
      done: 1,
      failed: 0,
    });
    const [sent] = smtp.to(late.email);
    expect(sent?.subject).toBe('Your week in Leadtrack: your check-in still to log');
    expect(sent?.text).not.toContain('Log an entry');
  });

  it('is not sent twice in a week: a rerun sends nothing', async () => {
    smtp.clear();
    expect(await runOk('weekly-reminders', fridayAt(0, '15:00:00'))).toEqual({
      done: 0,
      failed: 0,
    });
    expect(await runOk('weekly-reminders', fridayAt(0, '23:00:00'))).toEqual({
      done: 0,
      failed: 0,
    });
    expect(smtp.messages).toEqual([]);
  });

  it('is sent once from two API processes running the job at the same moment', async () => {
    const second = await buildTestApp(
      await openDatabase({ url: handle.databaseUrl, maxConnections: 5 }),
      {
        DATABASE_URL: handle.databaseUrl,
        SMTP_URL: smtp.url,
        PUBLIC_URL,
      },
    );
    try {
      smtp.clear();
      const asOf = fridayAt(1, '15:00:00');
      const [a, b] = await Promise.all(
        [app, second, app, second].map((instance) =>
          call(instance, 'POST', '/api/v1/admin/jobs/weekly-reminders/run', {
            token: team.admin.token,
            body: { asOf },
          }),
        ),
      );
      const recipients = smtp.messages.flatMap((m) => m.to);
      expect(recipients.length).toBeGreaterThan(3);
      expect(new Set(recipients).size).toBe(recipients.length);
      expect((a?.body.done ?? 0) + (b?.body.done ?? 0)).toBeLessThanOrEqual(recipients.length);
      expect(smtp.to(ada.email)).toHaveLength(1);
    } finally {
      await second.close();
    }
  });

  it('stops after the unsubscribe link, and the link needs no sign-in', async () => {
    const [mail] = smtp.to(ada.email);
    if (!mail) throw new Error('no reminder for Ada');
    const token = tokenOf(mail);
    const res = await call(app, 'GET', '/api/v1/unsubscribe', { query: { token } });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({
      kind: 'weekly-reminder',
      preferences: { weeklyReminder: false, managerDigest: true, emailNotifications: true },
    });
    const prefs = await call(app, 'GET', '/api/v1/me/preferences', { token: ada.token });
    expect(prefs.body.weeklyReminder).toBe(false);
    smtp.clear();
    await runOk('weekly-reminders', fridayAt(2, '15:00:00'));
    expect(smtp.to(ada.email)).toEqual([]);
    expect(smtp.to(team.peer.email)).toHaveLength(1);
  });

  it('accepts the RFC 8058 one-click POST, and refuses a forged or altered token naming it', async () => {
    const [mail] = smtp.to(team.peer.email);
    if (!mail) throw new Error('no reminder for the peer');
    const token = tokenOf(mail);
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/unsubscribe?token=${encodeURIComponent(token)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(JSON.parse(res.body).preferences.weeklyReminder).toBe(false);
    const [payload, signature] = token.split('.');
    const forged = `${Buffer.from(`${team.engineer.id}:weekly-reminder`).toString('base64url')}.${signature}`;
    for (const bad of [forged, `${payload}.x${signature}`, 'nonsense']) {
      expectProblem(await call(app, 'GET', '/api/v1/unsubscribe', { query: { token: bad } }), 400, [
        'token',
      ]);
    }
    expectProblem(await call(app, 'GET', '/api/v1/unsubscribe'), 400, ['token']);
    const engineerPrefs = await call(app, 'GET', '/api/v1/me/preferences', {
      token: team.engineer.token,
    });
    expect(engineerPrefs.body.weeklyReminder).toBe(true);
  });

  it('loses nothing when the mail server refuses: the next run sends it', async () => {
    smtp.clear();
    smtp.refuse(true);
    const failed = await runOk('weekly-reminders', fridayAt(3, '15:00:00'));
    expect(failed.done).toBe(0);
    expect(failed.failed).toBeGreaterThan(0);
    smtp.refuse(false);
    const retried = await runOk('weekly-reminders', fridayAt(3, '15:30:00'));
    expect(retried).toEqual({ done: failed.failed, failed: 0 });
    expect(smtp.to(team.engineer.email)).toHaveLength(1);
  });

  it('goes at 15:00 local time to people in different time zones', async () => {
    const auckland = await engineer('Auckland', 'Pacific/Auckland');
    const newYork = await engineer('New York', 'America/New_York');
    const week = 4;
    const zones = async (asOf: string, people = [auckland, newYork]) => {
      smtp.clear();
      await runOk('weekly-reminders', asOf);
      return people.filter((u) => smtp.to(u.email).length > 0).map((u) => u.name);
    };
    // Friday 15:00 in Auckland (UTC+13 in summer) is 02:00 UTC; in New York (UTC-5), 20:00.
    expect(await zones(fridayAt(week, '01:59:00'))).toEqual([]);
    expect(await zones(fridayAt(week, '02:00:00'))).toEqual(['Auckland']);
    expect(await zones(fridayAt(week, '19:59:00'))).toEqual([]);
    expect(await zones(fridayAt(week, '20:00:00'))).toEqual(['New York']);
    // A chosen day and hour: Monday 08:00 in Auckland is Sunday 19:00 UTC.
    await setPreferences(auckland, { reminderDay: 'monday', reminderHour: 8 });
    const sunday = addDays(mondayIn(week + 1), 6);
    expect(await zones(`${sunday}T18:59:00Z`, [auckland])).toEqual([]);
    expect(await zones(`${sunday}T19:00:00Z`, [auckland])).toEqual(['Auckland']);
  });
});

describe('the Monday digest', () => {
  let digestOf: (asOf: string) => Promise<ReturnType<SmtpCatcher['to']>>;
  let quiet: TestUser;
  let ready: TestUser;
  let atRisk: TestUser;

  afterAll(async () => {
    await call(app, 'PUT', '/api/v1/policy', {
      token: team.admin.token,
      body: { ...DEFAULT_POLICY },
    });
  });

  it('lists waiting entries, new signals in the manager wording, who became ready or is at risk, and missing check-ins', async () => {
    // A small policy so readiness can be reached in a test: two weeks of reviews.
    await setPolicy(app, team.admin, {
      requiredKinds: ['review'],
      windowWeeks: 1,
      thresholdWeeks: 2,
    });
    quiet = await engineer('Quiet');
    ready = await engineer('Ready');
    atRisk = await engineer('At risk');
    for (const report of [quiet, ready, atRisk]) {
      await setManager(app, report, team.manager.id);
    }
    // Quiet logged once, a month ago, and nothing since: stale.
    await log(quiet, ['ownership'], addDays(thisMonday, -28), 'Old entry');
    await log(ready, ['review'], addDays(thisMonday, -4), 'Reviewed the cache RFC');
    await log(ready, ['review'], todayUtc(), 'Reviewed the <queue> RFC');
    await checkin(ready);
    // At risk: last week consistent, nothing yet this week.
    await log(atRisk, ['review'], addDays(thisMonday, -3), 'Last week review');
    const acked = await log(team.engineer, ['review'], todayUtc(), 'Already acknowledged');
    const ack = await call(app, 'POST', `/api/v1/evidence/${acked}/acknowledgements`, {
      token: team.manager.token,
      body: {},
    });
    expect(ack.status, ack.text).toBe(201);

    digestOf = async (asOf: string) => {
      smtp.clear();
      await runOk('manager-digest', asOf);
      // Digests only: a notification mailed after an earlier write may arrive meanwhile.
      return smtp.to(team.manager.email).filter((m) => DIGEST_SUBJECT.test(m.subject));
    };
    expect(await digestOf(`${mondayIn(1)}T08:59:00Z`)).toEqual([]);
    const [mail] = await digestOf(`${mondayIn(1)}T09:00:00Z`);
    if (!mail) throw new Error('no digest');
    // Only managers get a digest (the engineer may be mailed the acknowledgement's notification).
    const digests = smtp.messages.filter((m) => DIGEST_SUBJECT.test(m.subject));
    expect(digests.flatMap((m) => m.to)).not.toContain(team.engineer.email);
    expect(mail.subject).toMatch(DIGEST_SUBJECT);
    const text = mail.text;
    expect(text).toContain('Waiting for your acknowledgement:');
    expect(text).toContain('Reviewed the <queue> RFC');
    expect(text).not.toContain('Already acknowledged');
    expect(text).toContain(`New signals:\n`);
    expect(text).toContain(
      `- Quiet: ${SIGNAL_MANAGER_MESSAGES.stale} (${PUBLIC_URL}/team/${quiet.id})`,
    );
    expect(text).toMatch(/Became ready for the title:\n(- .*\n)*- Ready \(/);
    expect(text).toMatch(
      /At risk:\n(- .*\n)*- At risk: the week of .* is not yet consistent, a streak of 1 week to lose/,
    );
    const missing = text.slice(text.indexOf('No check-in for the week of'));
    expect(missing).toContain('- Quiet (');
    expect(missing).not.toContain('- Ready (');
    expect(mail.html).toContain('Reviewed the &lt;queue&gt; RFC');
    expect(mail.headers['list-unsubscribe']).toMatch(/one-click\?token=/);
    // Once a week.
    expect(await digestOf(`${mondayIn(1)}T15:00:00Z`)).toEqual([]);
  });

  it('lists only what is new since the previous digest', async () => {
    const [mail] = await digestOf(`${mondayIn(2)}T09:00:00Z`);
    if (!mail) throw new Error('no second digest');
    expect(mail.text).not.toContain(SIGNAL_MANAGER_MESSAGES.stale);
    expect(mail.text).not.toContain('Became ready');
    expect(mail.text).toContain('No check-in for the week of');
  });

  it('is sent at 09:00 in the manager’s zone, and not to a manager who switched it off', async () => {
    const res = await call(app, 'PATCH', '/api/v1/me', {
      token: team.manager.token,
      body: { timeZone: 'Asia/Tokyo' },
    });
    expect(res.status, res.text).toBe(200);
    // Monday 09:00 in Tokyo (UTC+9) is Monday 00:00 UTC.
    expect(await digestOf(`${addDays(mondayIn(3), -1)}T23:59:00Z`)).toEqual([]);
    expect(await digestOf(`${mondayIn(3)}T00:00:00Z`)).toHaveLength(1);
    await setPreferences(team.manager, { managerDigest: false });
    expect(await digestOf(`${mondayIn(4)}T09:00:00Z`)).toEqual([]);
  });
});
