// The database triggers that bump users.data_version (the version every per-process cache
// is keyed by), as prisma/migrations/20261207140100_freshness_triggers defines them: a
// write through any path, in any process, moves the version in its own transaction.
// tests/api/freshness-triggers.test.ts holds this list equal to pg_trigger, so a trigger
// added, dropped or changed in a migration is declared here too.

export type TriggerEvent = 'INSERT' | 'UPDATE' | 'DELETE';

export interface DataVersionTrigger {
  table: string;
  name: string;
  /** The trigger function. */
  runs: string;
  events: readonly TriggerEvent[];
  /** Once per statement (with transition tables) or once per row. */
  level: 'statement' | 'row';
}

// Entries, check-ins, acknowledgements and endorsements: per statement, with transition
// tables (one event per trigger), recounting weekly_aggregates too.
const AGGREGATED = ['evidence', 'checkins', 'acknowledgements', 'endorsements'] as const;
const EVENTS = ['INSERT', 'UPDATE', 'DELETE'] as const;

export const DATA_VERSION_TRIGGERS: readonly DataVersionTrigger[] = [
  ...AGGREGATED.flatMap((table) =>
    EVENTS.map((event) => ({
      table,
      name: `${table}_${event.toLowerCase()}_aggregates`,
      runs: 'track_weekly_aggregates',
      events: [event],
      level: 'statement' as const,
    })),
  ),
  // The working agreement (unclear-em-boundary): its lead's version.
  {
    table: 'working_agreements',
    name: 'working_agreements_bump_data_version',
    runs: 'bump_user_data_version',
    events: EVENTS,
    level: 'row',
  },
  // A rename: the owners of entries the person acknowledged or endorsed (evidence pages).
  {
    table: 'users',
    name: 'users_rename_bumps_evidence_owners',
    runs: 'bump_owners_on_rename',
    events: ['UPDATE'],
    level: 'row',
  },
];
