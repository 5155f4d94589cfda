// Runs the hourly jobs of the registry. Two runners, one behaviour:
//
// - Postgres: graphile-worker 0.16 (a job queue in the database itself, schema
//   `graphile_worker`). Its crontab enqueues each job at the top of every hour; the tick is
//   recorded in `known_crontabs` in the same transaction, so with two or more API
//   processes each tick is enqueued once and run by one of them (jobs are locked with
//   SKIP LOCKED). `?fill=1h` backfills a tick missed while every process was down (a
//   restart across the hour); `?max=3` retries a tick whose mail failed, with backoff. The
//   tick's own time (`_cron.ts`) is the clock the job runs with. Chosen over pg-boss 11
//   (needs Node 22) and graphile-worker 0.17 (the same).
// - The embedded database (PGlite, one process by construction, no LISTEN/NOTIFY worker):
//   an in-process timer runs the same jobs once at start (the catch-up a restart needs)
//   and then at the top of every hour.
//
// Either way a job does its work once per person and week whatever runs it, how often and
// how many at once (jobs/deliveries.ts), so a backfill, a retry or a manual run
// (POST /admin/jobs/:name/run) can never mail anyone twice.
import { withPostgresLock } from '@leadtrack/db';
import type { Env } from '../env';
import type { JobContext, JobDefinition } from './job';
import { JOBS } from './registry';

export interface JobRunner {
  stop(): Promise<void>;
}

const HOUR_MS = 3_600_000;

function hourlyJobs(): [string, JobDefinition][] {
  return Object.entries(JOBS).filter(([, job]) => job.hourly);
}

/** The crontab graphile-worker runs: each hourly job at minute 0. */
export function crontab(): string {
  return hourlyJobs()
    .map(([name]) => `0 * * * * ${name} ?fill=1h&max=3`)
    .join('\n');
}

/** Runs one job as of `asOf`, logging and counting the run (scheduled or manual). */
export async function runJob(ctx: JobContext, name: string, job: JobDefinition, asOf: Date) {
  let result: Awaited<ReturnType<JobDefinition['run']>>;
  try {
    result = await job.run(ctx, { asOf });
  } catch (error) {
    ctx.metrics?.jobRan(name, 'threw');
    throw error;
  }
  ctx.metrics?.jobRan(name, result);
  if (result.done > 0 || result.failed > 0) {
    ctx.log.info({ job: name, asOf: asOf.toISOString(), ...result }, 'job ran');
  }
  return result;
}

/** The advisory lock graphile-worker's schema is installed under (beside the migrators'). */
const WORKER_SCHEMA_LOCK = 72707370;

async function startGraphileWorker(ctx: JobContext, connectionString: string): Promise<JobRunner> {
  // Loaded only when a process runs jobs: tests and the embedded database never need it.
  const { Logger, run, runMigrations } = await import('graphile-worker');
  const logger = new Logger((scope) => (level, message, meta) => {
    const log = ctx.log.child({
      worker: scope.label ?? 'graphile-worker',
      task: scope.taskIdentifier,
    });
    if (level === 'error') log.error(meta ?? {}, message);
    else if (level === 'warning') log.warn(meta ?? {}, message);
    else log.debug(meta ?? {}, message);
  });
  const taskList = Object.fromEntries(
    hourlyJobs().map(([name, job]) => [
      name,
      async (payload: unknown) => {
        const ts = (payload as { _cron?: { ts?: string } } | null)?._cron?.ts;
        const result = await runJob(ctx, name, job, ts ? new Date(ts) : new Date());
        // Thrown so graphile-worker retries the tick; what was sent stays sent.
        if (result.failed > 0) throw new Error(`${name}: ${result.failed} not sent, retrying`);
      },
    ]),
  );
  // graphile-worker installs its schema on its first start: several processes starting
  // at once on a new database raced there (one exited on a duplicate graphile_worker
  // schema). They install it one after another, under an advisory lock of their own.
  await withPostgresLock(connectionString, WORKER_SCHEMA_LOCK, () =>
    runMigrations({ connectionString, logger }),
  );
  const runner = await run({
    connectionString,
    concurrency: 1,
    maxPoolSize: 2,
    noHandleSignals: true,
    logger,
    taskList,
    crontab: crontab(),
  });
  return {
    async stop() {
      await runner.stop();
    },
  };
}

/**
 * The embedded database's scheduler: runs `jobs` at once, then a few seconds past every
 * hour (exported with its jobs and clock as parameters for its test).
 */
export function startTimer(
  ctx: JobContext,
  jobs: [string, JobDefinition][] = hourlyJobs(),
  now: () => number = Date.now,
): JobRunner {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const tick = () => {
    const asOf = new Date(now());
    running = (async () => {
      for (const [name, job] of jobs) {
        if (stopped) return;
        await runJob(ctx, name, job, asOf).catch((err: unknown) =>
          ctx.log.error({ err, job: name }, 'scheduled job failed; retried on the next tick'),
        );
      }
    })();
    void running.finally(schedule);
  };
  const schedule = () => {
    if (stopped) return;
    // A few seconds past the hour, so the tick lands in the new hour whatever the drift.
    const next = Math.floor(now() / HOUR_MS) * HOUR_MS + HOUR_MS + 5_000;
    timer = setTimeout(tick, next - now());
    timer.unref();
  };
  tick();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

/** Starts the runner that fits the database; `stop` waits for a job in progress. */
export async function startJobRunner(
  ctx: JobContext,
  config: Pick<Env, 'DATABASE_URL'>,
): Promise<JobRunner> {
  if (ctx.db.kind === 'postgres' && config.DATABASE_URL) {
    return startGraphileWorker(ctx, config.DATABASE_URL);
  }
  return startTimer(ctx);
}
