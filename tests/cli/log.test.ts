// `leadtrack log`: the real binary against a real API. Date phrases land on the person's
// calendar (their time zone), tags become kinds, and a retried request never makes two entries.
import { writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { expectCliFailure, expectFieldErrors } from '../support/cli';
import { call } from '../support/http';
import { useLoggedInCli } from './logged-in';

// Each test starts the command several times: a process each, slow on a busy machine.
vi.setConfig({ testTimeout: 90_000 });

// A zone whose calendar date differs from UTC's right now, so that every date below shows
// the CLI (and the API, which judges "after today" by the same zone) uses the person's:
// UTC-11 in UTC's morning, UTC+14 from 10:00 UTC on.
const ZONE = new Date().getUTCHours() < 10 ? 'Pacific/Pago_Pago' : 'Pacific/Kiritimati';

const { app, sql, home, person: ada } = useLoggedInCli('Ada', { timeZone: ZONE });

/** The date in `zone` `days` from today, computed apart from the CLI's own code. */
function dayIn(zone: string, days = 0): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date());
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The most recent day before today (in `zone`) that falls on `weekday` (0 Sunday … 6). */
function lastWeekday(zone: string, weekday: number): string {
  for (let back = 1; back <= 7; back++) {
    const day = dayIn(zone, -back);
    if (new Date(`${day}T00:00:00Z`).getUTCDay() === weekday) return day;
  }
  throw new Error('unreachable');
}

async function entriesOf(userId: string): Promise<number> {
  const { rows } = await sql.query('SELECT count(*)::int AS n FROM evidence WHERE user_id = $1', [
    userId,
  ]);
  return rows[0].n;
}

async function entry(id: string) {
  const res = await call(app, 'GET', `/api/v1/evidence/${id}`, { token: ada });
  expect(res.status, res.text).toBe(200);
  return res.body;
}

/** The id the human output ends with: `Logged for … [id]`. */
function loggedId(stdout: string): string {
  const match = /^Logged for \d{4}-\d{2}-\d{2} \(.+\): .+ {2}\[([^\]]+)\]\n$/.exec(stdout);
  expect(match, stdout).not.toBeNull();
  return match?.[1] ?? '';
}

