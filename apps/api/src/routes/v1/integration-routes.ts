// What every connected integration under /me/integrations/<name> answers alike: GET reads
// the caller's connection (404 when none), DELETE forgets it (204, also when nothing was
// connected). The integration's own routes (connect, sync) stay in its file.
import type { Database } from '@leadtrack/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problems } from '../../lib/route-docs';

type Fastify = Parameters<FastifyPluginAsyncZod>[0];

export interface IntegrationConnection<Schema extends z.ZodType> {
  /** The connection as GET answers it. */
  schema: Schema;
  readSummary: string;
  disconnectSummary: string;
  read(db: Database, userId: string): Promise<z.output<Schema>>;
  disconnect(db: Database, userId: string): Promise<void>;
}

/** Registers GET '' and DELETE '' for one integration (tagged `capture`, as its others). */
export function integrationConnectionRoutes<Schema extends z.ZodType>(
  fastify: Fastify,
  connection: IntegrationConnection<Schema>,
): void {
  // Checked against each other at the call; the response schema serialises the answer.
  const schema: z.ZodType = connection.schema;
  fastify.get(
    '',
    {
      schema: {
        tags: ['capture'],
        summary: connection.readSummary,
        response: { 200: schema, ...problems(401, 404) },
      },
    },
    async (request) => connection.read(fastify.db, request.caller.id),
  );

  fastify.delete(
    '',
    {
      schema: {
        tags: ['capture'],
        summary: connection.disconnectSummary,
        response: { 204: z.null().describe('Disconnected'), ...problems(401) },
      },
    },
    async (request, reply) => {
      await connection.disconnect(fastify.db, request.caller.id);
      return reply.code(204).send(null);
    },
  );
}
