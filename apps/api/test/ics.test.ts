import { describe, expect, it } from 'vitest';
import { parseIcs } from '../src/sources/calendar/ics';

const calendar = (...events: string[]) =>
  [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Leadtrack tests//EN',
    ...events,
    'END:VCALENDAR',
  ].join('\r\n');

const event = (lines: Record<string, string> | string[]) =>
  [
    'BEGIN:VEVENT',
    ...(Array.isArray(lines) ? lines : Object.entries(lines).map(([k, v]) => `${k}:${v}`)),
    'END:VEVENT',
  ].join('\r\n');

const options = { timeZone: 'Europe/London', today: '2026-11-25', from: '2026-10-01' };

describe('parseIcs', () => {
  it('expands a weekly 1:1 into one mentoring suggestion per occurrence, honouring EXDATE and the window', () => {
    const ics = calendar(
      event([
        'UID:one-on-one-sam',
        'DTSTART;TZID=Europe/London:20261005T100000',
        'DTEND;TZID=Europe/London:20261005T103000',
        'RRULE:FREQ=WEEKLY;BYDAY=MO',
        'EXDATE;TZID=Europe/London:20261019T100000',
        'SUMMARY:1:1 Sam / Priya',
        'ATTENDEE:mailto:priya@example.test',
        'ATTENDEE:mailto:sam@example.test',
      ]),
    );
    const { drafts, errors } = parseIcs(ics, options);
    expect(errors).toEqual([]);
    const dates = drafts.map((d) => d.occurredOn);
    // Mondays from 5 Oct up to today (25 Nov), without 19 Oct; the future ones are not evidence yet.
    expect(dates).toEqual([
      '2026-10-05',
      '2026-10-12',
      '2026-10-26',
      '2026-11-02',
      '2026-11-09',
      '2026-11-16',
      '2026-11-23',
    ]);
    expect(
      drafts.every((d) => d.type === 'evidence' && d.suggestedKinds.join() === 'mentoring'),
    ).toBe(true);
    expect(new Set(drafts.map((d) => d.externalId)).size).toBe(dates.length);
    expect(drafts[0]?.source).toBe('calendar');
  });

  it('suggests communication for a meeting with product, dated in the person’s zone', () => {
    // 23:30 UTC on Tuesday 3 November is already Wednesday in Auckland.
    const ics = calendar(
      event({
        UID: 'roadmap-1',
        DTSTART: '20261103T233000Z',
        DTEND: '20261104T003000Z',
        SUMMARY: 'Roadmap review with Product',
      }),
    );
    const london = parseIcs(ics, options).drafts;
    const auckland = parseIcs(ics, { ...options, timeZone: 'Pacific/Auckland' }).drafts;
    expect(london.map((d) => [d.occurredOn, d.suggestedKinds])).toEqual([
      ['2026-11-03', ['communication']],
    ]);
    expect(auckland.map((d) => d.occurredOn)).toEqual(['2026-11-04']);
  });

  it('reads a TZID that is an IANA zone without a VTIMEZONE block', () => {
    const ics = calendar(
      event([
        'UID:stakeholder-sync',
        'DTSTART;TZID=America/Los_Angeles:20261110T170000',
        'SUMMARY:Stakeholder sync',
      ]),
    );
    // 17:00 in Los Angeles is 01:00 the next day in London.
    expect(parseIcs(ics, options).drafts.map((d) => d.occurredOn)).toEqual(['2026-11-11']);
  });

  it('counts focus blocks per week and suggests leave for a week mostly out of office', () => {
    const ics = calendar(
      event([
        'UID:focus',
        'DTSTART;TZID=Europe/London:20261102T090000',
        'RRULE:FREQ=DAILY;COUNT=3',
        'SUMMARY:Focus time',
      ]),
      event([
        'UID:ooo',
        'DTSTART;VALUE=DATE:20261116',
        'DTEND;VALUE=DATE:20261121',
        'SUMMARY:Out of office',
      ]),
      event([
        'UID:dentist',
        'DTSTART;VALUE=DATE:20261110',
        'DTEND;VALUE=DATE:20261111',
        'SUMMARY:OOO dentist',
      ]),
    );
    const checkins = parseIcs(ics, options).drafts.filter((d) => d.type === 'checkin');
    expect(checkins.map((d) => d.checkin)).toEqual([
      { weekStart: '2026-11-02', deepWorkBlocks: 3, onLeave: false },
      // One day out of office is not a leave week, and it has no focus block: no suggestion.
      { weekStart: '2026-11-16', deepWorkBlocks: 0, onLeave: true },
    ]);
    expect(checkins.map((d) => d.externalId)).toEqual(['week:2026-11-02', 'week:2026-11-16']);
  });

  it('skips cancelled events, declined ones and moved occurrences follow their RECURRENCE-ID', () => {
    const ics = calendar(
      event([
        'UID:pairing',
        'DTSTART:20261103T140000Z',
        'RRULE:FREQ=WEEKLY;COUNT=3',
        'SUMMARY:Pairing with Lee',
        'ATTENDEE;PARTSTAT=ACCEPTED:mailto:me@example.test',
      ]),
      // The second occurrence moved a day later.
      event([
        'UID:pairing',
        'RECURRENCE-ID:20261110T140000Z',
        'DTSTART:20261111T140000Z',
        'SUMMARY:Pairing with Lee',
      ]),
      event([
        'UID:cancelled',
        'DTSTART:20261105T100000Z',
        'SUMMARY:Customer call',
        'STATUS:CANCELLED',
      ]),
      event([
        'UID:declined',
        'DTSTART:20261106T100000Z',
        'SUMMARY:Product demo',
        'ATTENDEE;PARTSTAT=DECLINED:mailto:ME@example.test',
      ]),
    );
    const drafts = parseIcs(ics, { ...options, email: 'me@example.test' }).drafts;
    expect(drafts.map((d) => [d.occurredOn, d.suggestedKinds[0]])).toEqual([
      ['2026-11-03', 'mentoring'],
      ['2026-11-11', 'mentoring'],
      ['2026-11-17', 'mentoring'],
    ]);
  });

  it('ignores ordinary meetings and names broken events by their line', () => {
    const ics = calendar(
      event({ UID: 'standup', DTSTART: '20261104T090000Z', SUMMARY: 'Team standup' }),
      event({ UID: 'no-start', SUMMARY: 'Customer workshop' }),
      event({ DTSTART: '20261104T090000Z', SUMMARY: 'Product sync' }),
    );
    const { drafts, errors } = parseIcs(ics, options);
    expect(drafts).toEqual([]);
    expect(errors).toEqual([
      { line: 9, message: 'Event "Customer workshop" has no start (DTSTART); it was skipped.' },
      { line: 13, message: 'Event "Product sync" has no UID; it was skipped.' },
    ]);
  });

  it('answers a line-numbered error for a file that is not iCalendar', () => {
    expect(parseIcs('date,title\n2026-11-02,Reviewed', options)).toEqual({
      drafts: [],
      errors: [{ line: 1, message: expect.stringContaining('date,title') }],
      unreadable: 'it cannot be read as iCalendar',
    });
    expect(parseIcs('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR', options)).toEqual({
      drafts: [],
      errors: [],
    });
  });

  it('answers an empty file with an error, not an exception', () => {
    for (const empty of ['', '  ', '\r\n']) {
      expect(parseIcs(empty, options)).toEqual({
        drafts: [],
        errors: [{ line: 1, message: 'The file is empty: no calendar in it.' }],
      });
    }
  });

  it('stops a rule without an end at today', () => {
    const ics = calendar(
      event([
        'UID:daily',
        'DTSTART:20261001T080000Z',
        'RRULE:FREQ=DAILY',
        'SUMMARY:Mentoring Alex',
      ]),
    );
    const drafts = parseIcs(ics, options).drafts;
    expect(drafts.at(-1)?.occurredOn).toBe('2026-11-25');
    expect(drafts).toHaveLength(56);
  });
});