describe('leadtrack log', () => {
  it("the example: yesterday in the person's time zone, two kinds, the title without tags", async () => {
    expect(dayIn(ZONE, -1), 'the zone must make a difference').not.toBe(
      new Date(Date.now() - 86_400_000).toISOString().slice(0, 10),
    );
    const done = await home.run(['log', 'yesterday: reviewed the queue design @review @mentoring']);
    expect(done.code, done.stderr).toBe(0);
    expect(done.stderr).toBe('');
    const stored = await entry(loggedId(done.stdout));
    expect(stored).toMatchObject({
      userId: ada.id,
      occurredOn: dayIn(ZONE, -1),
      kinds: ['review', 'mentoring'],
      title: 'reviewed the queue design',
      description: null,
      links: [],
      audience: null,
      source: 'manual',
    });
    expect(done.stdout).toBe(
      `Logged for ${dayIn(ZONE, -1)} (review, mentoring): reviewed the queue design  [${stored.id}]\n`,
    );
  });

  it.each([
    ['monday', 1, ['@own'], ['ownership']],
    ['fri', 5, ['@rfc', '@comms'], ['proposal', 'communication']],
    ['last sunday', 0, ['@mentor'], ['mentoring']],
  ])(
    '"%s:" is the most recent such day before today; tags %j are kinds %j',
    async (phrase, weekday, tags, kinds) => {
      const done = await home.run(['log', `${phrase}: shipped the thing ${tags.join(' ')}`]);
      expect(done.code, done.stderr).toBe(0);
      const stored = await entry(loggedId(done.stdout));
      expect(stored.occurredOn).toBe(lastWeekday(ZONE, weekday));
      expect(stored.kinds).toEqual(kinds);
      expect(stored.title).toBe('shipped the thing');
    },
  );

  it('an ISO date, words without quotes, links, audience, description, --json', async () => {
    const done = await home.run([
      'log',
      // Unquoted: each word its own argument, as a shell passes them.
      ...'2026-03-02: explained the migration plan to product @communication'.split(' '),
      '--link',
      'https://docs.example/plan',
      '--link',
      'https://git.example/pr/7',
      '--audience',
      'stakeholders',
      '--description',
      'Trade-offs of **two** rollouts.',
      '--json',
    ]);
    expect(done.code, done.stderr).toBe(0);
    const printed = JSON.parse(done.stdout);
    expect(printed).toEqual(await entry(printed.id));
    expect(printed).toMatchObject({
      occurredOn: '2026-03-02',
      kinds: ['communication'],
      title: 'explained the migration plan to product',
      description: 'Trade-offs of **two** rollouts.',
      links: ['https://docs.example/plan', 'https://git.example/pr/7'],
      audience: 'stakeholders',
    });
  });

  it('--on dates the entry; no phrase means today', async () => {
    const on = await home.run(['log', 'wrote the runbook @own', '--on', 'yesterday', '--json']);
    expect(on.code, on.stderr).toBe(0);
    expect(JSON.parse(on.stdout).occurredOn).toBe(dayIn(ZONE, -1));
    const today = await home.run(['log', 'unblocked the release @unblock', '--json']);
    expect(today.code, today.stderr).toBe(0);
    expect(JSON.parse(today.stdout)).toMatchObject({
      occurredOn: dayIn(ZONE),
      kinds: ['unblocking'],
    });
  });

  it('-e opens $EDITOR: first line title and tags, the rest the description; guide lines dropped', async () => {
    const editor = join(home.home, 'fake-editor.mjs');
    await writeFile(
      editor,
      `import { readFileSync, writeFileSync } from 'node:fs';
const file = process.argv[2];
const given = readFileSync(file, 'utf8');
if (!given.startsWith('paired with Sam') || !given.includes('# The first line is the title')) process.exit(3);
writeFileSync(file, given.replace('paired with Sam', 'yesterday: paired with Sam on flaky tests @mentor\\n## What we did\\n- bisected the seed'));
`,
    );
    const done = await home.run(['log', '-e', 'paired with Sam', '--json'], {
      env: { EDITOR: `${process.execPath} ${editor}` },
    });
    expect(done.code, done.stderr).toBe(0);
    expect(JSON.parse(done.stdout)).toMatchObject({
      occurredOn: dayIn(ZONE, -1),
      kinds: ['mentoring'],
      title: 'paired with Sam on flaky tests',
      description: '## What we did\n- bisected the seed',
    });

    const before = await entriesOf(ada.id);
    expectCliFailure(
      await home.run(['log', '-e'], { env: { EDITOR: 'true' } }),
      2,
      /^leadtrack: Nothing logged: the entry was empty\.$/,
    );
    expectCliFailure(
      await home.run(['log', '-e', 'x @review'], { env: { EDITOR: 'false' } }),
      2,
      /^leadtrack: The editor \(false\) failed with exit code 1: nothing logged\.$/,
    );
    expect(await entriesOf(ada.id)).toBe(before);
  });

  it('refuses bad input before sending it (exit 2): unknown tags, no kind, no text, bad dates', async () => {
    const before = await entriesOf(ada.id);
    expectCliFailure(
      await home.run(['log', 'x @reviewing']),
      2,
      /^leadtrack: Unknown tag @reviewing: use @ownership \(@own, @owner\), @review/,
    );
    expectCliFailure(
      await home.run(['log', 'did things']),
      2,
      /^leadtrack: Tag at least one kind:/,
    );
    expectCliFailure(await home.run(['log']), 2, /^leadtrack: Say what you did:/);
    expectCliFailure(
      await home.run(['log', 'tomorrow: x @review']),
      2,
      /^leadtrack: Evidence is logged once it happened/,
    );
    expectCliFailure(await home.run(['log', '2026-02-30: x @review']), 2, /is not a calendar date/);
    expectCliFailure(await home.run(['log', `${dayIn(ZONE, 2)}: x @review`]), 2, /is after today/);
    expectCliFailure(
      await home.run(['log', 'x @review', '--audience', 'world']),
      2,
      /Allowed choices are team, org, stakeholders/,
    );
    expect(await entriesOf(ada.id)).toBe(before);
  });

  it("prints the API's field errors one per line (exit 1), and stores nothing", async () => {
    const before = await entriesOf(ada.id);
    const two = await home.run([
      'log',
      'yesterday: x @review',
      '--link',
      'ftp://a',
      '--link',
      'no',
    ]);
    expectFieldErrors(two, [
      'Link 1 must be an http or https URL.',
      'Link 2 must be an http or https URL.',
    ]);
    const one = await home.run(['log', 'yesterday: x @review @own @rfc @mentor']);
    expectCliFailure(one, 1, /^leadtrack: Choose between 1 and 3 behaviours\.$/);
    expect(one.stderr.split('\n')).toHaveLength(2);
    const json = await home.run(['log', 'yesterday: x @review', '--link', 'ftp://a', '--json']);
    expect(json.code).toBe(1);
    expect(json.stdout).toBe('');
    expect(JSON.parse(json.stderr)).toEqual({
      error: {
        exitCode: 1,
        status: 400,
        message: 'Link 1 must be an http or https URL.',
        errors: [{ path: 'links.0', message: 'Link 1 must be an http or https URL.' }],
      },
    });
    expect(await entriesOf(ada.id)).toBe(before);
  });

  it('--idempotency-key: the same run twice is one entry; the key with another entry is refused', async () => {
    const args = [
      'log',
      'yesterday: rolled out the cache @own',
      '--idempotency-key',
      'cache-rollout-1',
    ];
    const first = await home.run(args);
    const second = await home.run(args);
    expect(first.code, first.stderr).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    const { rows } = await sql.query(
      "SELECT count(*)::int AS n FROM evidence WHERE user_id = $1 AND title = 'rolled out the cache'",
      [ada.id],
    );
    expect(rows[0].n).toBe(1);
    expectCliFailure(
      await home.run([
        'log',
        'yesterday: rolled back the cache @own',
        '--idempotency-key',
        'cache-rollout-1',
      ]),
      1,
      /^leadtrack: .*(key|Idempotency)/i,
    );
  });
});

