// Imports are bounded (issue 17) and say what they read (issue 19): the format follows the
// file's extension; a non-empty file with nothing of its format in it is a 400 naming
// content; a calendar's recurrences are expanded inside the import window only, at most
// 10,000 occurrences per file; and the worst-shaped file of each format within the 5 MiB
// limit costs at most 5 times a plain file of the same size, timed in the same test, while
// /healthz (another request on the same process) keeps answering within 300 ms.
import type { AddressInfo } from 'node:net';
import { addDays, todayUtc, weekStartOf } from '@leadtrack/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, expectProblem, registerUser, type TestUser } from '../support/http';
import { useTestApp } from '../support/test-app';

const { app } = useTestApp();

function importBody(user: TestUser, body: Record<string, unknown>) {
  return call(app, 'POST', '/api/v1/imports', { token: user, body: { mode: 'suggest', ...body } });
}

const MD = '## 2026-06-01\n\n- Reviewed the queue design #review\n';
const CSV = 'date,title,kinds\n2026-06-01,Reviewed the queue design,review\n';
const JSON_EXPORT = JSON.stringify({
  format: 'leadtrack-export',
  version: 1,
  evidence: [{ id: 'e1', kinds: ['review'], title: 'Reviewed', occurredOn: '2026-06-01' }],
  checkins: [],
});
const lastWeek = addDays(weekStartOf(todayUtc()), -7);
const stamp = (date: string) => `${date.replaceAll('-', '')}T100000Z`;
const ICS = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'BEGIN:VEVENT',
  'UID:roadmap-1',
  `DTSTART:${stamp(lastWeek)}`,
  'SUMMARY:Roadmap review with product',
  'END:VEVENT',
  'END:VCALENDAR',
].join('\r\n');

describe('the format from the file’s extension', () => {
  it.each([
    ['brag.md', MD],
    ['Brag Document.MARKDOWN', MD],
    ['entries.csv', CSV],
    ['leadtrack-export-2026-12-01.json', JSON_EXPORT],
    ['work.ics', ICS],
  ])('reads %s without a format', { timeout: 120_000 }, async (filename, content) => {
    const user = await registerUser(app, { name: 'By Extension' });
    const res = await importBody(user, { filename, content });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ suggested: 1, errors: [] });
  });

  it('a named format wins over the extension; an unknown extension or none is a 400', async () => {
    const user = await registerUser(app, { name: 'Format Named' });
    const named = await importBody(user, { format: 'csv', filename: 'entries.txt', content: CSV });
    expect(named.body).toMatchObject({ suggested: 1 });
    const unknown = await importBody(user, { filename: 'notes.txt', content: MD });
    expectProblem(unknown, 400, ['filename']);
    expect(unknown.body.errors[0].message).toMatch(/"notes\.txt" does not say the format/);
    const none = await importBody(user, { content: MD });
    expectProblem(none, 400, ['format']);
  });
});

