// What the sources of suggestions (src/sources) get from the app (`fastify.sources`): the
// database, the outbound fetch, the configuration, and the syncs running in the background
// (a backfill started by connecting), which stop and are awaited before the app closes its
// database.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Env } from '../../env';
import { BackgroundSyncs } from '../../sources/background-syncs';
import type { SourceContext } from '../../sources/source';

declare module 'fastify' {
  interface FastifyInstance {
    sources: SourceContext & { background: BackgroundSyncs };
  }
}

async function sources(fastify: FastifyInstance, opts: { config: Env }) {
  const background = new BackgroundSyncs(fastify.log);
  fastify.decorate('sources', {
    db: fastify.db,
    log: fastify.log,
    config: opts.config,
    fetch: fastify.outboundFetch,
    background,
  });
  fastify.addHook('preClose', async () => {
    await background.close();
  });
}

export default fp(sources, { name: 'sources', dependencies: ['database', 'outbound'] });
