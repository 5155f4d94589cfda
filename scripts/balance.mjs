#!/usr/bin/env node
// A small load balancer for several API processes on one machine (README "Running several
// processes"): every request goes to the next healthy upstream in turn (round robin).
//
//   node scripts/balance.mjs --port 8080 http://127.0.0.1:3011 http://127.0.0.1:3012 …
//   (or BALANCE_PORT and BALANCE_UPSTREAMS, comma-separated; BALANCE_HOST, default 127.0.0.1)
//
// Health: each upstream's /readyz is read every BALANCE_CHECK_MS (1000); one that answers
// anything but 2xx (a process draining on SIGTERM answers 503 at once) or does not answer
// is left out until it answers again, and so is one a request could not reach. With
// every upstream out, requests still go round (an answer beats none).
//
// @fastify/http-proxy with `upstream: ''` and replyOptions.getUpstream: with an
// `upstream` set, @fastify/reply-from sends every request to that one origin whatever
// getUpstream answers (its undici pool is bound to the base), which is how an earlier
// version sent everything to the first process.
//
// The client's address is appended to X-Forwarded-For; the API trusts it from loopback
// (TRUST_PROXY's default), so per-address budgets stay per client, not per balancer.
import proxy from '@fastify/http-proxy';
import Fastify from 'fastify';

function options(argv, env) {
  const upstreams = [];
  let port = Number(env.BALANCE_PORT ?? 8080);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--port') port = Number(argv[++i]);
    else if (arg.startsWith('--port=')) port = Number(arg.slice('--port='.length));
    else upstreams.push(arg);
  }
  if (upstreams.length === 0 && env.BALANCE_UPSTREAMS) {
    upstreams.push(...env.BALANCE_UPSTREAMS.split(',').filter(Boolean));
  }
  if (upstreams.length === 0) {
    console.error(
      'usage: node scripts/balance.mjs [--port 8080] http://127.0.0.1:3011 http://127.0.0.1:3012 …',
    );
    process.exit(2);
  }
  return {
    port,
    host: env.BALANCE_HOST ?? '127.0.0.1',
    checkMs: Number(env.BALANCE_CHECK_MS ?? 1000),
    upstreams: upstreams.map((url) => new URL(url).origin),
  };
}

/** Round robin over the upstreams that are up (over all when none is). */
function roundRobin(origins) {
  const upstreams = origins.map((origin) => ({ origin, up: true, served: 0 }));
  let next = 0;
  return {
    upstreams,
    pick() {
      const n = upstreams.length;
      for (let i = 0; i < n; i++) {
        const candidate = upstreams[(next + i) % n];
        if (candidate.up) {
          next = (next + i + 1) % n;
          candidate.served++;
          return candidate;
        }
      }
      const any = upstreams[next];
      next = (next + 1) % n;
      any.served++;
      return any;
    },
  };
}

async function main() {
  const opts = options(process.argv.slice(2), process.env);
  const balance = roundRobin(opts.upstreams);
  const app = Fastify({ logger: { level: process.env.LOG_LEVEL ?? 'warn' } });

  await app.register(proxy, {
    upstream: '',
    // Keep-alive connections to each upstream, as many as the clients need.
    undici: { connections: 128, pipelining: 1, keepAliveTimeout: 30_000 },
    replyOptions: {
      getUpstream(request) {
        const chosen = balance.pick();
        request.upstream = chosen;
        return chosen.origin;
      },
      rewriteRequestHeaders(request, headers) {
        const forwarded = headers['x-forwarded-for'];
        return {
          ...headers,
          'x-forwarded-for': forwarded ? `${forwarded}, ${request.ip}` : request.ip,
          'x-forwarded-proto': headers['x-forwarded-proto'] ?? request.protocol,
          'x-forwarded-host': headers['x-forwarded-host'] ?? request.headers.host,
        };
      },
      onError(reply, { error }) {
        // Unreachable: out until its /readyz answers again.
        if (reply.request.upstream) reply.request.upstream.up = false;
        reply.log.warn({ upstream: reply.request.upstream?.origin, err: error }, 'upstream failed');
        reply
          .code(502)
          .type('application/problem+json')
          .send({ type: 'about:blank', title: 'Bad Gateway', status: 502, detail: error.message });
      },
    },
  });

  const check = async (upstream) => {
    try {
      const res = await fetch(`${upstream.origin}/readyz`, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      upstream.up = res.ok;
    } catch {
      upstream.up = false;
    }
  };
  const checks = setInterval(() => {
    for (const upstream of balance.upstreams) void check(upstream);
  }, opts.checkMs);
  checks.unref();

  const stop = async (signal) => {
    clearInterval(checks);
    app.log.info(`${signal}: closing`);
    await app.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));

  await app.listen({ port: opts.port, host: opts.host });
  console.log(
    `[balance] http://${opts.host}:${opts.port} → ${opts.upstreams.join(', ')} (round robin)`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
