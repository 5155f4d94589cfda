// Decorates the app with the database it was given and closes it when the app closes.
import type { Database, PrismaClient } from '@leadtrack/db';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    db: Database;
    prisma: PrismaClient;
  }
}

async function database(fastify: FastifyInstance, opts: { database: Database }) {
  fastify.decorate('db', opts.database);
  fastify.decorate('prisma', opts.database.prisma);
  fastify.addHook('onClose', async () => {
    await opts.database.close();
  });
}

export default fp(database, { name: 'database' });
