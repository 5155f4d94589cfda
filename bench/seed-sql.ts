// Seeding large organisations straight into Postgres (the org view of 300, the growth
// table): through the API that would be ~100,000 requests. Multi-row INSERT … SELECT
// statements, so the weekly aggregates are kept by the same triggers as every write (one
// refresh per statement, with transition tables). The same shape of history as the API
// seed in lib/seed-api.ts: 1-4 entries a week with 1-2 kinds (mostly the required ones), a check-in
// in ~90 % of weeks, ~4 % leave weeks, ~20 % of entries acknowledged by the manager.
import type pg from 'pg';

// BENCH_HISTORY=even: exactly 3 entries and a check-in every week (issue 20's measurements).
const EVEN = process.env.BENCH_HISTORY === 'even';

export interface SqlPerson {
  id: string;
  email: string;
}

/** `count` people reporting to `managerId`, signing in with `passwordHash`'s password. */
export async function insertPeople(
  client: pg.Client,
  options: {
    label: string;
    count: number;
    managerId: string | null;
    role?: string;
    passwordHash: string;
  },
): Promise<SqlPerson[]> {
  const { rows } = await client.query<SqlPerson>(
    `INSERT INTO users (id, email, name, password_hash, role, manager_id, updated_at)
     SELECT gen_random_uuid()::text, lower(replace($1, ' ', '.')) || '-' || i || '@bench.test', $1 || ' ' || lpad(i::text, 3, '0'),
       $2, $3::"Role", $4, now()
     FROM generate_series(1, $5::int) i
     RETURNING id, email`,
    [
      options.label,
      options.passwordHash,
      options.role ?? 'engineer',
      options.managerId,
      options.count,
    ],
  );
  return rows;
}

/** `weeks` weeks of history ending this week for each of `userIds`, acknowledged by `managerId`. */
export async function insertHistory(
  client: pg.Client,
  userIds: string[],
  weeks: number,
  managerId: string,
): Promise<void> {
  await client.query('SELECT setseed(0.42)');
  await client.query(
    `WITH kinds AS (
       SELECT ARRAY['ownership','review','proposal','communication','feedback']::"EvidenceKind"[] AS required,
              ARRAY['mentoring','unblocking']::"EvidenceKind"[] AS optional
     )
     INSERT INTO evidence (id, user_id, kinds, title, description, occurred_on, links, audience,
       source, version, created_at, updated_at)
     SELECT gen_random_uuid()::text, u, ARRAY[
         CASE WHEN random() < 0.85 THEN k.required[1 + floor(random() * 5)::int] ELSE k.optional[1 + floor(random() * 2)::int] END,
         CASE WHEN random() < 0.85 THEN k.required[1 + floor(random() * 5)::int] ELSE k.optional[1 + floor(random() * 2)::int] END
       ], 'Seeded week ' || w || ' item ' || n, 'Context, what I did, and what changed because of it.',
       least(iso_week_start(current_date) - 7 * w + floor(random() * 5)::int, current_date),
       ARRAY['https://example.com/pr/1'], 'team', 'manual', 1, now(), now()
     FROM unnest($1::text[]) u
     CROSS JOIN generate_series(0, $2::int - 1) w
     CROSS JOIN LATERAL generate_series(1, CASE WHEN $3 THEN 3 ELSE (1 + floor(random() * 4) + 0 * w)::int END) n
     CROSS JOIN kinds k`,
    [userIds, weeks, EVEN],
  );
  await client.query(
    `INSERT INTO checkins (id, user_id, week_start, hands_on_percent, deep_work_blocks, on_leave, updated_at)
     SELECT gen_random_uuid()::text, u, iso_week_start(current_date) - 7 * w,
       floor(random() * 100)::int, floor(random() * 5)::int, random() < 0.04, now()
     FROM unnest($1::text[]) u CROSS JOIN generate_series(0, $2::int - 1) w
     WHERE $3 OR random() < 0.9`,
    [userIds, weeks, EVEN],
  );
  await client.query(
    `INSERT INTO acknowledgements (id, evidence_id, by_id, comment, entry_version)
     SELECT gen_random_uuid()::text, e.id, $2, 'Nice work.', e.version
     FROM evidence e WHERE e.user_id = ANY($1::text[]) AND random() < 0.2`,
    [userIds, managerId],
  );
}

/**
 * The team both benchmarks read: `managerEmail` (registered already) made a manager, and
 * `count` reports signing in with the manager's password, each with `weeks` of history.
 */
export async function insertTeam(
  client: pg.Client,
  options: { managerEmail: string; count: number; weeks: number },
): Promise<{ managerId: string; reports: SqlPerson[] }> {
  const { rows } = await client.query(
    `UPDATE users SET role = 'manager' WHERE email = $1 RETURNING id, password_hash`,
    [options.managerEmail],
  );
  const managerId = rows[0].id as string;
  const reports = await insertPeople(client, {
    label: 'Report',
    count: options.count,
    managerId,
    passwordHash: rows[0].password_hash,
  });
  await insertHistory(
    client,
    reports.map((r) => r.id),
    options.weeks,
    managerId,
  );
  return { managerId, reports };
}

/** One new entry today for each of `userIds`, in one statement (everyone logged). */
export async function logOneEach(client: pg.Client, userIds: string[]): Promise<void> {
  await client.query(
    `INSERT INTO evidence (id, user_id, kinds, title, occurred_on, source, version, created_at, updated_at)
     SELECT gen_random_uuid()::text, u, ARRAY['review']::"EvidenceKind"[], 'Logged this morning',
       current_date, 'manual', 1, now(), now()
     FROM unnest($1::text[]) u`,
    [userIds],
  );
}
