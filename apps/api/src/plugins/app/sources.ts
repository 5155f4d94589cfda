// What the sources of suggestions (src/sources) get from the app (`fastify.sources`): the
// database, the outbound fetch, the configuration, and the syncs running in the background
// (a backfill started by connecting), which stop and are awaited before the app closes its
// database. The app's LEADTRACK_SECRET_KEY seals their secrets; at start the log says when
// stored values are sealed under a key this process does not hold, or still under the
// database's own key (npm run secrets:rotate moves them).
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Env } from '../../env';
import { keyId, useSecretKey } from '../../services/sealed-secrets';
import { countSealedValues } from '../../services/secret-rotation';
import { BackgroundSyncs } from '../../sources/background-syncs';
import type { SourceContext } from '../../sources/source';

declare module 'fastify' {
  interface FastifyInstance {
    sources: SourceContext & { background: BackgroundSyncs };
  }
}

async function sources(fastify: FastifyInstance, opts: { config: Env }) {
  const background = new BackgroundSyncs(fastify.log);
  useSecretKey(fastify.db, opts.config.LEADTRACK_SECRET_KEY);
  fastify.addHook('onReady', async () => {
    const key = opts.config.LEADTRACK_SECRET_KEY;
    const mine = key ? keyId(key) : 'database';
    // A look for the log only: a database not migrated yet or not reachable at start must not
    // keep the server from starting (/readyz tells the rest).
    const counts = await countSealedValues(fastify.db).catch((error: unknown) => {
      fastify.log.warn(
        { reason: error instanceof Error ? error.message : String(error) },
        'The stored integration secrets could not be counted at start.',
      );
      return new Map<string, number>();
    });
    for (const [under, count] of counts) {
      if (under === mine) continue;
      if (under === 'database' && key)
        fastify.log.warn(
          `${count} stored integration secrets are still sealed under the database's own key: run npm run secrets:rotate to seal them under LEADTRACK_SECRET_KEY.`,
        );
      else
        fastify.log.error(
          `${count} stored integration secrets are sealed under ${under === 'database' ? "the database's own key" : `LEADTRACK_SECRET_KEY ${under}`}, which this server ${key ? `(key ${mine}) ` : '(no LEADTRACK_SECRET_KEY) '}cannot open: start it with that key (npm run secrets:rotate changes keys), or those people connect again.`,
        );
    }
    if (!key && opts.config.NODE_ENV === 'production')
      fastify.log.warn(
        'LEADTRACK_SECRET_KEY is not set: integration secrets are sealed under a key kept in the same database (set one and run npm run secrets:rotate).',
      );
  });
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
