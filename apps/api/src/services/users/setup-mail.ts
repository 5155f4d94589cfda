// The setup link mailed to a person an admin added without a password (when mail is set
// up). A message about their own account, so it carries no unsubscribe link.
import { html } from '../mail/html';
import type { Mailer } from '../mail/mailer';

/** Mails the link; false when mail is off or the SMTP server refused it (the admin passes it on). */
export async function mailSetupLink(
  mailer: Mailer,
  person: { email: string; name: string },
  link: { url: string; expiresAt: string },
  log: { error(obj: object, msg: string): void },
): Promise<boolean> {
  if (!mailer.enabled) return false;
  const until = new Date(link.expiresAt).toUTCString().replace(/ GMT$/, ' UTC');
  const subject = 'Your Leadtrack account: choose your password';
  try {
    await mailer.deliver({
      to: person.email,
      subject,
      text: `Hello ${person.name},\n\nAn account on Leadtrack was made for you. Choose your password here (the link works once, until ${until}):\n\n${link.url}\n`,
      html: html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${subject}</title></head>
<body style="font-family: system-ui, sans-serif; line-height: 1.5; color: #1f2328; max-width: 40rem">
<p>Hello ${person.name},</p>
<p>An account on Leadtrack was made for you. <a href="${link.url}">Choose your password</a> (the link works once, until ${until}).</p>
</body></html>`.value,
    });
    return true;
  } catch (error) {
    log.error({ err: error }, 'could not mail a setup link');
    return false;
  }
}
