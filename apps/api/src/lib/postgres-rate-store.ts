// A store for @fastify/rate-limit kept in PostgreSQL (the `attempt_counters` table), for
// when no REDIS_URL is set: every API process on the database counts in the same rows, so
// three processes allow what one does. One upsert per attempt, atomic under concurrency (a
// fixed window per key, like the plugin's own stores); rows whose window ended are deleted
// at most once a minute per process, so the table holds about a minute of keys.
import type { Database } from '@leadtrack/db';

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

const SWEEP_EVERY_MS = 60_000;

const HIT = `
  INSERT INTO attempt_counters AS c (key, hits, resets_at)
  VALUES ($1, 1, now() + $2::int * interval '1 millisecond')
  ON CONFLICT (key) DO UPDATE SET
    hits = CASE WHEN c.resets_at <= now() THEN 1 ELSE c.hits + 1 END,
    resets_at = CASE WHEN c.resets_at <= now() THEN excluded.resets_at ELSE c.resets_at END
  RETURNING c.hits AS current,
    greatest(0, ceil(extract(epoch FROM c.resets_at - now()) * 1000))::int AS ttl`;

const READ = `
  SELECT hits AS current, ceil(extract(epoch FROM resets_at - now()) * 1000)::int AS ttl
    FROM attempt_counters WHERE key = $1 AND resets_at > now()`;

/** The store class @fastify/rate-limit instantiates (`store` option), bound to `db`. */
export function postgresRateStore(db: Database) {
  let lastSweep = 0;
  const sweep = () => {
    const now = Date.now();
    if (now - lastSweep < SWEEP_EVERY_MS) return;
    lastSweep = now;
    db.query('DELETE FROM attempt_counters WHERE resets_at < now()').catch(() => {
      lastSweep = 0;
    });
  };

  return class PostgresRateStore {
    readonly #prefix: string;

    constructor(_params?: unknown, prefix = '') {
      this.#prefix = prefix;
    }

    incr(key: string, callback: Callback, timeWindow: number): void {
      sweep();
      db.query<{ current: number; ttl: number }>(HIT, [this.#prefix + key, Math.ceil(timeWindow)])
        .then(([row]) => callback(null, row ?? { current: 1, ttl: timeWindow }))
        .catch((error: Error) => callback(error));
    }

    read(key: string, callback: Callback): void {
      db.query<{ current: number; ttl: number }>(READ, [this.#prefix + key])
        .then(([row]) => callback(null, row ?? { current: 0, ttl: 0 }))
        .catch((error: Error) => callback(error));
    }

    /** Per-route stores: the route's method and path prefix its keys. */
    child(options: object) {
      // The plugin passes the route's options with `routeInfo` ({} for createRateLimit).
      const info = (options as { routeInfo?: { method?: string; url?: string } }).routeInfo;
      const { method = '', url = '' } = info ?? {};
      return new PostgresRateStore(undefined, `${method}${url}`);
    }
  };
}
