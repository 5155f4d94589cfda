// Notifications by email, over a real SMTP server in this process: one message per
// notification for someone with emailNotifications on (the default), with the dashboard
// link and the one-click unsubscribe; none when they turned it off; never twice.
import { afterEach, describe, expect, it } from 'vitest';
import { call, makeTeam, type TestUser } from '../support/http';
import { notificationsMailed, startSmtpCatcher } from '../support/smtp-catcher';
import { useFixture, useTestApp } from '../support/test-app';

const PUBLIC_URL = 'https://leadtrack.example.test';
const smtp = useFixture(startSmtpCatcher, (s) => s.close());
const { app, sql } = useTestApp(() => ({
  SMTP_URL: smtp.url,
  EMAIL_FROM: 'Leadtrack <nudges@example.test>',
  PUBLIC_URL,
}));

afterEach(() => smtp.clear());

async function writeFeedback(manager: TestUser, engineer: TestUser) {
  const res = await call(app, 'POST', `/api/v1/users/${engineer.id}/feedback`, {
    token: manager.token,
    body: { body: 'Clear write-up.' },
  });
  expect(res.status, res.text).toBe(201);
}

const settled = () => notificationsMailed(sql);

async function statusesOf(user: TestUser) {
  const { rows } = await sql.query<{ mail_status: string | null }>(
    'SELECT mail_status FROM notifications WHERE user_id = $1 ORDER BY created_at',
    [user.id],
  );
  return rows.map((r) => r.mail_status);
}

describe('notifications by email', () => {
  it('mails the notification to its recipient, with its link and the unsubscribe header', async () => {
    const team = await makeTeam(app);
    await writeFeedback(team.manager, team.engineer);
    await settled();
    const mails = smtp.to(team.engineer.email);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail?.subject).toBe('Manager wrote you feedback.');
    expect(mail?.text).toContain(`${PUBLIC_URL}/#feedback-h`);
    expect(mail?.html).toContain(`href="${PUBLIC_URL}/#feedback-h"`);
    expect(mail?.headers['list-unsubscribe']).toMatch(
      new RegExp(`^<${PUBLIC_URL}/unsubscribe/one-click\\?token=`),
    );
    expect(mail?.text).toMatch(
      /Stop notifications by email: https:\/\/leadtrack\.example\.test\/unsubscribe\?token=/,
    );
    expect(smtp.to(team.manager.email)).toEqual([]);
    expect(await statusesOf(team.engineer)).toEqual(['sent']);

    // Later writes mail only what is new: the first message is not sent again.
    const entry = await call(app, 'POST', '/api/v1/evidence', {
      token: team.engineer.token,
      body: { kinds: ['review'], title: 'Reviewed the API', occurredOn: '2026-11-03' },
    });
    expect(entry.status, entry.text).toBe(201);
    const ack = await call(app, 'POST', `/api/v1/evidence/${entry.body.id}/acknowledgements`, {
      token: team.manager.token,
    });
    expect(ack.status, ack.text).toBe(201);
    await settled();
    expect(smtp.to(team.engineer.email).map((m) => m.subject)).toEqual([
      'Manager wrote you feedback.',
      'Manager acknowledged “Reviewed the API”.',
    ]);
  });

  it('mails nothing to someone who switched notifications by email off; in-app it stays', async () => {
    const team = await makeTeam(app);
    const off = await call(app, 'PUT', '/api/v1/me/preferences', {
      token: team.engineer.token,
      body: { emailNotifications: false },
    });
    expect(off.status, off.text).toBe(200);
    await writeFeedback(team.manager, team.engineer);
    // The peer still gets theirs: the sweep ran.
    await writeFeedback(team.manager, team.peer);
    await settled();
    expect(smtp.to(team.peer.email)).toHaveLength(1);
    expect(smtp.to(team.engineer.email)).toEqual([]);
    expect(await statusesOf(team.engineer)).toEqual([null]);
    const list = await call(app, 'GET', '/api/v1/notifications', { token: team.engineer.token });
    expect(list.body.unreadCount).toBe(1);
  });

  it('a refused message stays in-app and is not tried again at once by the next write', async () => {
    // Its later tries: notification-mail-retry.test.ts.
    const team = await makeTeam(app);
    smtp.refuse(true);
    try {
      await writeFeedback(team.manager, team.engineer);
      await settled();
    } finally {
      smtp.refuse(false);
    }
    expect(await statusesOf(team.engineer)).toEqual(['failed']);
    await writeFeedback(team.manager, team.peer);
    await settled();
    expect(smtp.to(team.engineer.email)).toEqual([]);
    expect(smtp.to(team.peer.email)).toHaveLength(1);
  });
});

describe('without SMTP_URL', () => {
  const plain = useTestApp();
  it('mails nothing: the notification stays in-app', async () => {
    const team = await makeTeam(plain.app);
    const res = await call(plain.app, 'POST', `/api/v1/users/${team.engineer.id}/feedback`, {
      token: team.manager.token,
      body: { body: 'Thanks.' },
    });
    expect(res.status, res.text).toBe(201);
    for (let i = 0; i < 100; i++) {
      const { rows } = await plain.sql.query<{ mail_status: string | null }>(
        'SELECT mail_status FROM notifications WHERE user_id = $1',
        [team.engineer.id],
      );
      if (rows[0]?.mail_status === 'off') return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('the pending notification was not turned off');
  });
});
