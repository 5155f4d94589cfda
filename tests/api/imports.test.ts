// POST /imports (Markdown, CSV, Leadtrack's JSON export, iCalendar; suggest or create) and
// GET /me/export, including the round trip of an export into an empty account.
import { describe, expect, it } from 'vitest';
import { call, expectProblem, registerUser, type TestUser } from '../support/http';
import { expectAccess, signedIn, useRoleCast } from '../support/role-cast';
import { useFixture } from '../support/test-app';

// The cast's admin is the first user of the database.
const { app, sql, cast } = useRoleCast();

type Format = 'markdown' | 'csv' | 'json' | 'ics';

function importFile(
  user: TestUser | string | undefined,
  format: Format,
  content: string,
  mode = 'suggest',
) {
  return call(app, 'POST', '/api/v1/imports', { token: user, body: { format, content, mode } });
}

async function suggestionsOf(user: TestUser) {
  const res = await call(app, 'GET', '/api/v1/suggestions', {
    token: user,
    query: { limit: 100 },
  });
  expect(res.status, res.text).toBe(200);
  return res.body.items as {
    title: string;
    occurredOn: string;
    suggestedKinds: string[];
    url: string | null;
    description: string | null;
    source: string;
  }[];
}

async function entriesOf(user: TestUser) {
  const res = await call(app, 'GET', '/api/v1/evidence', { token: user, query: { limit: 100 } });
  expect(res.status, res.text).toBe(200);
  return res.body.items;
}

const BRAG = `# Brag document

Some prose about the half, not an entry.

## 2026-11-02

- Reviewed the queue design for the payments team #review #mentor
  Walked Sam through the trade-offs.
  It took two sessions.
- Wrote the [caching RFC](https://docs.example.com/rfc-12) #rfc #comms #notakind
- An entry without a tag

### Notes
- A note under a deeper heading keeps the date #own

## Later

- An undated bullet #review
- 2026-11-04: Unblocked the release https://ci.example.com/run/7 #unblock
- 2999-01-01: From the future #review
\`\`\`
- 2026-11-05: inside a code block #review
\`\`\`
`;

describe('Markdown', () => {
  const me = useFixture(() => registerUser(app, { name: 'Markdown' }));

  it('suggests each dated bullet with its tags, links and description; errors by line', async () => {
    const res = await importFile(me, 'markdown', BRAG);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({
      suggested: 5,
      created: 0,
      skipped: 0,
      errors: [
        { line: 18, message: expect.stringMatching(/no date/) },
        { line: 20, message: expect.stringMatching(/Date must not be after today/) },
      ],
    });
    const byTitle = Object.fromEntries((await suggestionsOf(me)).map((s) => [s.title, s]));
    expect(byTitle['Reviewed the queue design for the payments team']).toMatchObject({
      occurredOn: '2026-11-02',
      suggestedKinds: ['review', 'mentoring'],
      description: 'Walked Sam through the trade-offs.\nIt took two sessions.',
      url: null,
      source: 'import',
    });
    expect(byTitle['Wrote the caching RFC #notakind']).toMatchObject({
      suggestedKinds: ['proposal', 'communication'],
      url: 'https://docs.example.com/rfc-12',
    });
    expect(byTitle['An entry without a tag']).toMatchObject({ suggestedKinds: [] });
    expect(byTitle['A note under a deeper heading keeps the date']).toMatchObject({
      occurredOn: '2026-11-02',
      suggestedKinds: ['ownership'],
    });
    expect(byTitle['Unblocked the release']).toMatchObject({
      occurredOn: '2026-11-04',
      suggestedKinds: ['unblocking'],
      url: 'https://ci.example.com/run/7',
    });

    // Never offered twice, even after dismissing one.
    const one = (await suggestionsOf(me))[0];
    await call(
      app,
      'POST',
      `/api/v1/suggestions/${(one as unknown as { id: string }).id}/dismiss`,
      {
        token: me,
      },
    );
    const again = await importFile(me, 'markdown', BRAG);
    expect(again.body).toMatchObject({ suggested: 0, created: 0, skipped: 5 });
  });

  it('creates entries in create mode, needing a behaviour per line, and never twice', async () => {
    const other = await registerUser(app, { name: 'MarkdownCreate' });
    const res = await importFile(other, 'markdown', BRAG, 'create');
    expect(res.status, res.text).toBe(200);
    expect(res.body.created).toBe(4);
    expect(res.body.suggested).toBe(0);
    expect(res.body.errors.map((e: { line: number }) => e.line)).toEqual([11, 18, 20]);
    expect(res.body.errors[0].message).toMatch(/behaviour/i);
    const entries = await entriesOf(other);
    expect(entries).toHaveLength(4);
    expect(entries.every((e: { source: string }) => e.source === 'import')).toBe(true);
    const rfc = entries.find((e: { title: string }) => e.title.startsWith('Wrote'));
    expect(rfc).toMatchObject({
      kinds: ['proposal', 'communication'],
      links: ['https://docs.example.com/rfc-12'],
      occurredOn: '2026-11-02',
    });
    const again = await importFile(other, 'markdown', BRAG, 'create');
    expect(again.body).toMatchObject({ created: 0, skipped: 4 });
    expect(await entriesOf(other)).toHaveLength(4);
    // The created ones are accepted suggestions pointing at their entries.
    const accepted = await call(app, 'GET', '/api/v1/suggestions', {
      token: other,
      query: { status: 'accepted' },
    });
    expect(accepted.body.total).toBe(4);
    expect(new Set(accepted.body.items.map((s: { evidenceId: string }) => s.evidenceId))).toEqual(
      new Set(entries.map((e: { id: string }) => e.id)),
    );
  });

  it('shortens a long line to a title and keeps the whole text as the description', async () => {
    const long = `Led the incident review. ${'It went on and on. '.repeat(20)}`.trim();
    const res = await importFile(me, 'markdown', `- 2026-10-01: ${long} #ownership`);
    expect(res.body).toMatchObject({ suggested: 1, errors: [] });
    const found = (await suggestionsOf(me)).find((s) => s.occurredOn === '2026-10-01');
    expect(found).toMatchObject({ title: 'Led the incident review.', description: long });
  });
});

