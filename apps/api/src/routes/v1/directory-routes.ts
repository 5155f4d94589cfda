// GET /users/directory: every active colleague's id and name, for the dashboard's pickers
// (who to ask for an endorsement, who to grant as a sponsor). Both rules admit "any active
// user" (API.md), while GET /users lists only self and reports to a non-admin; names and
// ids only, nothing else about anyone. Registered at its full path before /users/:id.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problems } from '../../lib/route-docs';

const DirectorySchema = z
  .object({
    items: z.array(z.object({ id: z.string(), name: z.string() })),
  })
  .meta({ id: 'UserDirectory' });

const directoryRoutes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get(
    '/users/directory',
    {
      schema: {
        tags: ['users'],
        summary:
          "Active colleagues' id and name, by name: for choosing an endorser or a sponsor (any signed-in user)",
        response: { 200: DirectorySchema, ...problems(401) },
      },
    },
    async () => ({
      items: await fastify.prisma.user.findMany({
        where: { deactivatedAt: null },
        select: { id: true, name: true },
        orderBy: [{ name: 'asc' }, { id: 'asc' }],
      }),
    }),
  );
};

export default directoryRoutes;
