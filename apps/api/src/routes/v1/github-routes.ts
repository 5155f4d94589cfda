// The caller's GitHub connection (registered at /me/integrations/github): connect with a
// personal access token, read, disconnect, and sync now. Connecting starts a 26-week
// backfill in the background. Services: services/github/.
import {
  GithubIntegrationSchema,
  GithubSyncResultSchema,
  PutGithubIntegrationBodySchema,
  SyncGithubBodySchema,
} from '@leadtrack/schemas';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problems } from '../../lib/route-docs';
import {
  connectGithub,
  disconnectGithub,
  readGithubIntegration,
} from '../../services/github/connect-github';
import { backfillGithub, syncGithub } from '../../services/github/sync-github';
import { integrationConnectionRoutes } from './integration-routes';

const githubRoutes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.put(
    '',
    {
      schema: {
        tags: ['capture'],
        summary:
          'Connect GitHub (or GitHub Enterprise) with a personal access token: checked with GET /user, stored encrypted, never returned; a 26-week backfill then runs in the background',
        body: PutGithubIntegrationBodySchema,
        response: { 200: GithubIntegrationSchema, ...problems(400, 401, 413) },
      },
    },
    async (request) => {
      const { caller } = request;
      const { limits, background } = fastify.github;
      const { integration, lease } = await connectGithub(
        fastify.db,
        caller.id,
        request.body,
        limits,
      );
      background.start(caller.id, (signal) =>
        backfillGithub(fastify.db, caller, { lease, limits, signal, now: fastify.clock() }),
      );
      return integration;
    },
  );

  integrationConnectionRoutes(fastify, {
    schema: GithubIntegrationSchema,
    readSummary: 'Your GitHub connection: the login, the address, and the last sync and its error',
    disconnectSummary:
      'Disconnect GitHub: the token is forgotten (suggestions already offered stay); done when nothing was connected',
    read: readGithubIntegration,
    disconnect: disconnectGithub,
  });

  fastify.post(
    '/sync',
    {
      schema: {
        tags: ['capture'],
        summary:
          'Sync now: reviews of others’ pull requests (one suggestion per ended week) and your design pull requests become suggestions; nothing is offered twice',
        // No body reads from the week before the last sync (Fastify hands an absent one as null).
        body: SyncGithubBodySchema.nullish(),
        response: { 200: GithubSyncResultSchema, ...problems(400, 401, 404, 409, 413) },
      },
    },
    async (request) =>
      syncGithub(fastify.db, request.caller, {
        from: request.body?.from,
        limits: fastify.github.limits,
        now: request.now,
      }),
  );
};

export default githubRoutes;
