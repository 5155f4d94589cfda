// Starts the scheduled jobs (src/jobs/runner.ts) once the app is ready, when this process
// runs them (JOBS; off by default under NODE_ENV=test), and stops them before the database
// closes.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { type Env, jobsEnabled } from '../../env';
import type { JobContext } from '../../jobs/job';
import { type JobRunner, startJobRunner } from '../../jobs/runner';

/** What a job gets from the app: its database, mailer, logger, configuration and fetch. */
export function jobContextOf(fastify: FastifyInstance): JobContext {
  return {
    db: fastify.db,
    mailer: fastify.mailer,
    log: fastify.log.child({ jobs: true }),
    config: fastify.sources.config,
    fetch: fastify.outboundFetch,
    metrics: fastify.metrics,
  };
}

async function jobs(fastify: FastifyInstance, opts: { config: Env }) {
  if (!jobsEnabled(opts.config)) return;
  let runner: JobRunner | undefined;
  fastify.addHook('onReady', async () => {
    runner = await startJobRunner(jobContextOf(fastify), opts.config);
  });
  // preClose runs before the onClose hooks, the database plugin's among them.
  fastify.addHook('preClose', async () => {
    await runner?.stop();
  });
}

export default fp(jobs, {
  name: 'jobs',
  dependencies: ['database', 'mailer', 'sources', 'metrics'],
});
