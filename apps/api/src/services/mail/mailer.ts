// The instance's mailer: one nodemailer SMTP transport made from SMTP_URL, or none. Without
// SMTP_URL nothing is mailed (the app logs that once at start, plugins/app/mailer.ts), and
// every sender asks `enabled` first.
import nodemailer, { type Mail } from 'nodemailer';
import type { Env } from '../../env';

export interface Mailer {
  /** False without SMTP_URL: nothing is mailed. */
  readonly enabled: boolean;
  /** EMAIL_FROM. */
  readonly from: string;
  /** PUBLIC_URL without a trailing slash: the dashboard every link points to. */
  readonly publicUrl: string;
  /** Hands one message to the SMTP server; rejects when it is refused or unreachable. */
  deliver(message: Mail.Options): Promise<void>;
  close(): void;
}

// Short timeouts: a job waits for each message, and an unreachable server must not hold
// a claimed delivery for long (it is released and retried on the next run).
const TIMEOUT_MS = 15_000;

export function createMailer(config: Pick<Env, 'SMTP_URL' | 'EMAIL_FROM' | 'PUBLIC_URL'>): Mailer {
  const transport = config.SMTP_URL
    ? nodemailer.createTransport({
        url: config.SMTP_URL,
        connectionTimeout: TIMEOUT_MS,
        greetingTimeout: TIMEOUT_MS,
        socketTimeout: TIMEOUT_MS,
      })
    : undefined;
  return {
    enabled: transport !== undefined,
    from: config.EMAIL_FROM,
    publicUrl: config.PUBLIC_URL,
    async deliver(message) {
      if (!transport) throw new Error('No SMTP_URL: mail is off.');
      await transport.sendMail({ from: config.EMAIL_FROM, ...message });
    },
    close() {
      transport?.close();
    },
  };
}
