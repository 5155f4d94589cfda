// The promotion packet, as JSON or as a Markdown download. Registered without a prefix.
import { PacketQuerySchema, PacketSchema, UserParamsSchema } from '@leadtrack/schemas';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problems } from '../../lib/route-docs';
import { buildPacket, packetFilename, packetMarkdown } from '../../services/packet';

const packetRoutes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get(
    '/users/:id/packet',
    {
      schema: {
        tags: ['readiness'],
        summary:
          'The promotion packet: evidence from `from` to `to` (default: the 26 weeks ending today) by behaviour, with acknowledgements and the readiness summary as of `to`',
        params: UserParamsSchema,
        querystring: PacketQuerySchema,
        response: {
          200: {
            description: 'The packet; `format=md` answers a Markdown attachment',
            content: {
              'application/json': { schema: PacketSchema },
              'text/markdown': { schema: z.string() },
            },
          },
          ...problems(400, 401, 404),
        },
      },
    },
    async (request, reply) => {
      const { packet, requiredKinds } = await buildPacket(
        fastify.db,
        request.caller,
        request.params.id,
        request.query,
        request.now,
      );
      if (request.query.format === 'md') {
        return reply
          .type('text/markdown; charset=utf-8')
          .header('content-disposition', `attachment; filename="${packetFilename(packet)}"`)
          .send(packetMarkdown(packet, requiredKinds));
      }
      return reply.type('application/json; charset=utf-8').send(packet);
    },
  );
};

export default packetRoutes;
