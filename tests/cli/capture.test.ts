// `leadtrack import`, `inbox` and `export`: the real binary against a real API.
import { statSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { expectCliFailure, personalToken } from '../support/cli';
import { call, registerUser } from '../support/http';
import { useFixture } from '../support/test-app';
import { useLoggedInCli } from './logged-in';

// Each test starts the command several times: a process each, slow on a busy machine.
vi.setConfig({ testTimeout: 90_000 });

const { app, home, person: dee } = useLoggedInCli('Dee');

const BRAG = `# Brag document

## 2026-11-16
- Reviewed the queue redesign for Sam #review #mentor
- Wrote the RFC for retries #rfc https://docs.example/rfc-7

## 2026-11-18
- Explained the migration trade-offs to product #comms
- Ran the incident retro
`;

const setup = useFixture(async () => {
  const brag = join(home.home, 'brag.md');
  await writeFile(brag, BRAG);
  return { brag };
});

interface Listed {
  id: string;
  title: string;
  suggestedKinds: string[];
}

async function openSuggestions(): Promise<Listed[]> {
  const listed = await home.run(['inbox', '--json']);
  expect(listed.code, listed.stderr).toBe(0);
  return JSON.parse(listed.stdout).items;
}

const titled = (items: Listed[], title: string) => {
  const found = items.find((s) => s.title === title);
  expect(found, title).toBeDefined();
  return found as Listed;
};

describe('leadtrack import and inbox', () => {
  it('imports a Markdown brag document into the inbox, which lists it with ids', async () => {
    const done = await home.run(['import', setup.brag]);
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toBe(
      `Imported ${setup.brag}: 4 suggested, 0 created, 0 skipped (imported before).\nReview the suggestions with \`leadtrack inbox\`.\n`,
    );
    const items = await openSuggestions();
    expect(items.map((s) => [s.title, s.suggestedKinds]).sort()).toEqual([
      ['Explained the migration trade-offs to product', ['communication']],
      ['Ran the incident retro', []],
      ['Reviewed the queue redesign for Sam', ['review', 'mentoring']],
      ['Wrote the RFC for retries', ['proposal']],
    ]);
    const listed = await home.run(['inbox']);
    expect(listed.code, listed.stderr).toBe(0);
    const lines = listed.stdout.split('\n');
    expect(lines[0]).toBe('4 open suggestions:');
    const rfc = titled(items, 'Wrote the RFC for retries');
    expect(lines).toContain(
      `${rfc.id}  2026-11-16 (proposal) Wrote the RFC for retries  [import]  https://docs.example/rfc-7`,
    );
    // Nothing is offered twice.
    const again = await home.run(['import', setup.brag]);
    expect(again.stdout).toMatch(/: 0 suggested, 0 created, 4 skipped \(imported before\)\.\n$/);
  });

  it('accepts with edits (kind aliases, title), once; dismisses; says what is wrong', async () => {
    const items = await openSuggestions();
    const retro = titled(items, 'Ran the incident retro');
    const noKind = await home.run(['inbox', 'accept', retro.id]);
    expectCliFailure(noKind, 1, /^leadtrack: .+ Give them with --kind \(e\.g\. --kind review\)\.$/);

    const accepted = await home.run([
      ...['inbox', 'accept', retro.id, '--kind', '@own,fb', '--title', 'Ran the retro'],
      '--json',
    ]);
    expect(accepted.code, accepted.stderr).toBe(0);
    const entry = JSON.parse(accepted.stdout);
    const stored = await call(app, 'GET', `/api/v1/evidence/${entry.id}`, { token: dee });
    expect(stored.body).toMatchObject({
      kinds: ['ownership', 'feedback'],
      title: 'Ran the retro',
      occurredOn: '2026-11-18',
      source: 'import',
    });
    expectCliFailure(
      await home.run(['inbox', 'accept', retro.id]),
      1,
      /^leadtrack: This suggestion has been accepted already\.$/,
    );

    const review = titled(items, 'Reviewed the queue redesign for Sam');
    const plain = await home.run(['inbox', 'accept', review.id]);
    expect(plain.stdout).toMatch(
      /^Accepted as an entry for 2026-11-16 \(review, mentoring\): Reviewed the queue redesign for Sam {2}\[[^\]]+\]\n$/,
    );

    const comms = titled(items, 'Explained the migration trade-offs to product');
    const dismissed = await home.run(['inbox', 'dismiss', comms.id]);
    expect(dismissed).toMatchObject({ code: 0, stdout: `Dismissed ${comms.id}.\n` });
    expect((await openSuggestions()).map((s) => s.title)).toEqual(['Wrote the RFC for retries']);

    expectCliFailure(await home.run(['inbox', 'accept', 'nope']), 1, /^leadtrack: /);
    expectCliFailure(
      await home.run(['inbox', 'accept', comms.id, '--kind', 'reviewing']),
      2,
      /^leadtrack: Unknown kind reviewing: use @ownership/,
    );
  });

  it('--create imports straight in; refused lines are listed with exit 1; the format from the extension or --format', async () => {
    const csv = join(home.home, 'wins.txt');
    await writeFile(csv, 'date,title,kinds\n2026-11-10,Shipped the cache,ownership\nbad,row\n');
    expectCliFailure(
      await home.run(['import', csv]),
      2,
      /^leadtrack: Cannot tell the format of .+wins\.txt from its extension: give --format markdown\|csv\|json\|ics\.$/,
    );
    const done = await home.run(['import', csv, '--format', 'csv', '--create']);
    expect(done.code).toBe(1);
    expect(done.stdout).toMatch(
      /: 0 suggested, 1 created, 0 skipped \(imported before\), \d+ refused\.\n$/,
    );
    const [first, ...rest] = done.stderr.trimEnd().split('\n');
    expect(first).toMatch(/^leadtrack: Some of .+wins\.txt was not imported \(\d+ problems?\):$/);
    expect(rest.length).toBeGreaterThan(0);
    for (const line of rest) expect(line).toMatch(/^ {2}line 3: \S/);
    expectCliFailure(await home.run(['import', join(home.home, 'none.md')]), 2, /no such file/);
  });
});

