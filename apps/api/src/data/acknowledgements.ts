// "Current" acknowledgements and endorsements, declared once. Each records the entry's
// version it was given on (`entry_version`); the entry records the version at which its
// title, description, kinds, date or links last changed (`content_version`, kept by the
// trigger of migration 20261207100000_evidence_versions). One is current while
//   entry_version >= content_version
// Readiness counts acknowledgements of any version (weekly_aggregates); what waits for a
// manager (the agenda, the Team page's unacknowledged count, the digest) asks for a
// CURRENT one by that manager: use the conditions below rather than writing the rule again.
import { Prisma } from '@leadtrack/db';

/**
 * SQL text: the entry aliased `entry` (default `e`) has a current acknowledgement by the
 * user `by` (an SQL expression: a column such as `r.manager_id`, or a `$n` placeholder).
 * For statements written as text (`db.query`).
 */
export function currentAcknowledgementByText(by: string, entry = 'e'): string {
  return `EXISTS (SELECT 1 FROM acknowledgements ca
                   WHERE ca.evidence_id = ${entry}.id AND ca.by_id = ${by}
                     AND ca.entry_version >= ${entry}.content_version)`;
}

/**
 * The same condition for `Prisma.sql` templates, `by` a user id (bound as a parameter) or
 * an SQL fragment: `${hasCurrentAcknowledgementBy(caller.id)}`, or with another alias
 * `${hasCurrentAcknowledgementBy(Prisma.raw('r.manager_id'), 'ev')}`.
 */
export function hasCurrentAcknowledgementBy(by: string | Prisma.Sql, entry = 'e'): Prisma.Sql {
  const alias = Prisma.raw(entry);
  return Prisma.sql`EXISTS (SELECT 1 FROM acknowledgements ca
                             WHERE ca.evidence_id = ${alias}.id AND ca.by_id = ${by}
                               AND ca.entry_version >= ${alias}.content_version)`;
}

/** Whether one acknowledgement or endorsement row is current for its entry, in TypeScript. */
export function isCurrent(given: { entryVersion: number }, entry: { contentVersion: number }) {
  return given.entryVersion >= entry.contentVersion;
}
