// Rate limiting is opt-in per route (sign-in and sign-up); see routes/auth.
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

async function limits(fastify: FastifyInstance) {
  await fastify.register(rateLimit, { global: false });
}

export default fp(limits, { name: 'rate-limit' });