describe('CSV', () => {
  const me = useFixture(() => registerUser(app, { name: 'CSV' }));

  const CSV = [
    'Date,Title,Kinds,Description,Links,Owner',
    '2026-11-02,Reviewed the queue design,review;mentor,"Two sessions,\nwith Sam",https://example.com/pr/1 https://example.com/pr/2',
    '2026-11-03,Explained the roadmap trade-off,#comms,,',
    '2026-11-03,No kinds here,,,',
    '2026-13-40,Bad date,review,,',
    '2026-11-04,Odd kind,leadership,,',
    '2026-11-05,"Broken quote,review,,',
  ].join('\n');

  it('suggests one per row, with errors by line', async () => {
    const res = await importFile(me, 'csv', CSV);
    expect(res.status, res.text).toBe(200);
    expect(res.body.suggested).toBe(3);
    expect(res.body.errors).toEqual([
      { line: 1, message: expect.stringMatching(/column "Owner".*ignored/) },
      { line: 6, message: expect.stringMatching(/Date must be a calendar date/) },
      { line: 7, message: expect.stringMatching(/"leadership" is not a behaviour/) },
      { line: 8, message: expect.stringMatching(/cannot be read/) },
    ]);
    const byTitle = Object.fromEntries((await suggestionsOf(me)).map((s) => [s.title, s]));
    expect(byTitle['Reviewed the queue design']).toMatchObject({
      occurredOn: '2026-11-02',
      suggestedKinds: ['review', 'mentoring'],
      description: 'Two sessions,\nwith Sam',
      url: 'https://example.com/pr/1',
    });
    expect(byTitle['Explained the roadmap trade-off']).toMatchObject({
      suggestedKinds: ['communication'],
      description: null,
    });
    const again = await importFile(me, 'csv', CSV);
    expect(again.body).toMatchObject({ suggested: 0, skipped: 3 });
  });

  it('creates entries with every link, and names a missing column', async () => {
    const other = await registerUser(app, { name: 'CsvCreate' });
    const res = await importFile(other, 'csv', CSV, 'create');
    expect(res.body.created).toBe(2);
    const entries = await entriesOf(other);
    expect(
      entries.find((e: { title: string }) => e.title === 'Reviewed the queue design').links,
    ).toEqual(['https://example.com/pr/1', 'https://example.com/pr/2']);
    // Nothing of a CSV import's shape: a 400 naming content, saying what is missing.
    const noDate = await importFile(other, 'csv', 'title,kinds\nSomething,review\n');
    expectProblem(noDate, 400, ['content']);
    expect(noDate.body.errors[0].message).toMatch(
      /^Content: nothing could be read from this file as CSV: its first row has no date column; a CSV file starts with a header row naming at least the date and title columns/,
    );
  });
});

