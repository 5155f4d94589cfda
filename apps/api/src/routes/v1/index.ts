// Routes under /api/v1: the public account routes, then the protected tree, whose every
// request is authenticated once by an onRequest hook.
import type { FastifyInstance } from 'fastify';
import type { Env } from '../../env';
import authRoutes from './auth-routes';
import meRoutes from './me-routes';
import userRoutes from './user-routes';

export default async function v1Routes(fastify: FastifyInstance, opts: { config: Env }) {
  await fastify.register(authRoutes, { prefix: '/auth', config: opts.config });

  await fastify.register(async (protectedTree) => {
    protectedTree.addHook('onRequest', protectedTree.authenticate);
    await protectedTree.register(meRoutes, { prefix: '/me' });
    await protectedTree.register(userRoutes, { prefix: '/users' });
  });
}
