// The weekly GitHub sync: every connected, active person, once a new ISO week has begun in
// their own zone (the hourly tick after Monday 00:00 local), so last week's reviews are
// complete. Due when the person's last successful sync (or, before any, the connection)
// falls in an earlier local week: a second run the same week finds nobody due, and a sync
// that failed is tried again on the next tick. One person at a time (each waits for their
// own token's rate limit); people whose sync is running already are left to it.
import type { JobResult } from '../../jobs/job';
import { localWeekOf } from '../../jobs/schedule';
import { HttpProblem } from '../../lib/problem';
import type { Source, SourceContext } from '../source';
import { githubLimits } from './env';
import { GithubTokenRefused } from './github-client';
import { SYNC_LEASE, syncGithub } from './sync-github';

interface Connected {
  id: string;
  timeZone: string;
  /** The last successful sync, or the connection before any. */
  since: Date;
}

async function connectedPeople(ctx: SourceContext): Promise<Connected[]> {
  return ctx.db.query<Connected>(
    `SELECT u.id, u.time_zone AS "timeZone", coalesce(g.last_sync_at, g.connected_at) AS since
       FROM github_integrations g JOIN users u ON u.id = g.user_id
      WHERE u.deactivated_at IS NULL
        AND (g.sync_started_at IS NULL OR g.sync_started_at < now() - interval '${SYNC_LEASE}')
      ORDER BY u.id`,
  );
}

/** True once the person's local week at `asOf` is later than the week of `since`. */
export function isDue(person: Connected, asOf: Date): boolean {
  return (
    localWeekOf(person.timeZone, asOf).weekStart >
    localWeekOf(person.timeZone, person.since).weekStart
  );
}

export const githubSync: Source['job'] = {
  hourly: true,
  async run(ctx, { asOf }): Promise<JobResult> {
    const result: JobResult = { done: 0, failed: 0 };
    for (const person of (await connectedPeople(ctx)).filter((p) => isDue(p, asOf))) {
      try {
        await syncGithub(ctx.db, person, { limits: githubLimits(ctx), now: asOf });
        result.done += 1;
      } catch (error) {
        // A token GitHub refuses waits for its owner to connect again (Settings shows it):
        // retrying the tick would change nothing. Anything else is tried again.
        if (error instanceof HttpProblem && error.cause instanceof GithubTokenRefused) continue;
        // Someone else's sync took the lease meanwhile, or they disconnected: not a failure.
        if (error instanceof HttpProblem && error.cause === undefined) continue;
        result.failed += 1;
        ctx.log.warn(
          { userId: person.id, reason: error instanceof Error ? error.message : String(error) },
          'GitHub sync failed',
        );
      }
    }
    return result;
  },
};