describe('over a network that fails', () => {
  // Between the CLI and the API: forwards every request, and lets a test decide to answer
  // something else, or to cut the connection after the API has answered.
  let proxy: Server;
  let proxyUrl = '';
  let plan: (req: IncomingMessage) => 'forward' | 'cut' | { status: number; body: unknown } = () =>
    'forward';
  const seen: { method: string; url: string; key: string | undefined }[] = [];

  beforeAll(async () => {
    proxy = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        key: req.headers['idempotency-key'] as string | undefined,
      });
      const action = plan(req);
      if (typeof action === 'object') {
        res.writeHead(action.status, { 'content-type': 'application/problem+json' });
        res.end(JSON.stringify(action.body));
        return;
      }
      const upstream = await fetch(`${ada.url}${req.url}`, {
        method: req.method,
        headers: Object.fromEntries(
          Object.entries(req.headers).filter(
            ([name]) => !['host', 'connection', 'content-length'].includes(name),
          ) as [string, string][],
        ),
        ...(chunks.length > 0 && { body: Buffer.concat(chunks) }),
      });
      const body = Buffer.from(await upstream.arrayBuffer());
      if (action === 'cut') {
        // The API did the work; the answer is lost on the way back.
        req.socket.destroy();
        return;
      }
      res.writeHead(upstream.status, {
        'content-type': upstream.headers.get('content-type') ?? 'application/json',
      });
      res.end(body);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => proxy.close(resolve)));

  it('an answer lost after the API stored the entry: retried once with the same key, one entry', async () => {
    let cut = false;
    plan = (req) => {
      if (req.method === 'POST' && !cut) {
        cut = true;
        return 'cut';
      }
      return 'forward';
    };
    seen.length = 0;
    const done = await home.run(
      ['log', 'yesterday: mentored Lin through the outage @mentor', '--json'],
      {
        env: { LEADTRACK_URL: proxyUrl },
      },
    );
    expect(done.code, done.stderr).toBe(0);
    const posts = seen.filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(2);
    expect(posts[0]?.key).toMatch(/^[0-9a-f-]{36}$/);
    expect(posts[1]?.key).toBe(posts[0]?.key);
    const { rows } = await sql.query(
      "SELECT id FROM evidence WHERE user_id = $1 AND title = 'mentored Lin through the outage'",
      [ada.id],
    );
    expect(rows).toEqual([{ id: JSON.parse(done.stdout).id }]);

    // Each invocation has its own key.
    const again = await home.run(['log', 'yesterday: mentored Lin again @mentor'], {
      env: { LEADTRACK_URL: proxyUrl },
    });
    expect(again.code, again.stderr).toBe(0);
    const keys = seen.filter((r) => r.method === 'POST').map((r) => r.key);
    expect(new Set(keys).size).toBe(2);
  });

  it('a connection cut twice: exit 3, and a rerun with the same key still makes one entry', async () => {
    plan = (req) => (req.method === 'POST' ? 'cut' : 'forward');
    const args = [
      'log',
      'yesterday: reviewed the schema change @review',
      '--idempotency-key',
      'schema-review',
    ];
    const lost = await home.run(args, { env: { LEADTRACK_URL: proxyUrl } });
    expectCliFailure(lost, 3, new RegExp(`^leadtrack: Cannot reach ${proxyUrl}/api/v1 \\(`));
    plan = () => 'forward';
    const rerun = await home.run(args, { env: { LEADTRACK_URL: proxyUrl } });
    expect(rerun.code, rerun.stderr).toBe(0);
    const { rows } = await sql.query(
      "SELECT count(*)::int AS n FROM evidence WHERE user_id = $1 AND title = 'reviewed the schema change'",
      [ada.id],
    );
    expect(rows[0].n).toBe(1);
  });

  it('an API without its database (503): exit 3 with its words', async () => {
    plan = () => ({
      status: 503,
      body: {
        type: 'about:blank',
        title: 'Service Unavailable',
        status: 503,
        detail: 'The database is unreachable.',
      },
    });
    const down = await home.run(['log', 'x @review'], { env: { LEADTRACK_URL: proxyUrl } });
    expectCliFailure(
      down,
      3,
      new RegExp(
        `^leadtrack: ${proxyUrl}/api/v1 is unavailable \\(503\\): The database is unreachable\\. Try again shortly\\.$`,
      ),
    );
  });
});
