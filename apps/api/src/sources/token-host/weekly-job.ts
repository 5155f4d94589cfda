// The weekly sync of a code host: every connected, active person, once a new ISO week has
// begun in their own zone (the hourly tick after Monday 00:00 local), so last week's reviews
// are complete. Due when the person's last successful sync (or, before any, the connection)
// falls in an earlier local week: a second run the same week finds nobody due, and a sync
// that failed is tried again on the next tick. One person at a time (each waits for their
// own token's rate limit); people whose sync is running already are left to it.
import type { JobResult } from '../../jobs/job';
import { localWeekOf } from '../../jobs/schedule';
import { HttpProblem } from '../../lib/problem';
import type { Source, SourceContext } from '../source';
import type { ConnectedPerson, TokenHostStore } from './connections';
import type { HostFailure } from './failures';

/** True once the person's local week at `asOf` is later than the week of `since`. */
export function isDue(person: ConnectedPerson, asOf: Date): boolean {
  return (
    localWeekOf(person.timeZone, asOf).weekStart >
    localWeekOf(person.timeZone, person.since).weekStart
  );
}

export function weeklySyncJob(host: {
  store: TokenHostStore;
  failure(error: unknown): HostFailure | null;
  sync(ctx: SourceContext, person: ConnectedPerson, asOf: Date): Promise<unknown>;
}): Source['job'] {
  return {
    hourly: true,
    async run(ctx, { asOf }): Promise<JobResult> {
      const result: JobResult = { done: 0, failed: 0 };
      const people = await host.store.connectedPeople(ctx.db);
      for (const person of people.filter((p) => isDue(p, asOf))) {
        try {
          await host.sync(ctx, person, asOf);
          result.done += 1;
        } catch (error) {
          if (error instanceof HttpProblem) {
            // A token the host refuses waits for its owner to connect again (Settings shows
            // it): retrying the tick would change nothing.
            if (host.failure(error.cause)?.kind === 'token-refused') continue;
            // Someone else's sync took the lease meanwhile, or they disconnected.
            if (error.cause === undefined) continue;
          }
          result.failed += 1;
          ctx.log.warn(
            { userId: person.id, reason: error instanceof Error ? error.message : String(error) },
            `${host.store.label} sync failed`,
          );
        }
      }
      return result;
    },
  };
}
