// The weekly GitLab sync: every connected, active person, once a new ISO week has begun in
// their own zone (the hourly tick after Monday 00:00 local), so last week's reviews are
// complete. Due when the last successful sync (or, before any, the connection) falls in an
// earlier local week; a failed sync is tried again on the next tick, a refused token waits
// for its owner to connect again (Settings shows it).
import type { JobResult } from '../../jobs/job';
import { localWeekOf } from '../../jobs/schedule';
import { HttpProblem } from '../../lib/problem';
import type { Source } from '../source';
import { SYNC_LEASE } from './connection';
import { gitlabLimits } from './env';
import { GitlabTokenRefused } from './gitlab-client';
import { syncGitlab } from './sync-gitlab';

export const gitlabSync: Source['job'] = {
  hourly: true,
  async run(ctx, { asOf }): Promise<JobResult> {
    const people = await ctx.db.query<{ id: string; timeZone: string; since: Date }>(
      `SELECT u.id, u.time_zone AS "timeZone", coalesce(g.last_sync_at, g.connected_at) AS since
         FROM gitlab_integrations g JOIN users u ON u.id = g.user_id
        WHERE u.deactivated_at IS NULL
          AND (g.sync_started_at IS NULL OR g.sync_started_at < now() - interval '${SYNC_LEASE}')
        ORDER BY u.id`,
    );
    const result: JobResult = { done: 0, failed: 0 };
    for (const person of people) {
      const due =
        localWeekOf(person.timeZone, asOf).weekStart >
        localWeekOf(person.timeZone, person.since).weekStart;
      if (!due) continue;
      try {
        await syncGitlab(ctx.db, person, { limits: gitlabLimits(ctx), now: asOf });
        result.done += 1;
      } catch (error) {
        if (error instanceof HttpProblem && error.cause instanceof GitlabTokenRefused) continue;
        if (error instanceof HttpProblem && error.cause === undefined) continue;
        result.failed += 1;
        ctx.log.warn(
          { userId: person.id, reason: error instanceof Error ? error.message : String(error) },
          'GitLab sync failed',
        );
      }
    }
    return result;
  },
};
