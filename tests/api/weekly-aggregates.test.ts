// The weekly aggregates (weekly_aggregates, kept by triggers) always equal a full
// recomputation from the base tables: after random sequences of every write the product
// makes (create, edit, delete, restore, acknowledgement, endorsement, check-in and leave
// changes, through the API) and of writes only SQL makes (a hard delete, an acknowledgement
// removed, multi-row statements as an import or a batch would run), after concurrent
// creates into one week, and after the migration's one-off backfill.
import { readFile } from 'node:fs/promises';
import { loadHistories, WeekStore } from '@leadtrack/api/data/weekly-aggregates';
import { addDays, addWeeks, EVIDENCE_KINDS, todayUtc, weekStartOf } from '@leadtrack/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { call, type TestUser } from '../support/http';
import { useTeam } from '../support/team';

const { app, sql, team } = useTeam();

const E = '/api/v1/evidence';
const today = todayUtc();
const thisWeek = weekStartOf(today);

// Both sides as the same text rows, ordered: [user, week, 7 kinds, entries, acknowledged,
// last_on, hands-on, deep work, leave].
const COLUMNS = `user_id, to_char(week_start, 'YYYY-MM-DD') AS week_start,
  ${EVIDENCE_KINDS.map((k) => `"${k}"`).join(', ')}, entries, acknowledged,
  to_char(last_on, 'YYYY-MM-DD') AS last_on, hands_on_percent, deep_work_blocks, on_leave`;

// A week emptied since keeps its row (zeros, no check-in): what it holds is compared.
const KEPT = `SELECT ${COLUMNS} FROM weekly_aggregates
  WHERE entries > 0 OR on_leave IS NOT NULL ORDER BY user_id, week_start`;

// The recomputation: written independently of the triggers' SQL (date_trunc for the week,
// a join for visibility), over every live entry and every check-in.
const RECOMPUTED = `
  WITH ev AS (
    SELECT e.user_id, date_trunc('week', e.occurred_on::timestamp)::date AS week_start,
      ${EVIDENCE_KINDS.map((k) => `count(*) FILTER (WHERE '${k}' = ANY(e.kinds))::int AS "${k}"`).join(', ')},
      count(*)::int AS entries,
      count(*) FILTER (WHERE v.evidence_id IS NOT NULL)::int AS acknowledged,
      max(e.occurred_on) AS last_on
    FROM evidence e
    LEFT JOIN (SELECT evidence_id FROM acknowledgements UNION SELECT evidence_id FROM endorsements) v
      ON v.evidence_id = e.id
    WHERE e.deleted_at IS NULL
    GROUP BY 1, 2
  ), full_weeks AS (
    SELECT coalesce(ev.user_id, c.user_id) AS user_id, coalesce(ev.week_start, c.week_start) AS week_start,
      ${EVIDENCE_KINDS.map((k) => `coalesce(ev."${k}", 0) AS "${k}"`).join(', ')},
      coalesce(ev.entries, 0) AS entries, coalesce(ev.acknowledged, 0) AS acknowledged,
      ev.last_on, c.hands_on_percent, c.deep_work_blocks, c.on_leave
    FROM ev FULL JOIN checkins c ON c.user_id = ev.user_id AND c.week_start = ev.week_start
  )
  SELECT ${COLUMNS} FROM full_weeks ORDER BY user_id, week_start`;

// The weeks a process holds in memory (WeekStore: only the rows changed since it last read
// each person) against the full statement over the table, for the team's people.
const store = new WeekStore();
const driver = {
  query: async (text: string, values?: unknown[]) => (await sql.query(text, values)).rows,
};
const byWeek = (a: { weekStart: string }, b: { weekStart: string }) =>
  a.weekStart.localeCompare(b.weekStart);

async function expectStoreEqualToFullRead() {
  const ids = [team.engineer.id, team.peer.id];
  const held = await store.histories(driver, ids, today);
  for (const { person, history } of await loadHistories(driver, { ids }, today)) {
    const mine = held.get(person.id);
    expect(mine?.weeks.toSorted(byWeek)).toEqual(history.weeks.toSorted(byWeek));
    expect(mine?.checkins.toSorted(byWeek)).toEqual(history.checkins.toSorted(byWeek));
    expect(mine?.lastEvidenceOn).toBe(history.lastEvidenceOn);
    expect(mine?.agreementConfirmedOn).toBe(history.agreementConfirmedOn);
  }
}

