// What a person reads when a submission is refused: every error a plain sentence naming the
// field in words and the rule (packages/schemas/src/messages.ts), every error of the
// submission in one answer (rules that need the clock included), each bad list element
// named once by its line. The paths stay machine-readable.
import {
  addDays,
  addWeeks,
  REFLECTION_STATEMENT_IDS,
  todayUtc,
  weekStartOf,
} from '@leadtrack/core';
import { describe, expect, it } from 'vitest';
import { call, expectProblem } from '../support/http';
import { allAnswered } from '../support/reflection';
import { useTeamWithEntry } from '../support/team';

const V1 = '/api/v1';
const NUL_RULE = 'must not contain a NUL character or an unpaired surrogate.';
const unknown = (path: string) => `The field "${path}" is not part of this request: leave it out.`;

const { app, sql, team, entry } = useTeamWithEntry();

async function stored() {
  const { rows } = await sql.query(`SELECT
    (SELECT count(*) FROM evidence)::int AS evidence,
    (SELECT max(updated_at)::text FROM evidence) AS changed,
    (SELECT count(*) FROM checkins)::int AS checkins,
    (SELECT count(*) FROM reflections)::int AS reflections`);
  return rows[0];
}

/** The detail of a refusal is its sentences, counted when there are several. */
function expectDetail(body: { detail: string; errors: { message: string }[] }) {
  const messages = body.errors.map((e) => e.message);
  expect(body.detail).toBe(
    messages.length === 1
      ? messages[0]
      : `${messages.length} fields need attention: ${messages.join(' ')}`,
  );
}

describe('evidence', () => {
  it('an empty title, two bad links and a future date come back together, each link by its line', async () => {
    const before = await stored();
    const today = todayUtc();
    const res = await call(app, 'POST', `${V1}/evidence`, {
      token: team.engineer.token,
      body: {
        kinds: ['review'],
        title: '   ',
        occurredOn: addDays(today, 1),
        links: ['https://fine.example/pr/1', 'ftp://files.example/x', 'not a link'],
      },
    });
    expectProblem(res, 400);
    expect(res.body.errors).toEqual([
      { path: 'title', message: 'Title is required.' },
      { path: 'occurredOn', message: `Date must not be after today (${today}, your date in UTC).` },
      { path: 'links.1', message: 'Link 2 must be an http or https URL.' },
      { path: 'links.2', message: 'Link 3 must be an http or https URL.' },
    ]);
    expectDetail(res.body);
    expect(await stored()).toEqual(before);
  });

  it('an edit names a long title, repeated behaviours and a future date at once', async () => {
    const before = await stored();
    const today = todayUtc();
    const res = await call(app, 'PATCH', `${V1}/evidence/${entry.id}`, {
      token: team.engineer.token,
      body: { kinds: ['review', 'review'], title: 'x'.repeat(201), occurredOn: addDays(today, 3) },
    });
    expectProblem(res, 400);
    expect(res.body.errors).toEqual([
      { path: 'kinds', message: 'Choose each behaviour only once.' },
      { path: 'title', message: 'Title must be at most 200 characters.' },
      { path: 'occurredOn', message: `Date must not be after today (${today}, your date in UTC).` },
    ]);
    expectDetail(res.body);
    expect(await stored()).toEqual(before);
  });

  it('missing fields are required, and behaviours are chosen between 1 and 3', async () => {
    const missing = await call(app, 'POST', `${V1}/evidence`, {
      token: team.engineer.token,
      body: {},
    });
    expectProblem(missing, 400);
    expect(missing.body.errors).toEqual([
      { path: 'kinds', message: 'Choose between 1 and 3 behaviours.' },
      { path: 'title', message: 'Title is required.' },
      { path: 'occurredOn', message: 'Date is required.' },
    ]);
    const tooMany = await call(app, 'POST', `${V1}/evidence`, {
      token: team.engineer.token,
      body: {
        kinds: ['review', 'delegation', 'mentoring', 'planning'],
        title: 'Four',
        occurredOn: '2026-13-01',
      },
    });
    expectProblem(tooMany, 400);
    expect(tooMany.body.errors).toEqual([
      { path: 'kinds', message: 'Choose between 1 and 3 behaviours.' },
      { path: 'occurredOn', message: 'Date must be a calendar date as YYYY-MM-DD.' },
    ]);
    const wrongKind = await call(app, 'POST', `${V1}/evidence`, {
      token: team.engineer.token,
      body: { kinds: ['review', 'juggling'], title: 'Odd', occurredOn: todayUtc() },
    });
    expectProblem(wrongKind, 400, ['kinds.1']);
    expect(wrongKind.body.errors[0].message).toMatch(
      /^Behaviour 2 must be one of: [a-z-]+(, [a-z-]+)+\.$/,
    );
  });

  it('an unknown field is named, in words, as not part of the request', async () => {
    const res = await call(app, 'POST', `${V1}/evidence`, {
      token: team.engineer.token,
      body: { kinds: ['review'], title: 'T', occurredOn: todayUtc(), source: 'github' },
    });
    expectProblem(res, 400);
    expect(res.body).toMatchObject({
      detail: unknown('source'),
      errors: [{ path: 'source', message: unknown('source') }],
    });
  });

  it('a NUL character is refused by field, a link by its line', async () => {
    const res = await call(app, 'POST', `${V1}/evidence`, {
      token: team.engineer.token,
      body: {
        kinds: ['review'],
        title: 'a\u0000b',
        occurredOn: todayUtc(),
        links: ['https://ok.example', 'https://bad.example/\u0000'],
      },
    });
    expectProblem(res, 400);
    expect(res.body.errors).toEqual([
      { path: 'title', message: `Title ${NUL_RULE}` },
      { path: 'links.1', message: `Link 2 ${NUL_RULE}` },
    ]);
  });
});

