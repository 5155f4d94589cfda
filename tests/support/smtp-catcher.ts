// A real SMTP server in the test process (smtp-server): what the API mails arrives here
// over a socket, as any mail server would receive it, and tests read the messages.
// mailparser is not installed, so messages are parsed minimally (headers, the text and
// HTML parts of nodemailer's multipart/alternative, quoted-printable or base64).
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface CaughtMail {
  /** RCPT TO addresses. */
  to: string[];
  /** Header names lower-cased, folded lines joined. */
  headers: Record<string, string>;
  subject: string;
  text: string;
  html: string;
  raw: string;
}

function splitHead(raw: string): [Record<string, string>, string] {
  const end = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, end).replace(/\r\n[ \t]+/g, ' ');
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return [headers, raw.slice(end + 4)];
}

function decodeBody(body: string, encoding = ''): string {
  if (/quoted-printable/i.test(encoding)) {
    const bytes = body
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  if (/base64/i.test(encoding)) return Buffer.from(body, 'base64').toString('utf8');
  return body;
}

/** RFC 2047 encoded words (=?UTF-8?Q?…?= / =?UTF-8?B?…?=) in a header. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([qb])\?([^?]*)\?=/gi, (_, kind: string, text: string) =>
      kind.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeBody(text.replace(/_/g, ' '), 'quoted-printable'),
    );
}

export function parseMail(raw: string, to: string[]): CaughtMail {
  const [headers, body] = splitHead(raw);
  let text = '';
  let html = '';
  const boundary = /boundary="?([^";]+)"?/.exec(headers['content-type'] ?? '')?.[1];
  const parts = boundary
    ? body
        .split(`--${boundary}`)
        .slice(1, -1)
        .map((p) => splitHead(p.replace(/^\r\n/, '')))
    : [[headers, body] as const];
  for (const [h, b] of parts) {
    const decoded = decodeBody(b.replace(/\r\n$/, ''), h['content-transfer-encoding']);
    if (/^text\/plain/i.test(h['content-type'] ?? '')) text = decoded;
    if (/^text\/html/i.test(h['content-type'] ?? '')) html = decoded;
  }
  return {
    to,
    headers,
    subject: decodeWords(headers.subject ?? ''),
    text: text.replace(/\r\n/g, '\n'),
    html,
    raw,
  };
}

export interface SmtpCatcher {
  /** smtp://user:pass@127.0.0.1:port, for SMTP_URL. */
  url: string;
  messages: CaughtMail[];
  /** Messages to one address. */
  to(address: string): CaughtMail[];
  /** Refuse every message (a 451) until called again with false. */
  refuse(on: boolean): void;
  clear(): void;
  close(): Promise<void>;
}

export async function startSmtpCatcher(): Promise<SmtpCatcher> {
  const messages: CaughtMail[] = [];
  let refusing = false;
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'leadtrack' && auth.password === 'secret') {
        callback(null, { user: auth.username });
      } else callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (refusing) {
          const error = new Error('Try again later') as Error & { responseCode: number };
          error.responseCode = 451;
          callback(error);
          return;
        }
        const to = session.envelope.rcptTo.map((r) => r.address);
        messages.push(parseMail(Buffer.concat(chunks).toString('utf8'), to));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://leadtrack:secret@127.0.0.1:${port}`,
    messages,
    to: (address) => messages.filter((m) => m.to.includes(address.toLowerCase())),
    refuse(on) {
      refusing = on;
    },
    clear() {
      messages.length = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Waits until no notification waits to be mailed on the database `sql` reads (the sweep
 * runs after each write's answer, so a test reads the catcher once this resolves).
 */
export async function notificationsMailed(sql: {
  query<R>(text: string): Promise<{ rows: R[] }>;
}): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const { rows } = await sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM notifications WHERE mail_status IN ('pending', 'sending')`,
    );
    if (rows[0]?.n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('notifications still waiting to be mailed');
}