async function expectEqualToRecomputation() {
  const kept = await sql.query(KEPT);
  const recomputed = await sql.query(RECOMPUTED);
  expect(kept.rows).toEqual(recomputed.rows);
  return kept.rows.length;
}

// ---- the commands ----------------------------------------------------------------------

type Owner = 'engineer' | 'peer';
const owner = fc.constantFrom<Owner>('engineer', 'peer');
/** An entry among those made so far (an index modulo their count). */
const pick = fc.nat();
/** A day of the last six weeks, never after today. */
const day = fc
  .record({ weeksAgo: fc.integer({ min: 0, max: 5 }), weekday: fc.integer({ min: 0, max: 6 }) })
  .map(({ weeksAgo, weekday }) => {
    const d = addDays(addWeeks(thisWeek, -weeksAgo), weekday);
    if (d > today) return today;
    return d;
  });
const kinds = fc.subarray([...EVIDENCE_KINDS], { minLength: 1, maxLength: 3 });

const command = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('create' as const), owner, day, kinds }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('edit' as const),
      pick,
      day: fc.option(day, { nil: undefined }),
      kinds: fc.option(kinds, { nil: undefined }),
      title: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), pick }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('restore' as const), pick }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('acknowledge' as const), pick }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('endorse' as const), pick }) },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('checkin' as const),
      owner,
      weeksAgo: fc.integer({ min: 0, max: 5 }),
      onLeave: fc.boolean(),
      handsOnPercent: fc.integer({ min: 0, max: 100 }),
      deepWorkBlocks: fc.integer({ min: 0, max: 5 }),
    }),
  },
  // Writes only SQL makes: the API never removes an acknowledgement or purges an entry, but
  // a retention job, an import or a batch statement may; the triggers must not care.
  { weight: 1, arbitrary: fc.record({ op: fc.constant('unacknowledge' as const), pick }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('purge' as const), pick }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('bulkInsert' as const), owner, day }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('bulkMove' as const), owner, day }) },
);
type Command = typeof command extends fc.Arbitrary<infer C> ? C : never;

/** Any answer but a server error: a command may be refused (a second acknowledgement, …). */
function expectNoServerError(res: { status: number; text: string }) {
  expect(res.status, res.text).toBeLessThan(500);
}