describe('a file from which nothing could be read', () => {
  it.each([
    ['markdown', CSV, /as Markdown: no bullet .* dated headings \(## 2026-11-02\)/],
    ['csv', MD, /as CSV: its first row has no date and no title column; .*header row/],
    ['json', MD, /as a Leadtrack export: it is not valid JSON from line \d+ on; .*Your data/],
    ['ics', CSV, /as a calendar: it cannot be read as iCalendar; .*BEGIN:VCALENDAR/],
  ])(
    'as %s is a 400 naming content, saying what the format expects',
    async (format, content, said) => {
      const user = await registerUser(app, { name: 'Nothing Read' });
      const res = await importBody(user, { format, content });
      expectProblem(res, 400, ['content']);
      expect(res.body.errors[0].message).toMatch(said);
      const inbox = await call(app, 'GET', '/api/v1/suggestions', { token: user });
      expect(inbox.body.items).toEqual([]);
    },
  );

  it('an empty file is not refused: nothing in it, nothing imported', async () => {
    const user = await registerUser(app, { name: 'Empty File' });
    const res = await importBody(user, { format: 'markdown', content: '\n  \n' });
    expect(res.body).toEqual({ suggested: 0, created: 0, skipped: 0, errors: [] });
  });
});

/** An iCalendar file of these events. */
const calendar = (events: string[]) =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', ...events, 'END:VCALENDAR'].join('\r\n');
const recurring = (uid: string, start: string, rule: string, summary: string) =>
  [
    'BEGIN:VEVENT',
    `UID:${uid}`,
    `DTSTART:${start}`,
    `RRULE:${rule}`,
    `SUMMARY:${summary}`,
    'END:VEVENT',
  ].join('\r\n');

/** A new person (`name`) imports a calendar of `events`: 200, the answer. */
async function importCalendarOf(name: string, events: string[]) {
  const user = await registerUser(app, { name });
  const res = await importBody(user, { format: 'ics', content: calendar(events) });
  expect(res.status, res.text).toBe(200);
  return res;
}

describe('recurrences', () => {
  it('a weekly 1:1 since 2000 is expanded inside the window: its 26 weeks, nothing older', async () => {
    const res = await importCalendarOf('Weekly Since 2000', [
      recurring('one-on-one', '20000103T100000Z', 'FREQ=WEEKLY;BYDAY=MO', '1:1 with Sam'),
    ]);
    expect(res.body.errors).toEqual([]);
    // 26 weeks before this week's Monday up to today: 26 or 27 Mondays.
    expect(res.body.suggested).toBeGreaterThanOrEqual(26);
    expect(res.body.suggested).toBeLessThanOrEqual(27);
  });

  it('the audit’s 200 SECONDLY events from 2000 stop at 10,000 occurrences, said in the answer', async () => {
    const user = await registerUser(app, { name: 'Secondly' });
    const content = calendar(
      Array.from({ length: 200 }, (_, n) =>
        recurring(`s${n}`, '20000101T000000Z', 'FREQ=SECONDLY', `Roadmap sync ${n} with product`),
      ),
    );
    expect(content.length).toBeLessThan(30_000);
    const started = performance.now();
    const res = await importBody(user, { format: 'ics', content });
    const took = performance.now() - started;
    expect(res.status, res.text).toBe(200);
    expect(res.body.suggested).toBe(10_000);
    expect(res.body.errors).toEqual([
      {
        line: expect.any(Number),
        message:
          'Only the first 10,000 occurrences of a file are read: this event and 199 more were cut short or skipped.',
      },
    ]);
    console.log(`200 SECONDLY events: ${Math.round(took)} ms`);
  });

  it('a rule with COUNT from 2000 steps from its start within the file’s budget', async () => {
    const res = await importCalendarOf('Counted', [
      recurring('counted', '20000101T000000Z', 'FREQ=MINUTELY;COUNT=900000000', 'Product sync'),
    ]);
    expect(res.body.suggested).toBe(0);
    expect(res.body.errors[0].message).toMatch(/this event was cut short or skipped/);
  });
});

const LIMIT = 5 * 1024 * 1024;
/** Content of about this size once in a JSON body (newlines escaped): within the limit. */
const SIZE = LIMIT - 4096;
/** A fresh 5-character id at each call, for the `$nnnn` of a repeated event. */
const counter = () => {
  let n = 0;
  return () => (n++).toString(36).padStart(5, '0');
};
/** The length of `text` inside a JSON string. */
const escaped = (text: string) => JSON.stringify(text).length - 2;

/** `unit` repeated after `head` to `size` characters as sent. */
function fill(head: string, unit: string, size = SIZE): string {
  return head + unit.repeat(Math.max(1, Math.floor((size - escaped(head)) / escaped(unit))));
}

const shapes: Record<string, { plain: string; worst: Record<string, string> }> = {
  markdown: {
    plain: fill(
      '# Brag document\n\n',
      '## 2026-06-01\n\n- Reviewed the [queue design](https://example.com/pr/1) for payments #review\n- Wrote the caching RFC #rfc #comms\n  Walked the team through the trade-offs.\n\nSome prose about the week.\n\n',
    ),
    worst: {
      'a heading of spaces': `## ${' '.repeat(SIZE - 10)}x\n`,
      'brackets and links': `## 2026-06-01\n- ${fill('', '[a](http://x')}\n`,
      'one-character bullets': fill('## 2026-06-01\n', '- x\n'),
    },
  },
  csv: {
    plain: fill(
      'date,title,kinds,description,links\n',
      '2026-06-01,Reviewed the queue design for payments,review,"Walked the team through it, twice",https://example.com/pr/1\n',
    ),
    worst: {
      'one row of empty columns': fill('date,title\n', ','),
      'an unclosed quote': fill('date,title\n2026-06-01,"', 'a'),
      'bad kinds on every row': fill('date,title,kinds\n', '2026-06-01,x,zz\n'),
    },
  },
  json: {
    plain: (() => {
      const entry = {
        id: '019a0000-0000-7000-8000-000000000000',
        kinds: ['review'],
        title: 'Reviewed the queue design for payments',
        description: 'Walked the team through the trade-offs.',
        occurredOn: '2026-06-01',
        links: ['https://example.com/pr/1'],
        source: 'manual',
      };
      const one = JSON.stringify(entry);
      const count = Math.floor((SIZE - 200) / (escaped(one) + 1));
      return JSON.stringify({
        format: 'leadtrack-export',
        version: 1,
        evidence: Array.from({ length: count }, (_, n) => ({ ...entry, id: `${n}` })),
        checkins: [],
      });
    })(),
    worst: {
      'empty objects': `{"format":"leadtrack-export","version":1,"evidence":[${fill('{}', ',{}', SIZE - 80)}],"checkins":[]}`,
      'deep nesting': `${'['.repeat(SIZE / 2 - 10)}${']'.repeat(SIZE / 2 - 10)}`,
    },
  },
  ics: {
    plain: calendar([
      fill(
        '',
        `BEGIN:VEVENT\r\nUID:plain-$nnnn\r\nDTSTART:${stamp(lastWeek)}\r\nDTEND:${stamp(lastWeek)}\r\nSUMMARY:Roadmap review with product and the support leads\r\nDESCRIPTION:Quarterly planning: what ships next and what waits.\r\nATTENDEE;CN=Sam:mailto:sam@example.com\r\nATTENDEE;CN=Kim:mailto:kim@example.com\r\nEND:VEVENT\r\n`,
        SIZE - 60,
      ),
    ]).replace(/\$nnnn/g, counter()),
    worst: {
      'secondly rules': calendar([
        fill(
          '',
          'BEGIN:VEVENT\r\nUID:s$nnnn\r\nDTSTART:20000101T000000Z\r\nRRULE:FREQ=SECONDLY\r\nSUMMARY:Product sync\r\nEND:VEVENT\r\n',
          SIZE - 60,
        ),
      ]).replace(/\$nnnn/g, counter()),
      'one long folded line': calendar([
        `BEGIN:VEVENT\r\nUID:long\r\nDTSTART:${stamp(lastWeek)}\r\nSUMMARY:${fill('', 'product \r\n ', SIZE - 200)}\r\nEND:VEVENT`,
      ]),
      'listed exception dates': calendar([
        `BEGIN:VEVENT\r\nUID:r\r\nDTSTART:20000101T000000Z\r\nRRULE:FREQ=DAILY\r\nSUMMARY:Product\r\nEXDATE:${Array.from({ length: Math.floor((SIZE - 200) / 17) }, (_, n) => stamp(addDays('2026-01-01', -(n % 9000))).replace('T100000Z', 'T000000Z')).join(',')}\r\nEND:VEVENT`,
      ]),
    },
  },
};

describe('the worst-shaped 5 MiB file of each format', () => {
  let origin: string;
  beforeAll(async () => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    app.server.close();
  });

  /** Times one import over HTTP while /healthz is asked every 50 ms; the slowest answer. */
  async function timedImport(format: string, content: string) {
    const user = await registerUser(app, { name: `Timed ${format}` });
    const body = JSON.stringify({ format, content, mode: 'suggest' });
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(LIMIT);
    let done = false;
    let slowest = 0;
    const probe = (async () => {
      while (!done) {
        const asked = performance.now();
        const res = await fetch(`${origin}/healthz`);
        await res.text();
        slowest = Math.max(slowest, performance.now() - asked);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    const started = performance.now();
    const res = await fetch(`${origin}/api/v1/imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${user.token}`, 'content-type': 'application/json' },
      body,
    });
    const text = await res.text();
    const took = performance.now() - started;
    done = true;
    await probe;
    expect(res.status, text.slice(0, 500)).toBeLessThan(500);
    return { took, slowest, status: res.status };
  }

  it.each(Object.keys(shapes))(
    '%s: at most 5x a plain file, /healthz within 300 ms meanwhile',
    async (format) => {
      const { plain, worst } = shapes[format] as (typeof shapes)[string];
      // A small file first warms the worker thread and the statements.
      const start = plain.slice(0, 2000);
      await timedImport(format, start.slice(0, start.lastIndexOf('\n') + 1));
      const base = await timedImport(format, plain);
      expect(base.status).toBe(200);
      const lines = [`${format} plain: ${Math.round(base.took)} ms`];
      for (const [shape, content] of Object.entries(worst)) {
        const run = await timedImport(format, content);
        lines.push(
          `${format} ${shape}: ${Math.round(run.took)} ms (${(run.took / base.took).toFixed(2)}x), /healthz slowest ${Math.round(run.slowest)} ms`,
        );
        expect(run.took / base.took, lines.join('\n')).toBeLessThanOrEqual(5);
        expect(run.slowest, lines.join('\n')).toBeLessThanOrEqual(300);
      }
      console.log(lines.join('\n'));
    },
    400_000,
  );
});
