// Mailing notifications: those made for someone with emailNotifications on wait as
// `pending` (notify.ts, inside the change's transaction); after each successful write
// request the app mails them (routes/v1/index.ts, once the answer is sent). The claim is
// one UPDATE … FOR UPDATE SKIP LOCKED, so two API processes sweeping at once never mail one
// twice. The recipient's state is read again at sending: deactivated since, or switched
// off since (Settings or the unsubscribe link), and it is not mailed (`off`). Without
// SMTP_URL nothing is mailed: pending ones become `off` and stay in-app.
//
// Nothing is dropped on a bad day: a message the mail server refused (`failed`) is tried
// again by a later sweep, ten minutes or more after its last try, at most three tries and
// within a day of the notification (older news stays in-app only); one left `sending` by a
// process that stopped mid-sweep is taken over after ten minutes (it may then arrive twice,
// if that process had sent it just before stopping). The hourly notification-mail job sweeps
// too, so none waits for the next write.
import type { Database } from '@leadtrack/db';
import type { FastifyBaseLogger } from 'fastify';
import { html } from '../mail/html';
import { dashboardUrl, type MailContext, sendMail } from '../mail/send-mail';

/** At most this many per sweep: the next write's sweep takes the rest. */
const SWEEP_LIMIT = 50;
/** Tries of one notification's mail, and how long a try waits before the next. */
export const MAIL_TRIES = 3;
const RETRY_AFTER = "interval '10 minutes'";
/** News older than this is not mailed late. */
const MAIL_WITHIN = "interval '1 day'";

interface Claimed {
  id: string;
  userId: string;
  email: string;
  subject: string;
  link: string;
  /** Active and still wanting notifications by email. */
  wanted: boolean;
}

const setStatus = (db: Database, ids: string[], status: string) =>
  ids.length === 0
    ? Promise.resolve([])
    : db.query('UPDATE notifications SET mail_status = $2 WHERE id = ANY($1::text[])', [
        ids,
        status,
      ]);

/**
 * Mails the notifications waiting for it (pending, or due another try); resolves with how
 * many were mailed and how many failed this time.
 */
export async function mailPendingNotifications(
  ctx: MailContext,
  log: FastifyBaseLogger,
): Promise<{ done: number; failed: number }> {
  if (!ctx.mailer.enabled) {
    await ctx.db.query(
      `UPDATE notifications SET mail_status = 'off' WHERE mail_status = 'pending'`,
    );
    return { done: 0, failed: 0 };
  }
  const claimed = await ctx.db.query<Claimed>(
    `UPDATE notifications n SET mail_status = 'sending', mail_claimed_at = now(),
            mail_attempts = n.mail_attempts + 1
       FROM users u
      WHERE n.id IN (SELECT id FROM notifications
                      WHERE mail_status = 'pending'
                         OR (mail_status IN ('failed', 'sending')
                             AND mail_attempts < ${MAIL_TRIES}
                             AND mail_claimed_at < now() - ${RETRY_AFTER}
                             AND created_at > now() - ${MAIL_WITHIN})
                      ORDER BY created_at LIMIT ${SWEEP_LIMIT} FOR UPDATE SKIP LOCKED)
        AND u.id = n.user_id
     RETURNING n.id, n.user_id AS "userId", u.email, n.subject, n.link,
       (u.deactivated_at IS NULL AND COALESCE((SELECT p.email_notifications
          FROM user_preferences p WHERE p.user_id = n.user_id), true)) AS wanted`,
  );
  const outcome: Record<'sent' | 'failed' | 'off', string[]> = { sent: [], failed: [], off: [] };
  for (const n of claimed) {
    if (!n.wanted) {
      outcome.off.push(n.id);
      continue;
    }
    const url = dashboardUrl(ctx.mailer, n.link);
    try {
      await sendMail(ctx, {
        to: n.email,
        userId: n.userId,
        kind: 'notification',
        subject: n.subject,
        text: `${n.subject}\n\nOpen it in Leadtrack: ${url}\n`,
        html: html`<p>${n.subject}</p>
<p><a href="${url}">Open it in Leadtrack</a></p>`,
      });
      outcome.sent.push(n.id);
    } catch (error) {
      // Tried again by a later sweep (see the top of this file); in-app meanwhile.
      log.error({ err: error, notificationId: n.id }, 'could not mail a notification');
      outcome.failed.push(n.id);
    }
  }
  await Promise.all(Object.entries(outcome).map(([status, ids]) => setStatus(ctx.db, ids, status)));
  return { done: outcome.sent.length, failed: outcome.failed.length };
}