describe('check-ins and reflections', () => {
  it('hands-on 101.5 and a Tuesday come back together', async () => {
    const before = await stored();
    const monday = addWeeks(weekStartOf(todayUtc()), -1);
    const res = await call(app, 'PUT', `${V1}/checkins/${addDays(monday, 1)}`, {
      token: team.engineer.token,
      body: { handsOnPercent: 101.5, deepWorkBlocks: 2, onLeave: false },
    });
    expectProblem(res, 400);
    expect(res.body.errors).toEqual([
      { path: 'weekStart', message: `Week must be a Monday: that week starts on ${monday}.` },
      { path: 'handsOnPercent', message: 'Hands-on share must be a whole number from 0 to 100.' },
    ]);
    expectDetail(res.body);
    expect(await stored()).toEqual(before);
  });

  it('a week after the current one and a bad body come back together', async () => {
    const before = await stored();
    const current = weekStartOf(todayUtc());
    const next = addWeeks(current, 1);
    const later = `Week must not be after the current week (the week of ${current} in UTC).`;
    const res = await call(app, 'PUT', `${V1}/checkins/${next}`, {
      token: team.engineer.token,
      body: { handsOnPercent: 50, deepWorkBlocks: 51, onLeave: 'yes', mood: 'fine' },
    });
    expectProblem(res, 400);
    expect(res.body.errors).toEqual([
      { path: 'weekStart', message: later },
      { path: 'deepWorkBlocks', message: 'Deep-work blocks must be a whole number from 0 to 50.' },
      { path: 'onLeave', message: 'On leave must be true or false.' },
      { path: 'mood', message: unknown('mood') },
    ]);
    const reflection = await call(app, 'PUT', `${V1}/reflections/${next}`, {
      token: team.engineer.token,
      body: { note: 'x' },
    });
    expectProblem(reflection, 400, ['weekStart', 'answers', 'shared']);
    expect(reflection.body.errors[0]).toEqual({
      path: 'weekStart',
      message: later,
    });
    expect(await stored()).toEqual(before);
  });

  it('a reflection names each bad answer by its statement and says what to send', async () => {
    const [first, second, third] = REFLECTION_STATEMENT_IDS;
    const answers: Record<string, unknown> = allAnswered(3);
    delete answers[first as string];
    answers[second as string] = 0;
    answers[third as string] = 2.5;
    const res = await call(app, 'PUT', `${V1}/reflections/${weekStartOf(todayUtc())}`, {
      token: team.engineer.token,
      body: { answers, shared: 'no' },
    });
    expectProblem(res, 400);
    expect(res.body.errors).toEqual([
      {
        path: `answers.${first}`,
        message: `The answer to "${first}" is required (a whole number from 1 to 5).`,
      },
      {
        path: `answers.${second}`,
        message: `The answer to "${second}" must be a whole number from 1 to 5.`,
      },
      {
        path: `answers.${third}`,
        message: `The answer to "${third}" must be a whole number from 1 to 5.`,
      },
      { path: 'shared', message: 'Shared must be true or false.' },
    ]);
  });

  it('the same check-in, corrected, is stored', async () => {
    const monday = addWeeks(weekStartOf(todayUtc()), -1);
    const res = await call(app, 'PUT', `${V1}/checkins/${monday}`, {
      token: team.engineer.token,
      body: { handsOnPercent: 100, deepWorkBlocks: 0, onLeave: false },
    });
    expect(res.status, res.text).toBe(200);
  });
});
