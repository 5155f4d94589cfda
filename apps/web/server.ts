// Serves the built dashboard (`next build` first), like `next start`, with one difference:
// X-Forwarded-For is overwritten with the visitor's address as this server settled it: the
// socket's peer, or, when that peer is a proxy named in WEB_TRUST_PROXY, the address the
// proxies' X-Forwarded-For names (lib/client-address.ts). Next.js only fills that header
// in when it is absent, so a visitor's own would otherwise reach the API's per-address
// rate limits. Listens on WEB_HOST (127.0.0.1 by default: nothing else on the network
// reaches it until asked) and WEB_PORT.
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';

// React and Next.js choose their production builds from NODE_ENV when first loaded, and
// `next start` would set it: do the same before loading them (hence the dynamic imports).
if (!process.env.NODE_ENV) Object.assign(process.env, { NODE_ENV: 'production' });
const { default: next } = await import('next');
const { env } = await import('./lib/env');
const { clientAddress } = await import('./lib/client-address');

const app = next({
  dev: false,
  // This file is apps/web/server.ts, or compiled (`npm run build`) apps/web/dist/server.js.
  dir: fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? '.' : '..', import.meta.url)),
  hostname: env.host,
  port: env.port,
});
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  const client = clientAddress(
    req.socket.remoteAddress,
    req.headers['x-forwarded-for'],
    env.trustProxy,
  );
  if (client) req.headers['x-forwarded-for'] = client;
  else delete req.headers['x-forwarded-for'];
  handle(req, res).catch((error: unknown) => {
    console.error(error);
    if (!res.headersSent) res.statusCode = 500;
    res.end();
  });
});

server.listen(env.port, env.host, () => {
  console.log(`[web] dashboard listening on http://${env.host}:${env.port}`);
});

// One stop whatever signals follow (a process group's and a launcher's copy of one Ctrl-C).
let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  // Open keep-alive or streaming responses get a few seconds, not forever.
  setTimeout(() => process.exit(0), 5_000).unref();
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
// Started by scripts/start.mjs with an IPC channel: stop when the launcher is gone.
if (process.channel) {
  process.channel.unref();
  process.on('disconnect', stop);
}
