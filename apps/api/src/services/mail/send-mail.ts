// The one way the API mails a person: `sendMail`. It adds what every message carries, a
// signed one-click unsubscribe link for its kind (in both bodies, no sign-in needed) and
// the List-Unsubscribe / List-Unsubscribe-Post headers of RFC 8058, and wraps the HTML
// body in the common layout. Callers (the scheduled jobs, notifications) check that the
// person wants that kind of message before calling it.
import type { Database } from '@leadtrack/db';
import type { MessageKind } from '@leadtrack/schemas';
import { html, type SafeHtml } from './html';
import type { Mailer } from './mailer';
import { signUnsubscribeToken } from './unsubscribe-token';

/** What sendMail needs: the app itself (`fastify`) or a job's context. */
export interface MailContext {
  db: Database;
  mailer: Mailer;
}

export interface OutgoingMail {
  to: string;
  /** The recipient: their unsubscribe link turns `kind` off for them. */
  userId: string;
  kind: MessageKind;
  subject: string;
  /** The plain-text body, without the footer. */
  text: string;
  /** The HTML body's content, built with `html` (everything interpolated is escaped). */
  html: SafeHtml;
}

/** What turning a kind off means, in words (the footer and the unsubscribe page). */
export const KIND_DESCRIPTIONS: Record<MessageKind, string> = {
  'weekly-reminder': 'the weekly reminder to log your week',
  'manager-digest': "the Monday digest of your reports' week",
  notification: 'notifications by email',
};

/** A link to a dashboard page: PUBLIC_URL and the path. */
export function dashboardUrl(mailer: Pick<Mailer, 'publicUrl'>, path: string): string {
  return `${mailer.publicUrl}${path}`;
}

/**
 * Mails one message. Resolves false without doing anything when mail is off (no
 * SMTP_URL), true once the SMTP server accepted it; rejects when it refused it or could
 * not be reached, so a caller can release what it claimed and try again later.
 */
export async function sendMail(ctx: MailContext, mail: OutgoingMail): Promise<boolean> {
  const { mailer } = ctx;
  if (!mailer.enabled) return false;
  const token = encodeURIComponent(await signUnsubscribeToken(ctx.db, mail.userId, mail.kind));
  const unsubscribeUrl = dashboardUrl(mailer, `/unsubscribe?token=${token}`);
  // Mail clients POST `List-Unsubscribe=One-Click` here (RFC 8058): no page, no sign-in.
  const oneClickUrl = dashboardUrl(mailer, `/unsubscribe/one-click?token=${token}`);
  const stop = KIND_DESCRIPTIONS[mail.kind];
  const text = `${mail.text.trimEnd()}\n\n--\nStop ${stop}: ${unsubscribeUrl}\n`;
  const body = html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${mail.subject}</title></head>
<body style="font-family: system-ui, sans-serif; line-height: 1.5; color: #1f2328; max-width: 40rem">
${mail.html}
<hr>
<p style="font-size: 0.875em; color: #59636e"><a href="${unsubscribeUrl}">Stop ${stop}</a> (one click, no sign-in).</p>
</body></html>`;
  await mailer.deliver({
    to: mail.to,
    subject: mail.subject,
    text,
    html: body.value,
    headers: {
      'List-Unsubscribe': `<${oneClickUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  });
  return true;
}
