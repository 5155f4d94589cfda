// The process's lifecycle as the app sees it: `draining` is set when the server was asked
// to stop (server.ts, lib/shutdown.ts), and /readyz then answers 503 so a load balancer
// sends nothing new while the requests in flight finish.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export interface Lifecycle {
  draining: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    lifecycle: Lifecycle;
  }
}

async function lifecycle(fastify: FastifyInstance) {
  fastify.decorate('lifecycle', { draining: false });
}

export default fp(lifecycle, { name: 'lifecycle' });
