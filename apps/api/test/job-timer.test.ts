import type { Database } from '@leadtrack/db';
import type { FastifyBaseLogger } from 'fastify';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Env } from '../src/env';
import type { JobContext, JobDefinition } from '../src/jobs/job';
import { crontab, startTimer } from '../src/jobs/runner';
import type { Mailer } from '../src/services/mail/mailer';

// The embedded database's scheduler (no graphile-worker there): on fake timers.
describe('the in-process job timer', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  const log = { info() {}, error: vi.fn() } as unknown as FastifyBaseLogger;
  const ctx: JobContext = {
    db: {} as Database,
    mailer: {} as Mailer,
    log,
    config: {} as Env,
    fetch,
  };

  it('runs each job at start, then just past every hour, with that clock', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-27T14:20:00Z') });
    const clocks: string[] = [];
    const job: JobDefinition = {
      hourly: true,
      async run(_ctx, { asOf }) {
        clocks.push(asOf.toISOString());
        return { done: 0, failed: 0 };
      },
    };
    const failing: JobDefinition = {
      hourly: true,
      run: async () => {
        throw new Error('SMTP down');
      },
    };
    const runner = startTimer(ctx, [
      ['failing', failing],
      ['job', job],
    ]);
    await vi.advanceTimersByTimeAsync(0);
    expect(clocks).toEqual(['2026-11-27T14:20:00.000Z']);
    // A job that throws is logged; the others still run and the timer goes on.
    expect(log.error).toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(40 * 60_000 + 4_000);
    expect(clocks).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(clocks).toEqual(['2026-11-27T14:20:00.000Z', '2026-11-27T15:00:05.000Z']);
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(clocks.at(-1)).toBe('2026-11-27T16:00:05.000Z');
    await runner.stop();
    await vi.advanceTimersByTimeAsync(3 * 3_600_000);
    expect(clocks).toHaveLength(3);
  });

  it('gives graphile-worker one hourly line per job, backfilling an hour, three attempts', () => {
    const lines = crontab().split('\n');
    expect(lines).toContain('0 * * * * weekly-reminders ?fill=1h&max=3');
    expect(lines).toContain('0 * * * * manager-digest ?fill=1h&max=3');
    expect(lines).toContain('0 * * * * github-sync ?fill=1h&max=3');
  });
});
