// The routes of every registered source, made from its `Source` (source.ts), under
// /me/integrations/<id>: PUT connects with the config, GET reads the connection (404 when
// none), DELETE forgets it (204, also when nothing was connected), POST /sync syncs now.
// Access rule: one's own only; the paths live under /me, so nobody can address another
// person's connection, and deactivated people reach nothing (authenticate).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problems } from '../lib/route-docs';
import { SOURCES } from './registry';
import type { Source } from './source';

type Fastify = Parameters<FastifyPluginAsyncZod>[0];

function sourceRoutes(fastify: Fastify, source: Source): void {
  const { schemas, summaries } = source;
  const context = (now: Date) => ({ ...fastify.sources, now, clock: () => fastify.clock() });

  fastify.put(
    '',
    {
      schema: {
        tags: ['capture'],
        summary: summaries.connect,
        body: schemas.config,
        response: { 200: schemas.connected, ...problems(400, 401, 413) },
      },
    },
    async (request) => source.connect(context(request.now), request.caller, request.body),
  );

  fastify.get(
    '',
    {
      schema: {
        tags: ['capture'],
        summary: summaries.read,
        response: { 200: schemas.connection, ...problems(401, 404) },
      },
    },
    async (request) => source.read(fastify.db, request.caller.id),
  );

  fastify.delete(
    '',
    {
      schema: {
        tags: ['capture'],
        summary: summaries.disconnect,
        response: { 204: z.null().describe('Disconnected'), ...problems(401) },
      },
    },
    async (request, reply) => {
      await source.disconnect(fastify.db, request.caller.id);
      return reply.code(204).send(null);
    },
  );

  fastify.post(
    '/sync',
    {
      schema: {
        tags: ['capture'],
        summary: summaries.sync,
        // No body reads from the week before the last sync (Fastify hands an absent one as null).
        ...(schemas.syncBody && { body: schemas.syncBody.nullish() }),
        response: {
          200: schemas.syncResult,
          ...(schemas.syncBody ? problems(400, 401, 404, 409, 413) : problems(401, 404, 409)),
        },
      },
    },
    async (request) => source.sync(context(request.now), request.caller, request.body ?? undefined),
  );
}

/** Registers every source's routes, each under /me/integrations/<id>. */
const sourcesRoutes: FastifyPluginAsyncZod = async (fastify) => {
  for (const source of SOURCES) {
    await fastify.register(async (scope) => sourceRoutes(scope, source), {
      prefix: `/me/integrations/${source.id}`,
    });
  }
};

export default sourcesRoutes;
