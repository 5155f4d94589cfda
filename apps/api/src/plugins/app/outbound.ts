// The fetch every request made on people's behalf goes through (`fastify.outboundFetch`):
// the sources (src/sources), to public addresses plus what OUTBOUND_ALLOW lists
// (lib/outbound-fetch.ts).
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Env } from '../../env';
import { outboundFetch } from '../../lib/outbound-fetch';

declare module 'fastify' {
  interface FastifyInstance {
    outboundFetch: typeof fetch;
  }
}

async function outbound(fastify: FastifyInstance, opts: { config: Env }) {
  fastify.decorate('outboundFetch', outboundFetch(opts.config.OUTBOUND_ALLOW));
}

export default fp(outbound, { name: 'outbound' });