describe('JSON export', () => {
  it('exports the account and imports it into an empty account: the same entries and check-ins', async () => {
    const source = await registerUser(app, { name: 'Exporter' });
    const made = await call(app, 'POST', '/api/v1/evidence/batch', {
      token: source,
      body: {
        items: [
          {
            kinds: ['proposal', 'communication'],
            title: 'Queue RFC',
            description: 'Decided **async** retries.',
            occurredOn: '2026-10-06',
            links: ['https://docs.example.com/rfc', 'https://example.com/notes'],
            audience: 'org',
          },
          { kinds: ['review'], title: 'Reviewed the cache', occurredOn: '2026-10-08' },
          {
            kinds: ['mentoring'],
            title: 'Paired with Sam',
            occurredOn: '2026-11-02',
            audience: null,
          },
        ],
      },
    });
    expect(made.status, made.text).toBe(201);
    const deleted = await call(app, 'POST', '/api/v1/evidence', {
      token: source,
      body: { kinds: ['review'], title: 'Deleted one', occurredOn: '2026-10-01' },
    });
    await call(app, 'DELETE', `/api/v1/evidence/${deleted.body.id}`, { token: source });
    for (const [week, body] of [
      ['2026-10-05', { handsOnPercent: 55, deepWorkBlocks: 4, onLeave: false, note: 'Good week' }],
      ['2026-10-12', { handsOnPercent: 0, deepWorkBlocks: 0, onLeave: true }],
    ] as const) {
      const put = await call(app, 'PUT', `/api/v1/checkins/${week}`, { token: source, body });
      expect(put.status, put.text).toBe(200);
    }

    const exported = await call(app, 'GET', '/api/v1/me/export', { token: source });
    expect(exported.status, exported.text).toBe(200);
    expect(exported.headers['content-disposition']).toMatch(
      /attachment; filename="leadtrack-export-/,
    );
    expect(exported.body).toMatchObject({
      format: 'leadtrack-export',
      version: 1,
      user: { id: source.id, email: source.email, timeZone: 'UTC' },
      feedback: [],
      reflections: [],
      agreement: expect.objectContaining({ userId: source.id }),
    });
    expect(exported.body.evidence.map((e: { title: string }) => e.title)).toEqual([
      'Queue RFC',
      'Reviewed the cache',
      'Paired with Sam',
    ]);
    expect(exported.body.checkins).toHaveLength(2);

    const target = await registerUser(app, { name: 'Importer' });
    const file = JSON.stringify(exported.body, null, 2);
    const res = await importFile(target, 'json', file, 'create');
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({ suggested: 0, created: 5, skipped: 0, errors: [] });

    const back = await call(app, 'GET', '/api/v1/me/export', { token: target });
    const FIELDS = ['kinds', 'title', 'description', 'occurredOn', 'links', 'audience', 'source'];
    const pick = (entry: Record<string, unknown>) =>
      Object.fromEntries(FIELDS.map((field) => [field, entry[field]]));
    expect(back.body.evidence.map(pick)).toEqual(exported.body.evidence.map(pick));
    const checkin = ({
      weekStart,
      handsOnPercent,
      deepWorkBlocks,
      onLeave,
      note,
    }: Record<string, unknown>) => ({
      weekStart,
      handsOnPercent,
      deepWorkBlocks,
      onLeave,
      note,
    });
    expect(back.body.checkins.map(checkin)).toEqual(exported.body.checkins.map(checkin));
    expect(back.body.checkins.every((c: { userId: string }) => c.userId === target.id)).toBe(true);

    // Importing it again changes nothing.
    const again = await importFile(target, 'json', file, 'create');
    expect(again.body).toEqual({ suggested: 0, created: 0, skipped: 5, errors: [] });
    expect((await entriesOf(target)).length).toBe(3);
  });

  it('names the line of each bad item, and refuses what is not an export', async () => {
    const me = await registerUser(app, { name: 'JsonErrors' });
    const file = `{
  "format": "leadtrack-export",
  "version": 1,
  "evidence": [
    { "id": "a", "kinds": ["review"], "title": "Good", "occurredOn": "2026-11-02" },
    {
      "id": "b",
      "kinds": ["bragging"],
      "title": "Bad kind",
      "occurredOn": "2026-11-02"
    },
    "not an entry"
  ],
  "checkins": [
    { "weekStart": "2026-11-03", "handsOnPercent": 50, "deepWorkBlocks": 1, "onLeave": false }
  ]
}`;
    const res = await importFile(me, 'json', file, 'create');
    expect(res.status, res.text).toBe(200);
    expect(res.body.created).toBe(1);
    expect(res.body.errors).toEqual([
      { line: 6, message: expect.stringMatching(/Behaviour 1/) },
      { line: 12, message: 'Entry 3 is not an object.' },
      { line: 15, message: expect.stringMatching(/Week must be a Monday/) },
    ]);
    const notExport = await importFile(me, 'json', '{"items": []}');
    expectProblem(notExport, 400, ['content']);
    expect(notExport.body.errors[0].message).toMatch(/JSON, but not a Leadtrack export/);
    const broken = await importFile(me, 'json', '{\n  "format": "leadtrack-export",\n  oops\n}');
    expectProblem(broken, 400, ['content']);
    expect(broken.body.errors[0].message).toMatch(/not valid JSON from line 3 on/);
  });

  it('offers the entries and check-ins as suggestions in suggest mode', async () => {
    const me = await registerUser(app, { name: 'JsonSuggest' });
    const file = JSON.stringify({
      format: 'leadtrack-export',
      version: 1,
      evidence: [
        {
          id: 'x',
          kinds: ['review'],
          title: 'Reviewed',
          occurredOn: '2026-11-02',
          links: ['https://example.com/1'],
        },
      ],
      checkins: [
        {
          weekStart: '2026-11-02',
          handsOnPercent: 70,
          deepWorkBlocks: 3,
          onLeave: false,
          note: null,
        },
      ],
    });
    const res = await importFile(me, 'json', file);
    expect(res.body).toEqual({ suggested: 2, created: 0, skipped: 0, errors: [] });
    const suggestions = await suggestionsOf(me);
    const checkin = suggestions.find((s) => s.title.startsWith('Check-in')) as unknown as {
      id: string;
    };
    const accepted = await call(app, 'POST', `/api/v1/suggestions/${checkin.id}/accept`, {
      token: me,
    });
    expect(accepted.status, accepted.text).toBe(200);
    expect(accepted.body).toMatchObject({
      weekStart: '2026-11-02',
      handsOnPercent: 70,
      deepWorkBlocks: 3,
      onLeave: false,
    });
  });
});