async function run(cmd: Command, entries: { id: string; owner: TestUser }[]) {
  const { manager, stranger } = team;
  const entry = 'pick' in cmd ? entries[cmd.pick % Math.max(entries.length, 1)] : undefined;
  switch (cmd.op) {
    case 'create': {
      const res = await call(app, 'POST', E, {
        token: team[cmd.owner].token,
        body: { kinds: cmd.kinds, title: 'Random entry', occurredOn: cmd.day },
      });
      expect(res.status, res.text).toBe(201);
      entries.push({ id: res.body.id, owner: team[cmd.owner] });
      return;
    }
    case 'checkin': {
      const res = await call(app, 'PUT', `/api/v1/checkins/${addWeeks(thisWeek, -cmd.weeksAgo)}`, {
        token: team[cmd.owner].token,
        body: {
          handsOnPercent: cmd.handsOnPercent,
          deepWorkBlocks: cmd.deepWorkBlocks,
          onLeave: cmd.onLeave,
        },
      });
      expectNoServerError(res);
      return;
    }
    case 'bulkInsert':
      // One statement, several rows for one user over several weeks.
      await sql.query(
        `INSERT INTO evidence (id, user_id, kinds, title, occurred_on, updated_at)
         SELECT gen_random_uuid()::text, $1, ARRAY['review', 'mentoring']::"EvidenceKind"[],
           'Imported', $2::date - 7 * g, now()
         FROM generate_series(0, 2) g`,
        [team[cmd.owner].id, cmd.day],
      );
      return;
    case 'bulkMove':
      // One statement moving every live entry of a user dated on a day to another week.
      await sql.query(
        `UPDATE evidence SET occurred_on = occurred_on - 7
          WHERE user_id = $1 AND occurred_on = $2::date AND deleted_at IS NULL`,
        [team[cmd.owner].id, cmd.day],
      );
      return;
  }
  if (!entry) return;
  const path = `${E}/${entry.id}`;
  switch (cmd.op) {
    case 'edit': {
      const body = {
        ...(cmd.day && { occurredOn: cmd.day }),
        ...(cmd.kinds && { kinds: cmd.kinds }),
        ...((cmd.title || (!cmd.day && !cmd.kinds)) && { title: 'Edited title' }),
      };
      expectNoServerError(await call(app, 'PATCH', path, { token: entry.owner.token, body }));
      return;
    }
    case 'delete':
      expectNoServerError(await call(app, 'DELETE', path, { token: entry.owner.token }));
      return;
    case 'restore':
      expectNoServerError(await call(app, 'POST', `${path}/restore`, { token: entry.owner.token }));
      return;
    case 'acknowledge':
      expectNoServerError(
        await call(app, 'POST', `${path}/acknowledgements`, {
          token: manager.token,
          body: { comment: 'Seen' },
        }),
      );
      return;
    case 'endorse': {
      const asked = await call(app, 'POST', `${path}/endorsement-requests`, {
        token: entry.owner.token,
        body: { userId: stranger.id },
      });
      expectNoServerError(asked);
      if (asked.status !== 201) return;
      expectNoServerError(
        await call(app, 'POST', `/api/v1/endorsement-requests/${asked.body.id}/endorse`, {
          token: stranger.token,
          body: { comment: 'I saw it' },
        }),
      );
      return;
    }
    case 'unacknowledge':
      await sql.query('DELETE FROM acknowledgements WHERE evidence_id = $1', [entry.id]);
      return;
    case 'purge':
      await sql.query('DELETE FROM evidence WHERE id = $1', [entry.id]);
      return;
  }
}

describe('weekly aggregates', () => {
  it('equal a full recomputation after random sequences of writes', async () => {
    const entries: { id: string; owner: TestUser }[] = [];
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 20 }), async (commands) => {
        for (const cmd of commands) await run(cmd, entries);
        await expectEqualToRecomputation();
        await expectStoreEqualToFullRead();
        checked++;
      }),
      { numRuns: 12 },
    );
    expect(checked).toBeGreaterThanOrEqual(12);
    // The sequences did build a history (not only refused commands).
    expect(await expectEqualToRecomputation()).toBeGreaterThan(3);
  }, 300_000);

  it('stay equal under concurrent creates into the same week', async () => {
    const { engineer } = team;
    const created = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        call(app, 'POST', E, {
          token: engineer.token,
          body: {
            kinds: [EVIDENCE_KINDS[i % EVIDENCE_KINDS.length]],
            title: `Parallel ${i}`,
            occurredOn: today,
          },
        }),
      ),
    );
    for (const res of created) expect(res.status, res.text).toBe(201);
    await expectEqualToRecomputation();
    const { rows } = await sql.query(
      'SELECT entries FROM weekly_aggregates WHERE user_id = $1 AND week_start = $2',
      [engineer.id, thisWeek],
    );
    expect(rows[0].entries).toBeGreaterThanOrEqual(16);
  }, 60_000);

  it('are rebuilt from the base tables by the migration’s one-off backfill', async () => {
    const migration = await readFile(
      new URL(
        '../../prisma/migrations/20261125234918_weekly_aggregates/migration.sql',
        import.meta.url,
      ),
      'utf8',
    );
    const backfill = migration.slice(migration.indexOf('-- The one-off backfill'));
    const before = await sql.query(KEPT);
    expect(before.rows.length).toBeGreaterThan(0);
    await sql.query('DELETE FROM weekly_aggregates');
    await sql.query(backfill);
    expect((await sql.query(KEPT)).rows).toEqual(before.rows);
    await expectEqualToRecomputation();
  });

  it('go with the user: a deleted account leaves no rows', async () => {
    const { peer } = team;
    await sql.query('DELETE FROM users WHERE id = $1', [peer.id]);
    const { rows } = await sql.query('SELECT 1 FROM weekly_aggregates WHERE user_id = $1', [
      peer.id,
    ]);
    expect(rows).toEqual([]);
    await expectEqualToRecomputation();
  });
});
