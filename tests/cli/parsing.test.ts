// The CLI's pure parts, on fixed dates: date phrases, the person's calendar date in their
// time zone, kind tags and their aliases, and how `leadtrack log` text becomes an entry.
import { EVIDENCE_KINDS, KIND_ALIASES, localDateIn } from '@leadtrack/core';
import { describe, expect, it } from 'vitest';
import { normalizeApiUrl } from '../../packages/cli/src/config';
import { localDate, resolveDatePhrase } from '../../packages/cli/src/dates';
import { parseEntryText } from '../../packages/cli/src/entry-text';
import { CliError, EXIT } from '../../packages/cli/src/errors';
import { describeTags, kindOfTag } from '../../packages/cli/src/kinds';

// A Wednesday.
const TODAY = '2026-11-25';

function usageMessage(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).code).toBe(EXIT.usage);
    return (error as CliError).message;
  }
  throw new Error('expected a usage error');
}

describe('date phrases', () => {
  it.each([
    ['today', '2026-11-25'],
    ['Today', '2026-11-25'],
    ['yesterday', '2026-11-24'],
    ['tuesday', '2026-11-24'],
    ['mon', '2026-11-23'],
    ['monday', '2026-11-23'],
    ['last monday', '2026-11-23'],
    ['sunday', '2026-11-22'],
    ['thu', '2026-11-19'],
    // A weekday name is strictly before today: "wednesday" on a Wednesday is a week ago.
    ['wednesday', '2026-11-18'],
    ['2026-11-02', '2026-11-02'],
    ['2024-02-29', '2024-02-29'],
  ])('"%s" on Wednesday 2026-11-25 is %s', (phrase, date) => {
    expect(resolveDatePhrase(phrase, TODAY)).toBe(date);
  });

  it.each(['tomorrow', 'next friday', '2026-02-30', '2026-1-2', 'RFC', ''])(
    '"%s" is not a date phrase',
    (phrase) => {
      expect(resolveDatePhrase(phrase, TODAY)).toBeUndefined();
    },
  );

  it('crosses month and year ends', () => {
    expect(resolveDatePhrase('yesterday', '2027-01-01')).toBe('2026-12-31');
    expect(resolveDatePhrase('friday', '2026-03-02')).toBe('2026-02-27');
  });
  // mondayOf and isIsoDate are core's weekStartOf and isIsoDate (packages/core/src/week.test.ts).
});

describe("the person's calendar date", () => {
  const instant = new Date('2026-11-25T23:30:00Z');

  it('is the date where they are, not the UTC date', () => {
    expect(localDate('UTC', instant)).toBe('2026-11-25');
    expect(localDate('Pacific/Auckland', instant)).toBe('2026-11-26');
    expect(localDate('America/Los_Angeles', instant)).toBe('2026-11-25');
    expect(localDate('America/Los_Angeles', new Date('2026-11-26T07:59:00Z'))).toBe('2026-11-25');
    expect(localDate('America/Los_Angeles', new Date('2026-11-26T08:00:00Z'))).toBe('2026-11-26');
  });

  it("is core's localDateIn (the API's), which the CLI cannot import at run time", () => {
    const zones = [
      'UTC',
      'Pacific/Kiritimati',
      'Pacific/Pago_Pago',
      'Asia/Kolkata',
      'Europe/Paris',
    ];
    for (let hour = 0; hour < 48; hour += 1.5) {
      const at = new Date(Date.UTC(2026, 2, 28, 0, 0) + hour * 3_600_000);
      for (const zone of zones) expect(localDate(zone, at)).toBe(localDateIn(zone, at));
    }
  });

  it('follows daylight saving changes', () => {
    // Europe/Paris leaves summer time on 2026-10-25: UTC+2 before, UTC+1 after.
    expect(localDate('Europe/Paris', new Date('2026-10-24T22:30:00Z'))).toBe('2026-10-25');
    expect(localDate('Europe/Paris', new Date('2026-10-25T22:30:00Z'))).toBe('2026-10-25');
  });
});

