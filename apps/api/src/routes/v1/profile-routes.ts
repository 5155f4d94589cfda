// The role profile at /users/:id/profile: the senior-IC-versus-tech-lead comparison over the
// last non-leave weeks. Registered without a prefix; rights of readiness (sponsors too).
import { ProfileQuerySchema, RoleProfileSchema, UserParamsSchema } from '@leadtrack/schemas';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problems } from '../../lib/route-docs';
import { readRoleProfile } from '../../services/profile/read-role-profile';

const profileRoutes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get(
    '/users/:id/profile',
    {
      schema: {
        tags: ['readiness'],
        summary:
          'The role profile over the last `weeks` non-leave weeks: hands-on against the 50-60 % band, deep work, how regularly each behaviour shows, and a verdict per dimension of the senior-IC-versus-tech-lead table',
        params: UserParamsSchema,
        querystring: ProfileQuerySchema,
        response: { 200: RoleProfileSchema, ...problems(400, 401, 404) },
      },
    },
    async (request) =>
      readRoleProfile(
        fastify.db,
        request.caller,
        request.params.id,
        request.query.weeks,
        request.now,
      ),
  );
};

export default profileRoutes;
