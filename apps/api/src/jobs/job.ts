// What every scheduled job is: a handler given the app's parts and the clock it runs at.
import type { Database } from '@leadtrack/db';
import type { FastifyBaseLogger } from 'fastify';
import type { Env } from '../env';
import type { AppMetrics } from '../plugins/app/metrics';
import type { Mailer } from '../services/mail/mailer';

export interface JobContext {
  db: Database;
  mailer: Mailer;
  log: FastifyBaseLogger;
  /** The app's configuration (a source's job reads its own settings). */
  config: Env;
  /** Fetches on people's behalf (the sources): public addresses and OUTBOUND_ALLOW. */
  fetch: typeof fetch;
  /** Counts runs and failures for GET /metrics (absent: not counted). */
  metrics?: Pick<AppMetrics, 'jobRan'>;
}

export interface JobResult {
  /** People the job did its work for this run (mailed, synced). */
  done: number;
  /** People whose work failed this run; their claims were released for the next run. */
  failed: number;
}

export interface JobDefinition {
  /** Runs the job as of `asOf` (the scheduler's tick, or the operator's clock). */
  run(ctx: JobContext, options: { asOf: Date }): Promise<JobResult>;
  /** Run by the scheduler at the top of every hour (each job decides whose hour it is). */
  hourly: boolean;
}
