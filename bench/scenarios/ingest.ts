// Ingest: autocannon POST /evidence with 16 in flight (one person, one person with an
// Idempotency-Key each, 16 people), then 5,000 entries as consecutive batches.
import { performance } from 'node:perf_hooks';
import { addDays, todayUtc } from '@leadtrack/core';
import {
  createLoad,
  DURATION_S,
  fmt,
  load,
  login,
  runIfMain,
  type Scenario,
  writers,
} from '../lib/runner';

const INGEST_TARGET_PER_S = 500;
const INGEST_CONNECTIONS = 16;
const BATCH_SIZE = 5_000;
const BATCH_LIMIT = 500; // packages/schemas capture.ts BATCH_LIMIT
const BATCH_TARGET_S = 5;

export const ingest: Scenario = {
  name: 'ingest',
  async run({ base, api }) {
    await api.register('ingest@bench.test', 'Ingest');
    const ingestToken = await login(api, 'ingest@bench.test');
    // 16 in flight from one person (their writes queue on their row: the data version
    // and the aggregates are updated in each write's transaction), then from 16 people.
    const people = await writers(api, 'ingest', INGEST_CONNECTIONS);
    const rows: Record<string, unknown>[] = [];
    for (const [label, tokens, withKey] of [
      ['one person', [ingestToken], false],
      ['one person, each with an Idempotency-Key', [ingestToken], true],
      [`${INGEST_CONNECTIONS} people`, people, false],
    ] as const) {
      const r = await createLoad(base, tokens, { connections: INGEST_CONNECTIONS, withKey });
      const perS = r['2xx'] / (r.duration || DURATION_S);
      rows.push({
        what: `single entries, ${INGEST_CONNECTIONS} in flight, ${label}`,
        'entries/s': fmt(perS, 0),
        'mean ms': fmt(r.latency.mean, 2),
        'p99 ms': fmt(r.latency.p99, 1),
        errors: r.errors + r.timeouts + r.non2xx,
        target: `≥${INGEST_TARGET_PER_S}/s`,
        verdict: perS >= INGEST_TARGET_PER_S ? 'pass' : 'FAIL',
      });
    }
    rows.push(await batches(base, ingestToken));
    console.log(`\n== ingest: autocannon ${DURATION_S} s; load average now ${load()}`);
    console.table(rows);
  },
};

/** The batch route, if this build serves one: 5,000 entries as consecutive batches. */
async function batches(base: string, token: string): Promise<Record<string, unknown>> {
  const docs = (await fetch(`${base}/docs/json`).then((r) => (r.ok ? r.json() : {}))) as {
    paths?: Record<string, unknown>;
  };
  if (!docs.paths?.['/api/v1/evidence/batch']) {
    return {
      what: `${BATCH_SIZE} entries in batches: this build serves no POST /evidence/batch`,
      target: `<${BATCH_TARGET_S} s`,
      verdict: 'not measured',
    };
  }
  const started = performance.now();
  let failure = '';
  for (let from = 0; from < BATCH_SIZE && !failure; from += BATCH_LIMIT) {
    const items = Array.from({ length: BATCH_LIMIT }, (_, i) => ({
      kinds: ['review'],
      title: `Batch item ${from + i}`,
      occurredOn: addDays(todayUtc(), -((from + i) % 300)),
    }));
    const res = await fetch(`${base}/api/v1/evidence/batch`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ items }),
    });
    const text = await res.text();
    if (!res.ok) failure = `${res.status} ${text.slice(0, 200)}`;
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    what: `${BATCH_SIZE} entries as ${BATCH_SIZE / BATCH_LIMIT} consecutive POST /evidence/batch of ${BATCH_LIMIT}`,
    'entries/s': fmt(BATCH_SIZE / seconds, 0),
    'mean ms': fmt(seconds * 1000, 0),
    errors: failure || 0,
    target: `<${BATCH_TARGET_S} s`,
    verdict: !failure && seconds < BATCH_TARGET_S ? 'pass' : 'FAIL',
  };
}

runIfMain(import.meta.url, ingest);
