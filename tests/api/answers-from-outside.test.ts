// Answers from outside are read up to a limit that stops reading (issue 17: a server
// answering GitHub's GET /user with 300 MB grew the API from 166 MB to about 1.1 GB). A
// stand-in streams 300 MB to whoever asks and counts the bytes it managed to write before
// the API hung up: fewer than 16 MiB, and the call answers a 400 naming the field.
import { once } from 'node:events';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, expectProblem, registerUser } from '../support/http';
import { useTestApp } from '../support/test-app';

const { app, sql } = useTestApp();

const MiB = 1024 * 1024;
const ENDLESS = 300 * 1000 * 1000;

/** What the stand-in wrote to one request before the connection closed. */
let sent: Promise<number>;
let server: Server;
let origin: string;

/** Streams `total` bytes of a body that starts like `head` (chunked, or with its length). */
function stream(res: ServerResponse, head: string, declareLength: boolean): Promise<number> {
  return new Promise((resolve) => {
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let written = 0;
    res.on('close', () => resolve(written));
    res.writeHead(200, {
      'content-type': head.startsWith('{') ? 'application/json' : 'text/calendar',
      ...(declareLength && { 'content-length': String(ENDLESS) }),
    });
    const more = () => {
      while (written < ENDLESS && !res.destroyed) {
        const part = written === 0 ? Buffer.from(head) : chunk;
        written += part.length;
        if (!res.write(part)) return void res.once('drain', more);
      }
      res.end();
    };
    more();
  });
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const declared = req.url?.includes('declared') ?? false;
    const head = req.url?.includes('feed') ? 'BEGIN:VCALENDAR\r\nX-PAD:' : '{"login":"';
    sent = stream(res, head, declared);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe.each([
  ['streamed', ''],
  ['with its length declared', '/declared'],
])('an endless answer, %s', (_, path) => {
  it('from GitHub (10 MiB limit): PUT /me/integrations/github answers 400 naming baseUrl', async () => {
    const user = await registerUser(app, { name: 'Big Answer' });
    const res = await call(app, 'PUT', '/api/v1/me/integrations/github', {
      token: user,
      body: { token: 'ghp_anything', baseUrl: `${origin}${path}/api/v3` },
    });
    expectProblem(res, 400, ['baseUrl']);
    expect(res.body.errors[0].message).toMatch(/more than 10 MiB/);
    const written = await sent;
    expect(written).toBeLessThan(16 * MiB);
    const { rows } = await sql.query('SELECT 1 FROM github_integrations WHERE user_id = $1', [
      user.id,
    ]);
    expect(rows).toEqual([]);
  });

  it('from a calendar feed (5 MiB limit): PUT /me/integrations/calendar answers 400 naming url', async () => {
    const user = await registerUser(app, { name: 'Big Feed' });
    const res = await call(app, 'PUT', '/api/v1/me/integrations/calendar', {
      token: user,
      body: { url: `${origin}${path}/feed.ics` },
    });
    expectProblem(res, 400, ['url']);
    expect(res.body.errors[0].message).toMatch(/more than 5 MiB/);
    const written = await sent;
    expect(written).toBeLessThan(16 * MiB);
  });
});
