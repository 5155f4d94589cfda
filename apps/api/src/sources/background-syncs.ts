// Syncs that run after the request that started them has been answered (the 26-week
// backfill on connecting takes minutes under GitHub's search limit of 30 a minute). Each
// records its own outcome (last_sync_at or last_error); here they are only kept track of,
// so that closing the app aborts them and waits for them to record it.
import type { FastifyBaseLogger } from 'fastify';

export class BackgroundSyncs {
  private readonly controller = new AbortController();
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly log: FastifyBaseLogger) {}

  /** Runs `work` in the background; a failure it throws is logged (it records its own outcome). */
  start(userId: string, work: (signal: AbortSignal) => Promise<unknown>): void {
    const run: Promise<void> = work(this.controller.signal)
      .then(
        () => undefined,
        (error: unknown) => {
          if (!this.controller.signal.aborted)
            this.log.error({ err: error, userId }, 'background GitHub sync failed');
        },
      )
      .finally(() => this.running.delete(run));
    this.running.add(run);
  }

  /** Settles once every sync running now has finished (tests; closing). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  async close(): Promise<void> {
    this.controller.abort(new Error('The server is stopping.'));
    await this.idle();
  }
}