describe('iCalendar', () => {
  const ICS = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Test//EN',
    'BEGIN:VEVENT',
    'UID:roadmap-1',
    'DTSTART:20261103T140000Z',
    'DTEND:20261103T150000Z',
    'SUMMARY:Roadmap review with product',
    'END:VEVENT',
    'BEGIN:VEVENT',
    'UID:focus-1',
    'DTSTART:20261104T080000Z',
    'DTEND:20261104T110000Z',
    'SUMMARY:Focus time',
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');

  it('suggests meetings and the week; create mode makes the meetings entries', async () => {
    const me = await registerUser(app, { name: 'Calendar' });
    const res = await importFile(me, 'ics', ICS);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ suggested: 2, created: 0, errors: [] });
    const other = await registerUser(app, { name: 'CalendarCreate' });
    const created = await importFile(other, 'ics', ICS, 'create');
    expect(created.body).toMatchObject({ suggested: 1, created: 1, errors: [] });
    const [entry] = await entriesOf(other);
    expect(entry).toMatchObject({
      source: 'calendar',
      kinds: ['communication'],
      occurredOn: '2026-11-03',
    });
    const again = await importFile(other, 'ics', ICS, 'create');
    expect(again.body).toMatchObject({ suggested: 0, created: 0, skipped: 2 });
  });
});