describe('a check-in suggestion', () => {
  it("merges into that week's check-in, with --hands-on when the week has none", async () => {
    const ics = join(home.home, 'calendar.ics');
    const event = (uid: string, day: string) =>
      `BEGIN:VEVENT\r\nUID:${uid}\r\nDTSTAMP:20261101T000000Z\r\nDTSTART:${day}T090000Z\r\nDTEND:${day}T110000Z\r\nSUMMARY:Focus time\r\nEND:VEVENT\r\n`;
    await writeFile(
      ics,
      `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//cli//EN\r\n${event('f1', '20261103')}${event('f2', '20261105')}END:VCALENDAR\r\n`,
    );
    const done = await home.run(['import', ics]);
    expect(done.code, done.stderr).toBe(0);
    const listed = await home.run(['inbox', '--source', 'calendar']);
    const line = listed.stdout.split('\n').find((l) => l.includes('check-in, week of 2026-11-02'));
    expect(line, listed.stdout).toMatch(
      /^\S+ {2}check-in, week of 2026-11-02: 2 deep-work blocks \(/,
    );
    const id = line?.split(' ')[0] ?? '';
    const accepted = await home.run(['inbox', 'accept', id, '--hands-on', '40']);
    expect(accepted.code, accepted.stderr).toBe(0);
    expect(accepted.stdout).toBe(
      'Accepted into the week of 2026-11-02: 40% hands-on, 2 deep-work blocks.\n',
    );
    const week = await home.run(['checkin', '--week', '2026-11-04', '--json']);
    expect(JSON.parse(week.stdout).checkin).toMatchObject({
      handsOnPercent: 40,
      deepWorkBlocks: 2,
      onLeave: false,
    });
  });
});

describe('leadtrack export', () => {
  it('prints the account as JSON, or writes it 0600; importing it into an empty account recreates entries and check-ins', async () => {
    const printed = await home.run(['export']);
    expect(printed.code, printed.stderr).toBe(0);
    const data = JSON.parse(printed.stdout);
    expect(data).toMatchObject({ format: 'leadtrack-export', version: 1 });
    expect(data.evidence.length).toBe(3);

    const file = join(home.home, 'export.json');
    const written = await home.run(['export', '-o', file]);
    expect(written.stdout).toBe(`Exported 3 entries and 1 check-in to ${file}.\n`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, 'utf8')).evidence).toEqual(data.evidence);

    const fresh = await registerUser(app, { name: 'Fresh' });
    const env = { LEADTRACK_TOKEN: await personalToken(app, fresh) };
    const imported = await home.run(['import', file, '--create'], { env });
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/: 0 suggested, 4 created, 0 skipped/);
    const theirs = await call(app, 'GET', '/api/v1/evidence', { token: fresh });
    const shape = (e: { title: string; kinds: string[]; occurredOn: string }) =>
      `${e.occurredOn} ${e.kinds.join(',')} ${e.title}`;
    expect(theirs.body.items.map(shape).sort()).toEqual(data.evidence.map(shape).sort());
    const week = await home.run(['checkin', '--week', '2026-11-02', '--json'], { env });
    expect(JSON.parse(week.stdout).checkin).toMatchObject({
      handsOnPercent: 40,
      deepWorkBlocks: 2,
    });
  });
});
