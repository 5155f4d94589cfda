// GET /metrics (Prometheus text format, prom-client) when METRICS_TOKEN is set, as a Bearer
// token compared in constant time; without it nothing is measured and /metrics is a 404.
// Each process keeps its own figures (scrape every process: docker-compose.yml, README
// "Running several processes"):
//   http_request_duration_seconds{method,route,status_code}  route = the route's pattern
//       (/api/v1/users/:id), "unmatched" for a 404 without a route: never the raw URL;
//   leadtrack_db_pool_connections{state="in_use"|"idle"}, leadtrack_db_pool_waiting
//       (PostgreSQL's pool; the embedded database has none);
//   leadtrack_job_runs_total{job}, leadtrack_job_failures_total{job} (a run that threw or
//       left someone's work for the next run);
//   leadtrack_mails_sent_total, leadtrack_mails_failed_total;
//   process_* and nodejs_* (prom-client's defaults: memory, CPU, event-loop lag, handles).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Env } from '../../env';
import type { JobResult } from '../../jobs/job';
import { JOBS } from '../../jobs/registry';
import { sendProblem } from './problem-handler';

/** What the rest of the app reports; does nothing when metrics are off. */
export interface AppMetrics {
  jobRan(job: string, result: JobResult | 'threw'): void;
  mail(outcome: 'sent' | 'failed'): void;
}

declare module 'fastify' {
  interface FastifyInstance {
    metrics: AppMetrics;
  }
}

const OFF: AppMetrics = { jobRan() {}, mail() {} };

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Whether an Authorization header carries `token` (constant time in the header's content). */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const given = header?.startsWith('Bearer ') ? header.slice(7) : '';
  // Digests of equal length, so neither the length nor the content of the token leaks.
  return timingSafeEqual(digest(given), digest(token)) && given.length > 0;
}

async function metrics(fastify: FastifyInstance, opts: { config: Env }) {
  const token = opts.config.METRICS_TOKEN;
  if (!token) {
    fastify.decorate('metrics', OFF);
    return;
  }
  const register = new Registry();
  collectDefaultMetrics({ register });

  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer a request, by method, route pattern and status',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [register],
  });
  fastify.addHook('onResponse', async (request, reply) => {
    duration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status_code: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });

  const poolStats = () => fastify.db.poolStats?.();
  new Gauge({
    name: 'leadtrack_db_pool_connections',
    help: 'Database pool connections by state (PostgreSQL)',
    labelNames: ['state'] as const,
    registers: [register],
    collect() {
      const stats = poolStats();
      if (!stats) return;
      this.set({ state: 'in_use' }, stats.inUse);
      this.set({ state: 'idle' }, stats.idle);
    },
  });
  new Gauge({
    name: 'leadtrack_db_pool_waiting',
    help: 'Queries waiting for a free database connection (PostgreSQL)',
    registers: [register],
    collect() {
      const stats = poolStats();
      if (stats) this.set(stats.waiting);
    },
  });

  const jobRuns = new Counter({
    name: 'leadtrack_job_runs_total',
    help: 'Scheduled or manual job runs',
    labelNames: ['job'] as const,
    registers: [register],
  });
  const jobFailures = new Counter({
    name: 'leadtrack_job_failures_total',
    help: "Job runs that threw or left someone's work for the next run",
    labelNames: ['job'] as const,
    registers: [register],
  });
  const mailsSent = new Counter({
    name: 'leadtrack_mails_sent_total',
    help: 'Messages the SMTP server accepted',
    registers: [register],
  });
  const mailsFailed = new Counter({
    name: 'leadtrack_mails_failed_total',
    help: 'Messages the SMTP server refused or could not take',
    registers: [register],
  });
  for (const job of Object.keys(JOBS)) {
    jobRuns.inc({ job }, 0);
    jobFailures.inc({ job }, 0);
  }

  fastify.decorate('metrics', {
    jobRan(job, result) {
      jobRuns.inc({ job });
      if (result === 'threw' || result.failed > 0) jobFailures.inc({ job });
    },
    mail(outcome) {
      (outcome === 'sent' ? mailsSent : mailsFailed).inc();
    },
  } satisfies AppMetrics);

  fastify.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (!bearerMatches(request.headers.authorization, token)) {
      reply.header('www-authenticate', 'Bearer realm="metrics"');
      return sendProblem(reply, 401, 'GET /metrics needs the METRICS_TOKEN as a Bearer token.');
    }
    reply.header('content-type', register.contentType);
    reply.header('cache-control', 'no-store');
    return register.metrics();
  });
}

export default fp(metrics, { name: 'metrics', dependencies: ['database'] });