describe('the request', () => {
  it('names every bad field, and takes bodies up to 5 MiB on this route only', async () => {
    const me = await registerUser(app, { name: 'Request' });
    const bad = await call(app, 'POST', '/api/v1/imports', {
      token: me,
      body: { format: 'xml', content: 1, mode: 'later', extra: true },
    });
    expectProblem(bad, 400, ['format', 'content', 'mode', 'extra']);
    const lines = Array.from(
      { length: 3000 },
      (_, i) => `- 2026-10-01: Line ${i} of a long document #review`,
    );
    const big = await importFile(me, 'markdown', lines.join('\n'));
    expect(big.status, big.text.slice(0, 300)).toBe(200);
    expect(big.body).toMatchObject({ suggested: 3000, errors: [] });
    const tooBig = await importFile(me, 'markdown', 'x'.repeat(5 * 1024 * 1024 + 1));
    expectProblem(tooBig, 413);
    expect(tooBig.body.detail).toMatch(/5 MiB/);
    const batchBody = await call(app, 'POST', '/api/v1/evidence', {
      token: me,
      body: {
        kinds: ['review'],
        title: 'x',
        occurredOn: '2026-11-02',
        description: 'x'.repeat(70_000),
      },
    });
    expectProblem(batchBody, 413);
  });
});

describe('strange content', () => {
  it('answers 200 with errors, or 400, for any content in any format: never a 5xx', async () => {
    const me = await registerUser(app, { name: 'Strange' });
    const contents = [
      '',
      '\uFEFF',
      '\u0000',
      '\ud800 lone surrogate',
      '"',
      '{',
      '[]',
      'null',
      '{"format":"leadtrack-export","version":1,"evidence":{"a":1},"checkins":null}',
      '{"format":"leadtrack-export","version":1,"evidence":[{"kinds":"review","links":7,"occurredOn":20261102}]}',
      'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VCALENDAR',
      'date,title\n2026-11-02,' + 'x'.repeat(100_000),
      '- 0000-00-00: zero date #review\n- 2026-02-30: not a day #review',
      '## 2026-11-02\n' + '  - nested only\n'.repeat(50),
      '\r\r\r- 2026-11-02: carriage returns #review\r',
      '- 2026-11-02: ' + '#review '.repeat(500),
    ];
    for (const format of ['markdown', 'csv', 'json', 'ics'] as const) {
      for (const mode of ['suggest', 'create']) {
        for (const content of contents) {
          const res = await importFile(me, format, content, mode);
          expect(
            [200, 400],
            `${format} ${mode} ${JSON.stringify(content.slice(0, 40))}: ${res.text}`,
          ).toContain(res.status);
        }
      }
    }
  });
});

describe('access', () => {
  it('imports into the caller’s own account only', async () => {
    const owners = new Set<string>();
    await expectAccess(
      cast,
      async (token) => importFile(token, 'markdown', '- 2026-11-02: Access check #review'),
      signedIn(200),
    );
    const { rows } = await sql.query(
      `SELECT user_id FROM suggestions WHERE title = 'Access check'`,
    );
    for (const row of rows) owners.add(row.user_id);
    expect(owners).toEqual(
      new Set(
        [cast.engineer, cast.manager, cast.admin, cast.stranger, cast.sponsor, cast.endorser].map(
          (u) => u.id,
        ),
      ),
    );
  });

  it('exports the caller’s own account only', async () => {
    const seen: string[] = [];
    await expectAccess(
      cast,
      async (token) => {
        const res = await call(app, 'GET', '/api/v1/me/export', { token });
        if (res.status === 200) seen.push(res.body.user.id);
        return res;
      },
      signedIn(200),
    );
    expect(seen).toEqual(
      [cast.engineer, cast.manager, cast.admin, cast.stranger, cast.sponsor, cast.endorser].map(
        (u) => u.id,
      ),
    );
    // Only what is the caller's: their own entries.
    const own = await call(app, 'GET', '/api/v1/me/export', { token: cast.engineer });
    expect(own.body.evidence.map((e: { userId: string }) => e.userId)).toEqual(
      own.body.evidence.map(() => cast.engineer.id),
    );
  });
});
