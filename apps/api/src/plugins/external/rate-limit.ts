// Rate limiting is opt-in per route (sign-in, sign-up, password changes and resets:
// plugins/app/sign-in-limits.ts). The counters are shared by every API process: in Redis
// when REDIS_URL is set (the plugin's `redis` option, ioredis), else in PostgreSQL
// (lib/postgres-rate-store.ts), so the embedded database and a single process need nothing
// more.
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Redis } from 'ioredis';
import type { Env } from '../../env';
import { postgresRateStore } from '../../lib/postgres-rate-store';

async function limits(fastify: FastifyInstance, opts: { config: Env }) {
  const { REDIS_URL, REDIS_KEY_PREFIX } = opts.config;
  if (!REDIS_URL) {
    await fastify.register(rateLimit, { global: false, store: postgresRateStore(fastify.db) });
    return;
  }
  // A command fails fast while Redis is unreachable (an attempt answers 503, never hangs).
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1, connectTimeout: 5_000 });
  let down = false;
  redis.on('error', (err) => {
    if (!down) fastify.log.error({ err }, 'Redis unreachable: attempt budgets answer 503');
    down = true;
  });
  redis.on('ready', () => {
    down = false;
  });
  fastify.addHook('onClose', async () => {
    await redis.quit().catch(() => redis.disconnect());
  });
  await fastify.register(rateLimit, { global: false, redis, nameSpace: REDIS_KEY_PREFIX });
}

export default fp(limits, { name: 'rate-limit', dependencies: ['database'] });
