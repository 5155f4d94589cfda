// GitHub's settings for the whole app (`fastify.github`): the limits every GitHub client
// keeps (GITHUB_MAX_WAIT_SECONDS caps one rate-limit wait) and the syncs running in the
// background (the backfill started by connecting), which stop and are awaited before the
// app closes its database.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Env } from '../../env';
import { BackgroundSyncs } from '../../services/github/background-syncs';
import { DEFAULT_GITHUB_LIMITS, type GithubLimits } from '../../services/github/github-client';

declare module 'fastify' {
  interface FastifyInstance {
    github: { limits: GithubLimits; background: BackgroundSyncs };
  }
}

async function github(fastify: FastifyInstance, opts: { config: Env }) {
  const background = new BackgroundSyncs(fastify.log);
  fastify.decorate('github', {
    limits: {
      ...DEFAULT_GITHUB_LIMITS,
      maxWaitMs: opts.config.GITHUB_MAX_WAIT_SECONDS * 1000,
      fetch: fastify.outboundFetch,
    },
    background,
  });
  fastify.addHook('preClose', async () => {
    await background.close();
  });
}

export default fp(github, { name: 'github', dependencies: ['database', 'outbound'] });