describe('kind tags', () => {
  it("are core's kinds and aliases (the Markdown import's #tags), each listed in the help", () => {
    const help = describeTags();
    for (const kind of EVIDENCE_KINDS) {
      expect(help).toContain(`@${kind} (${KIND_ALIASES[kind].map((a) => `@${a}`).join(', ')})`);
      for (const tag of [kind, ...KIND_ALIASES[kind]]) expect(kindOfTag(tag)).toBe(kind);
    }
  });

  it.each([
    ['review', 'review'],
    ['mentor', 'mentoring'],
    ['mentoring', 'mentoring'],
    ['rfc', 'proposal'],
    ['proposal', 'proposal'],
    ['own', 'ownership'],
    ['ownership', 'ownership'],
    ['comms', 'communication'],
    ['communication', 'communication'],
    ['Review', 'review'],
  ])('@%s is %s', (tag, kind) => {
    expect(kindOfTag(tag)).toBe(kind);
  });

  it('no alias is claimed by two kinds', () => {
    const tags = Object.entries(KIND_ALIASES).flatMap(([kind, aliases]) => [kind, ...aliases]);
    expect(new Set(tags).size).toBe(tags.length);
  });
});

describe('log text', () => {
  it('reads the date phrase, the tags and the title', () => {
    expect(
      parseEntryText('yesterday: reviewed the queue design @review @mentoring', TODAY),
    ).toEqual({
      occurredOn: '2026-11-24',
      kinds: ['review', 'mentoring'],
      title: 'reviewed the queue design',
    });
  });

  it('is dated today without a phrase; tags may stand anywhere and repeat', () => {
    expect(parseEntryText('@rfc wrote the @proposal for retries, @own.', TODAY)).toEqual({
      occurredOn: TODAY,
      kinds: ['proposal', 'ownership'],
      title: 'wrote the for retries, .',
    });
  });

  it('keeps a colon that is not a date, and email addresses', () => {
    expect(parseEntryText('RFC: queue retries with sam@example.com @rfc', TODAY)).toEqual({
      occurredOn: TODAY,
      kinds: ['proposal'],
      title: 'RFC: queue retries with sam@example.com',
    });
  });

  it('takes the lines after the first as the description, as written', () => {
    expect(
      parseEntryText('fri: paired on flaky tests @mentor\n\n## Notes\n- with @sam', TODAY),
    ).toEqual({
      occurredOn: '2026-11-20',
      kinds: ['mentoring'],
      title: 'paired on flaky tests',
      description: '## Notes\n- with @sam',
    });
  });

  it('--on wins over the phrase', () => {
    expect(parseEntryText('yesterday: x @review', TODAY, '2026-11-02').occurredOn).toBe(
      '2026-11-02',
    );
    expect(parseEntryText('x @review', TODAY, 'monday').occurredOn).toBe('2026-11-23');
  });

  it('refuses, naming what is accepted: unknown tags, no kind, bad dates, the future', () => {
    expect(usageMessage(() => parseEntryText('x @reviewed @sam', TODAY))).toMatch(
      /^Unknown tags @reviewed, @sam: use @ownership \(@own, @owner\), @review/,
    );
    expect(usageMessage(() => parseEntryText('did things', TODAY))).toMatch(
      /^Tag at least one kind: @ownership/,
    );
    expect(usageMessage(() => parseEntryText('2026-02-30: x @review', TODAY))).toBe(
      '"2026-02-30" is not a calendar date: write YYYY-MM-DD.',
    );
    expect(usageMessage(() => parseEntryText('x @review', TODAY, 'soon'))).toMatch(
      /^--on "soon" is not a date: use today, yesterday/,
    );
    expect(usageMessage(() => parseEntryText('2026-11-26: x @review', TODAY))).toMatch(
      /^2026-11-26 is after today \(2026-11-25\)/,
    );
    expect(usageMessage(() => parseEntryText('yesterday: @review', TODAY))).toMatch(
      /needs a title/,
    );
  });
});

describe("the API's address", () => {
  it.each([
    ['http://127.0.0.1:3001', 'http://127.0.0.1:3001'],
    ['http://127.0.0.1:3001/', 'http://127.0.0.1:3001'],
    ['http://127.0.0.1:3001/api/v1', 'http://127.0.0.1:3001'],
    ['http://127.0.0.1:3001/api/v1/', 'http://127.0.0.1:3001'],
    [' https://lead.example/track/api/v1 ', 'https://lead.example/track'],
  ])('%s is stored as %s', (given, stored) => {
    expect(normalizeApiUrl(given)).toBe(stored);
  });

  it.each([
    ['127.0.0.1:3001', /is not a URL|must be an http/],
    ['ftp://lead.example', /must be an http or https URL/],
    ['http://lead.example/?x=1', /must not hold a query/],
  ])('%s is refused', (given, message) => {
    expect(usageMessage(() => normalizeApiUrl(given))).toMatch(message);
  });
});
