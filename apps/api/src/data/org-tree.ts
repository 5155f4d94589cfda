// The organisation view's people: everyone under a manager, transitively (or everyone), with
// their data versions, and the access check, in one round trip.
//
// The manager tree is walked in SQL by recursive CTEs. Reporting lines cannot form a cycle
// through the API (PATCH /users refuses it), but the walk must not trust that: each step
// carries the path it came by and never revisits a user on it, so a cycle written straight
// into the table ends the walk instead of looping. Every step is an indexed read of
// users(manager_id), one level of the tree at a time.
import { Prisma } from '@leadtrack/db';
import type { Caller } from '../plugins/app/authenticate';
import { CALLER_COLUMNS_SQL } from './user-columns';
import type { VersionedPerson } from './weekly-aggregates';

/**
 * Whose organisation: `everyone` (admins, no manager named) or everyone `under` a manager,
 * which `caller` may read if they are an admin, that manager, or above them in the tree.
 */
export type OrgScope = { everyone: true } | { under: string; caller: Pick<Caller, 'id' | 'role'> };

export interface OrgMember extends VersionedPerson {
  /** The direct manager's name (null without a manager: only in the `everyone` scope). */
  managerName: string | null;
}

export interface OrgTree {
  /** The named manager exists and the caller may read their organisation (always for `everyone`). */
  allowed: boolean;
  /**
   * Active people only (a deactivated account has left; the walk still passes through it),
   * ordered so that each manager's reports are contiguous: by level (the named manager's
   * direct reports first; `everyone`: the people without a manager first, and people in a
   * cycle no top reaches last), then manager name and id, then name and id.
   */
  members: OrgMember[];
}

// The walk's first level and the access condition, per scope. `tree` rows are
// (id, depth, path); the anchor's path starts with the named manager, so a cycle back to
// them ends the walk too.
function anchorOf(scope: OrgScope): { access: Prisma.Sql; anchor: Prisma.Sql; rest: Prisma.Sql } {
  if ('everyone' in scope) {
    return {
      access: Prisma.sql`SELECT true AS allowed`,
      anchor: Prisma.sql`SELECT u.id, 1, ARRAY[u.id] FROM users u WHERE u.manager_id IS NULL`,
      // People whose chain of managers loops without reaching a top: no anchor reaches them,
      // yet they are part of everyone.
      rest: Prisma.sql`UNION ALL
        SELECT u.id, NULL::int FROM users u WHERE NOT EXISTS (SELECT 1 FROM tree t WHERE t.id = u.id)`,
    };
  }
  const root = scope.under;
  const isAdmin = scope.caller.role === 'admin';
  return {
    // The named manager's own managers, up the chain (cycle-safe the same way): the caller
    // must be the manager, one of those, or an admin. Unknown and not-under answer alike.
    access: Prisma.sql`SELECT EXISTS (SELECT 1 FROM users WHERE id = ${root}::text)
        AND (${isAdmin}::boolean OR ${root}::text = ${scope.caller.id}::text
             OR EXISTS (SELECT 1 FROM chain WHERE chain.id = ${scope.caller.id}::text)) AS allowed`,
    anchor: Prisma.sql`SELECT u.id, 1, ARRAY[${root}::text, u.id] FROM users u
        WHERE u.manager_id = ${root}::text AND u.id <> ${root}::text AND (SELECT allowed FROM access)`,
    rest: Prisma.empty,
  };
}

/** The statement (exported so the benchmark can EXPLAIN exactly what runs). */
export function orgTreeSql(scope: OrgScope): Prisma.Sql {
  const { access, anchor, rest } = anchorOf(scope);
  const root = 'under' in scope ? scope.under : null;
  return Prisma.sql`
    WITH RECURSIVE chain(id, path) AS (
      SELECT u.manager_id, ARRAY[u.id, u.manager_id] FROM users u
       WHERE u.id = ${root}::text AND u.manager_id IS NOT NULL
      UNION ALL
      SELECT u.manager_id, c.path || u.manager_id FROM chain c JOIN users u ON u.id = c.id
       WHERE u.manager_id IS NOT NULL AND NOT u.manager_id = ANY(c.path)
    ), access AS (
      ${access}
    ), tree(id, depth, path) AS (
      ${anchor}
      UNION ALL
      SELECT u.id, t.depth + 1, t.path || u.id FROM tree t JOIN users u ON u.manager_id = t.id
       WHERE NOT u.id = ANY(t.path)
    ), members(id, depth) AS (
      SELECT id, depth FROM tree
      ${rest}
    )
    SELECT a.allowed, m.*
    FROM access a
    LEFT JOIN (
      SELECT ${CALLER_COLUMNS_SQL}, u.deactivated_at AS "deactivatedAt",
        false AS "sponsoredByCaller", u.data_version::text AS "dataVersion",
        boss.name AS "managerName", p.depth
      FROM members p
      JOIN users u ON u.id = p.id AND u.deactivated_at IS NULL
      LEFT JOIN users boss ON boss.id = u.manager_id
    ) m ON true
    ORDER BY m.depth NULLS LAST, m."managerName", m."managerId", m.name, m.id`;
}

interface Row {
  allowed: boolean;
  id: string | null;
  email: string;
  name: string;
  role: VersionedPerson['person']['role'];
  managerId: string | null;
  timeZone: string;
  deactivatedAt: Date | null;
  sponsoredByCaller: boolean;
  dataVersion: string;
  managerName: string | null;
}

/** The people of `scope` and whether the caller may read them: one statement. */
export async function loadOrgTree(
  db: { query<T>(text: string, values?: unknown[]): Promise<T[]> },
  scope: OrgScope,
): Promise<OrgTree> {
  const sql = orgTreeSql(scope);
  const rows = await db.query<Row>(sql.text, sql.values);
  const allowed = rows[0]?.allowed === true;
  const members: OrgMember[] = [];
  for (const row of rows) {
    if (row.id === null) continue;
    const { allowed: _allowed, dataVersion, managerName, ...person } = row;
    members.push({ person: { ...person, id: row.id }, dataVersion, managerName });
  }
  return { allowed, members };
}
