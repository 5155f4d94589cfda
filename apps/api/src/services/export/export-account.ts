// GET /me/export: everything the caller's account holds about them, as one JSON document
// they can keep or import elsewhere (POST /imports, format json). Always the caller's own:
// no one exports another person's account, admins included.
import type { Database } from '@leadtrack/db';
import { type AccountExport, type Evidence, EXPORT_FORMAT } from '@leadtrack/schemas';
import type { Caller } from '../../plugins/app/authenticate';
import { readAgreement } from '../agreement/read-agreement';
import { listCheckins } from '../checkins';
import { ENTRY_JSON } from '../evidence/read-evidence';
import { listFeedback } from '../feedback';
import { listReflections } from '../reflections/list-reflections';
import { accountFacts, toMeDto } from '../users/to-user-dto';

/** Live entries, oldest first, shaped by Postgres as the evidence list shapes them. */
async function allEntries(db: Database, userId: string): Promise<Evidence[]> {
  const rows = await db.query<{ entry: string }>(
    `SELECT ${ENTRY_JSON.text} AS entry FROM evidence e
      WHERE e.user_id = $1 AND e.deleted_at IS NULL
      ORDER BY e.occurred_on, e.id`,
    [userId],
  );
  return rows.map((row) => JSON.parse(row.entry) as Evidence);
}

export async function exportAccount(db: Database, caller: Caller): Promise<AccountExport> {
  const [evidence, checkins, feedback, reflections, agreement, facts] = await Promise.all([
    allEntries(db, caller.id),
    listCheckins(db.prisma, caller, {}),
    listFeedback(db.prisma, caller, caller.id),
    listReflections(db.prisma, caller, caller.id),
    readAgreement(db.prisma, caller, caller.id),
    accountFacts(db.prisma, caller.id),
  ]);
  return {
    format: EXPORT_FORMAT,
    version: 1,
    exportedAt: new Date().toISOString(),
    user: toMeDto(caller, facts),
    evidence,
    checkins,
    feedback,
    reflections: reflections.items,
    agreement,
  };
}
