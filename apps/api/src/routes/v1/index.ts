// Routes under /api/v1: the public account routes, then the protected tree, whose every
// request is authenticated once by an onRequest hook.
import type { FastifyInstance } from 'fastify';
import type { Env } from '../../env';
import { freshnessHooks } from '../../freshness';
import sourcesRoutes from '../../sources/routes';
import agendaRoutes from './agenda-routes';
import agreementRoutes from './agreement-routes';
import auditRoutes from './audit-routes';
import authRoutes from './auth-routes';
import captureRoutes from './capture-routes';
import checkinRoutes from './checkin-routes';
import directoryRoutes from './directory-routes';
import endorsementRoutes from './endorsement-routes';
import evidenceRoutes from './evidence-routes';
import feedbackRoutes from './feedback-routes';
import meRoutes from './me-routes';
import notificationRoutes from './notification-routes';
import nudgeRoutes from './nudge-routes';
import orgRoutes from './org-routes';
import packetRoutes from './packet-routes';
import profileRoutes from './profile-routes';
import readinessRoutes from './readiness-routes';
import reflectionRoutes from './reflection-routes';
import sponsorRoutes from './sponsor-routes';
import ssoRoutes from './sso-routes';
import suggestionRoutes from './suggestion-routes';
import unsubscribeRoutes from './unsubscribe-routes';
import userRoutes from './user-routes';

export default async function v1Routes(fastify: FastifyInstance, opts: { config: Env }) {
  await fastify.register(authRoutes, { prefix: '/auth', config: opts.config });
  // The link in every message: no sign-in, its signed token is the credential.
  await fastify.register(unsubscribeRoutes, { prefix: '/unsubscribe' });

  await fastify.register(async (protectedTree) => {
    protectedTree.addHook('onRequest', protectedTree.authenticate);
    // Each request's scope: what it changed is watched before its answer leaves, and the
    // notifications it made are mailed after (freshness/index.ts).
    freshnessHooks(protectedTree);
    await protectedTree.register(meRoutes, { prefix: '/me', config: opts.config });
    await protectedTree.register(agendaRoutes); // /me/agenda
    // Each source's connection and sync, under /me/integrations/<source> (sources/registry.ts).
    await protectedTree.register(sourcesRoutes);
    // /users/directory: a static path, so it wins over /users/:id whatever the order.
    await protectedTree.register(directoryRoutes);
    await protectedTree.register(userRoutes, { prefix: '/users', config: opts.config });
    await protectedTree.register(auditRoutes, { prefix: '/audit' });
    await protectedTree.register(evidenceRoutes, { prefix: '/evidence' });
    await protectedTree.register(checkinRoutes, { prefix: '/checkins' });
    await protectedTree.register(notificationRoutes, { prefix: '/notifications' });
    // These three serve paths under /users/:id/… and the top-level /reports and /policy.
    await protectedTree.register(feedbackRoutes);
    await protectedTree.register(packetRoutes);
    await protectedTree.register(readinessRoutes);
    await protectedTree.register(orgRoutes);
    // The rest of the role: paths under /users/:id/…, /evidence/:id/…, and their own.
    await protectedTree.register(agreementRoutes);
    await protectedTree.register(reflectionRoutes);
    await protectedTree.register(profileRoutes);
    await protectedTree.register(endorsementRoutes);
    await protectedTree.register(sponsorRoutes);
    // Capture: the inbox, /evidence/batch, /imports and /me/export.
    await protectedTree.register(suggestionRoutes, { prefix: '/suggestions' });
    await protectedTree.register(captureRoutes);
    // Preferences (/me/preferences) and running a scheduled job (/admin/jobs/:name/run).
    await protectedTree.register(nudgeRoutes);
    // Single sign-on as admins see it (/admin/sso).
    await protectedTree.register(ssoRoutes, { config: opts.config });
  });
}
