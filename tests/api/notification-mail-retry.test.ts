// A notification's mail survives a bad day: refused by the mail server, it is tried again by
// a later sweep (the hourly notification-mail job here) until it is sent, three tries at
// most and within a day; one left `sending` by a process that stopped is taken over. Over a
// real SMTP server started in this process.
import { afterEach, describe, expect, it } from 'vitest';
import { call, makeTeam, type TestUser } from '../support/http';
import { startSmtpCatcher } from '../support/smtp-catcher';
import { useFixture, useTestApp } from '../support/test-app';

const smtp = useFixture(startSmtpCatcher, (s) => s.close());
const { app, sql } = useTestApp(() => ({ SMTP_URL: smtp.url }));

afterEach(() => {
  smtp.refuse(false);
  smtp.clear();
});

async function writeFeedback(manager: TestUser, engineer: TestUser) {
  const res = await call(app, 'POST', `/api/v1/users/${engineer.id}/feedback`, {
    token: manager.token,
    body: { body: 'Clear write-up.' },
  });
  expect(res.status, res.text).toBe(201);
}

interface MailState {
  status: string | null;
  attempts: number;
}

async function mailStateOf(user: TestUser): Promise<MailState> {
  const { rows } = await sql.query<MailState>(
    `SELECT mail_status AS status, mail_attempts AS attempts FROM notifications WHERE user_id = $1`,
    [user.id],
  );
  expect(rows).toHaveLength(1);
  return rows[0] as MailState;
}

/** Waits for the write's own sweep to leave the notification in `status`. */
async function until(user: TestUser, status: string): Promise<MailState> {
  for (let i = 0; i < 100; i++) {
    const state = await mailStateOf(user);
    if (state.status === status) return state;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the notification never became ${status}`);
}

/** Makes the last try look `minutes` old, as if that much time had passed. */
const age = (user: TestUser, minutes: number, created = minutes) =>
  sql.query(
    `UPDATE notifications SET mail_claimed_at = now() - make_interval(mins => $2),
            created_at = now() - make_interval(mins => $3)
      WHERE user_id = $1`,
    [user.id, minutes, created],
  );

async function runSweep(admin: TestUser) {
  const res = await call(app, 'POST', '/api/v1/admin/jobs/notification-mail/run', {
    token: admin.token,
    body: {},
  });
  expect(res.status, res.text).toBe(200);
  return res.body as { done: number; failed: number };
}

describe('a notification whose mail was refused', () => {
  it('is tried again by a later sweep, ten minutes on, and sent once', async () => {
    const team = await makeTeam(app);
    smtp.refuse(true);
    await writeFeedback(team.manager, team.engineer);
    expect(await until(team.engineer, 'failed')).toEqual({ status: 'failed', attempts: 1 });
    smtp.refuse(false);

    // Too soon: the sweep leaves it.
    expect(await runSweep(team.admin)).toEqual({ done: 0, failed: 0 });
    expect(smtp.to(team.engineer.email)).toEqual([]);

    await age(team.engineer, 11);
    expect(await runSweep(team.admin)).toEqual({ done: 1, failed: 0 });
    expect(await mailStateOf(team.engineer)).toEqual({ status: 'sent', attempts: 2 });
    expect(smtp.to(team.engineer.email).map((m) => m.subject)).toEqual([
      'Manager wrote you feedback.',
    ]);

    // Sent is sent: nothing more, however often the sweep runs.
    await age(team.engineer, 60);
    expect(await runSweep(team.admin)).toEqual({ done: 0, failed: 0 });
    expect(smtp.to(team.engineer.email)).toHaveLength(1);
  });

  it('stops after three tries, and does not mail news older than a day', async () => {
    const team = await makeTeam(app);
    smtp.refuse(true);
    await writeFeedback(team.manager, team.engineer);
    await until(team.engineer, 'failed');
    for (const attempt of [2, 3]) {
      await age(team.engineer, 11);
      expect(await runSweep(team.admin)).toEqual({ done: 0, failed: 1 });
      expect(await mailStateOf(team.engineer)).toEqual({ status: 'failed', attempts: attempt });
    }
    smtp.refuse(false);
    await age(team.engineer, 11);
    expect(await runSweep(team.admin)).toEqual({ done: 0, failed: 0 });
    expect(smtp.to(team.engineer.email)).toEqual([]);

    const late = await makeTeam(app);
    smtp.refuse(true);
    await writeFeedback(late.manager, late.engineer);
    await until(late.engineer, 'failed');
    smtp.refuse(false);
    await age(late.engineer, 11, 25 * 60);
    expect(await runSweep(late.admin)).toEqual({ done: 0, failed: 0 });
    expect(await mailStateOf(late.engineer)).toEqual({ status: 'failed', attempts: 1 });
  });
});

describe('a notification left sending by a process that stopped', () => {
  it('is taken over after ten minutes and sent', async () => {
    const team = await makeTeam(app);
    await writeFeedback(team.manager, team.engineer);
    await until(team.engineer, 'sent');
    smtp.clear();
    // As a process killed between claiming and sending leaves it.
    await sql.query(
      `UPDATE notifications SET mail_status = 'sending', mail_claimed_at = now() WHERE user_id = $1`,
      [team.engineer.id],
    );
    expect(await runSweep(team.admin)).toEqual({ done: 0, failed: 0 });
    await age(team.engineer, 11);
    expect(await runSweep(team.admin)).toEqual({ done: 1, failed: 0 });
    expect(await mailStateOf(team.engineer)).toEqual({ status: 'sent', attempts: 2 });
    expect(smtp.to(team.engineer.email)).toHaveLength(1);
  });
});
