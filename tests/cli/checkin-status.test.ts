// `leadtrack checkin` and `leadtrack status`: the real binary against a real API.
import { describe, expect, it, vi } from 'vitest';
import { expectCliFailure, expectFieldErrors } from '../support/cli';
import { call } from '../support/http';
import { useLoggedInCli } from './logged-in';

// Each test starts the command several times: a process each, slow on a busy machine.
vi.setConfig({ testTimeout: 90_000 });

const { app, home, person: cleo } = useLoggedInCli('Cleo');

// Cleo's zone is UTC (the default), so her weeks are UTC's.
const today = () => new Date().toISOString().slice(0, 10);
function mondayBefore(weeks: number): string {
  const date = new Date(`${today()}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7) - 7 * weeks);
  return date.toISOString().slice(0, 10);
}

async function checkinsOf(weekStart: string) {
  const res = await call(app, 'GET', '/api/v1/checkins', {
    token: cleo,
    query: { from: weekStart, to: weekStart },
  });
  expect(res.status, res.text).toBe(200);
  return res.body.items;
}

describe('leadtrack status, before anything is logged', () => {
  it('names the week, a zero streak, every required kind as missing, and no check-in', async () => {
    const status = await home.run(['status']);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout.split('\n')).toEqual([
      expect.stringMatching(new RegExp(`^Week of ${mondayBefore(0)} \\(`)),
      'Streak: 0 consistent weeks; not ready yet (26 consistent weeks in a row make you ready).',
      'Logged this week: nothing yet.',
      'Missing this week: ownership, review, proposal, mentoring, communication.',
      'Check-in: none yet this week (leadtrack checkin --hands-on … --deep-work …).',
      '',
    ]);
  });
});

describe('leadtrack checkin', () => {
  it('with no flag shows the week: none yet', async () => {
    const shown = await home.run(['checkin']);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toBe(
      `No check-in for the week of ${mondayBefore(0)} yet: leadtrack checkin --hands-on 60 --deep-work 3\n`,
    );
    const json = await home.run(['checkin', '--json']);
    expect(JSON.parse(json.stdout)).toEqual({ weekStart: mondayBefore(0), checkin: null });
  });

  it("stores the week's check-in; later flags change only what they name", async () => {
    const set = await home.run([
      'checkin',
      '--hands-on',
      '60',
      '--deep-work',
      '2',
      '--note',
      'On call.',
    ]);
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toBe(
      `Checked in for the week of ${mondayBefore(0)}: 60% hands-on, 2 deep-work blocks, note: On call.\n`,
    );
    const changed = await home.run(['checkin', '--deep-work', '3', '--json']);
    expect(changed.code, changed.stderr).toBe(0);
    expect(JSON.parse(changed.stdout)).toMatchObject({
      weekStart: mondayBefore(0),
      handsOnPercent: 60,
      deepWorkBlocks: 3,
      onLeave: false,
      note: 'On call.',
    });
    expect(await home.run(['checkin', '--note', ''])).toMatchObject({ code: 0 });
    expect(await checkinsOf(mondayBefore(0))).toEqual([
      expect.objectContaining({
        handsOnPercent: 60,
        deepWorkBlocks: 3,
        onLeave: false,
        note: null,
      }),
    ]);
    expect((await home.run(['checkin'])).stdout).toBe(
      `Week of ${mondayBefore(0)}: 60% hands-on, 3 deep-work blocks.\n`,
    );
  });

  it('--week: last, a weekday or a date names that week; --leave alone is a leave week', async () => {
    const leave = await home.run(['checkin', '--week', 'last', '--leave']);
    expect(leave.code, leave.stderr).toBe(0);
    expect(leave.stdout).toBe(`Checked in for the week of ${mondayBefore(1)}: on leave.\n`);
    expect(await checkinsOf(mondayBefore(1))).toEqual([
      expect.objectContaining({ onLeave: true, handsOnPercent: 0, deepWorkBlocks: 0 }),
    ]);
    // A day inside the week names it: the Wednesday three weeks back.
    const wednesday = new Date(`${mondayBefore(3)}T00:00:00Z`);
    wednesday.setUTCDate(wednesday.getUTCDate() + 2);
    const dated = await home.run([
      'checkin',
      '--week',
      wednesday.toISOString().slice(0, 10),
      '--hands-on',
      '90',
      '--deep-work',
      '0',
    ]);
    expect(dated.code, dated.stderr).toBe(0);
    expect(await checkinsOf(mondayBefore(3))).toHaveLength(1);
  });

  it('refuses: missing values for a new week and bad numbers (exit 2), values the API refuses (exit 1)', async () => {
    expectCliFailure(
      await home.run(['checkin', '--week', mondayBefore(5), '--hands-on', '50']),
      2,
      new RegExp(
        `^leadtrack: The week of ${mondayBefore(5)} has no check-in yet: give --hands-on and --deep-work`,
      ),
    );
    expectCliFailure(
      await home.run(['checkin', '--hands-on', 'most']),
      2,
      /--hands-on must be a whole number, not "most"/,
    );
    expectCliFailure(
      await home.run(['checkin', '--week', 'soon']),
      2,
      /--week "soon" is not a week/,
    );
    const refused = await home.run([
      ...['checkin', '--week', mondayBefore(6)],
      ...'--hands-on 150 --deep-work 99'.split(' '),
    ]);
    expectFieldErrors(refused, [
      'Hands-on share must be a whole number from 0 to 100.',
      'Deep-work blocks must be a whole number from 0 to 50.',
    ]);
    expect(await checkinsOf(mondayBefore(5))).toEqual([]);
    expect(await checkinsOf(mondayBefore(6))).toEqual([]);
  });
});

describe('leadtrack status', () => {
  it("counts this week's kinds, names the missing ones, the check-in and the signals", async () => {
    // Three finished weeks in a row without deep work raise a signal (set up through the API).
    for (const weeks of [2, 3, 4]) {
      const done = await call(app, 'PUT', `/api/v1/checkins/${mondayBefore(weeks)}`, {
        token: cleo,
        body: { handsOnPercent: 70, deepWorkBlocks: 0, onLeave: false },
      });
      expect(done.status, done.text).toBe(200);
    }
    for (const kinds of [['review'], ['mentoring', 'review']]) {
      const done = await call(app, 'POST', '/api/v1/evidence', {
        token: cleo,
        body: { kinds, title: 'Worked with the team', occurredOn: today() },
      });
      expect(done.status, done.text).toBe(201);
    }
    // This week's check-in with deep work would clear the signal: none this week either.
    expect((await home.run(['checkin', '--deep-work', '0'])).code).toBe(0);
    const status = await home.run(['status']);
    expect(status.code, status.stderr).toBe(0);
    const lines = status.stdout.split('\n');
    expect(lines.slice(2)).toEqual([
      'Logged this week: review 2, mentoring 1.',
      'Missing this week: ownership, proposal, communication.',
      'Check-in: 60% hands-on, 0 deep-work blocks.',
      'Signals:',
      '  - Protect at least one deep-work block this week: three check-ins in a row had none.',
      '',
    ]);

    const json = await home.run(['status', '--json']);
    expect(json.code, json.stderr).toBe(0);
    const readiness = await call(app, 'GET', '/api/v1/users/me/readiness', {
      token: cleo,
      query: { weeks: 1 },
    });
    expect(JSON.parse(json.stdout)).toEqual({
      user: { id: cleo.id, name: 'Cleo' },
      asOf: today(),
      timeZone: 'UTC',
      current: readiness.body.current,
      week: {
        weekStart: mondayBefore(0),
        onLeave: false,
        counts: readiness.body.weeks.at(-1).counts,
        missingKinds: ['ownership', 'proposal', 'communication'],
      },
      checkin: expect.objectContaining({ weekStart: mondayBefore(0), deepWorkBlocks: 0 }),
      signals: readiness.body.signals,
    });
    expect(JSON.parse(json.stdout).signals.map((s: { code: string }) => s.code)).toContain(
      'losing-technical-currency',
    );
  });
});
