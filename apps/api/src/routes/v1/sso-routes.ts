// Single sign-on as admins see it: the redirect URI to register at the provider, whether
// passwords are off, and who is linked. The sign-in routes themselves are in auth-routes.
import { SsoOverviewSchema } from '@leadtrack/schemas';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { type Env, oidcRedirectUri } from '../../env';
import { problems } from '../../lib/route-docs';
import { requireRole } from '../../plugins/app/authenticate';
import { listSsoLinks, oidcSettings } from '../../services/sso/oidc';

const ssoRoutes: FastifyPluginAsyncZod<{ config: Env }> = async (fastify, { config }) => {
  const settings = oidcSettings(config);
  fastify.get(
    '/admin/sso',
    {
      preHandler: requireRole('admin'),
      schema: {
        tags: ['auth'],
        summary:
          'Single sign-on for admins: the provider, the redirect URI to register there, SSO_ONLY and SSO_BREAK_GLASS, and who is linked (newest first)',
        response: { 200: SsoOverviewSchema, ...problems(401, 403) },
      },
    },
    async () => ({
      name: settings?.name ?? null,
      issuer: settings?.issuer ?? null,
      redirectUri: oidcRedirectUri(config),
      ssoOnly: config.SSO_ONLY,
      breakGlass: config.SSO_BREAK_GLASS,
      links: await listSsoLinks(fastify.prisma),
    }),
  );
};

export default ssoRoutes;
