// Safe by default: with OUTBOUND_ALLOW unset, the server refuses to read a calendar feed or
// call a GitHub Enterprise on a private or local address (the stand-ins here listen on
// loopback, as an internal service or a cloud metadata endpoint would), says so naming the
// field, connects nothing and stores nothing. Every other test file allows 127.0.0.1 for its
// stand-ins (tests/support/test-app.ts).
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GithubStandIn, startGithubStandIn } from '../support/github-stand-in';
import { call, expectProblem, registerUser } from '../support/http';
import { useTestApp } from '../support/test-app';

const { app, sql } = useTestApp({ OUTBOUND_ALLOW: '' });

let github: GithubStandIn;
let calendar: Server;
let calendarUrl: string;
let calendarReads = 0;

beforeAll(async () => {
  github = await startGithubStandIn();
  github.addUser('ghp_inside', 'octo-inside');
  calendar = createServer((_req, res) => {
    calendarReads += 1;
    res.writeHead(200, { 'content-type': 'text/calendar' });
    res.end('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n');
  });
  calendar.listen(0, '127.0.0.1');
  await once(calendar, 'listening');
  calendarUrl = `http://127.0.0.1:${(calendar.address() as AddressInfo).port}/private/key/basic.ics`;
});

afterAll(async () => {
  await github.stop();
  await new Promise<void>((resolve) => calendar.close(() => resolve()));
});

describe('with OUTBOUND_ALLOW unset', () => {
  it('refuses a calendar feed on a loopback address, naming url, and keeps nothing', async () => {
    const user = await registerUser(app, { name: 'Cal Inside' });
    const res = await call(app, 'PUT', '/api/v1/me/integrations/calendar', {
      token: user,
      body: { url: calendarUrl },
    });
    expectProblem(res, 400, ['url']);
    expect(res.body.errors[0].message).toMatch(
      /127\.0\.0\.1 is on a private or local network, which this server does not connect to unless its operator allows it \(OUTBOUND_ALLOW\)/,
    );
    expect(calendarReads).toBe(0);
    const { rows } = await sql.query('SELECT 1 FROM calendar_feeds WHERE user_id = $1', [user.id]);
    expect(rows).toEqual([]);
  });

  it('refuses a GitHub address on loopback, naming baseUrl, and keeps nothing', async () => {
    const user = await registerUser(app, { name: 'Gil Inside' });
    const res = await call(app, 'PUT', '/api/v1/me/integrations/github', {
      token: user,
      body: { token: 'ghp_inside', baseUrl: github.baseUrl },
    });
    expectProblem(res, 400, ['baseUrl']);
    expect(res.body.errors[0].message).toMatch(
      /this address is on a private or local network, which this server does not connect to unless its operator allows it \(OUTBOUND_ALLOW\)/,
    );
    expect(github.requestsTo('/user')).toEqual([]);
    const { rows } = await sql.query('SELECT 1 FROM github_integrations WHERE user_id = $1', [
      user.id,
    ]);
    expect(rows).toEqual([]);
  });
});

describe('IPv4-compatible IPv6 addresses (::/96)', () => {
  it.each([
    ['a calendar feed', 'calendar', 'url', { url: 'https://[::127.0.0.1]/feed.ics' }],
    ['a GitHub address', 'github', 'baseUrl', { token: 'ghp_x', baseUrl: 'https://[::127.0.0.1]' }],
    ['one written in hex', 'calendar', 'url', { url: 'https://[::7f00:1]:8443/feed.ics' }],
  ])(
    'refuses %s at [::127.0.0.1] like 127.0.0.1, naming the field',
    async (_, area, field, body) => {
      const user = await registerUser(app, { name: `Compat ${area}` });
      const res = await call(app, 'PUT', `/api/v1/me/integrations/${area}`, { token: user, body });
      expectProblem(res, 400, [field]);
      expect(res.body.errors[0].message).toMatch(/private or local network/);
    },
  );
});
