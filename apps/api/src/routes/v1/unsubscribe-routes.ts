// The one-click unsubscribe link of every message: no sign-in, the signed token is the
// only credential (services/mail/unsubscribe.ts). GET is the link people open (through the
// dashboard's /unsubscribe page); POST is RFC 8058's one-click, which mail clients send
// with a form body `List-Unsubscribe=One-Click` (the token stays in the query).
import { OneClickBodySchema, UnsubscribedSchema, UnsubscribeQuerySchema } from '@leadtrack/schemas';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problems } from '../../lib/route-docs';
import { unsubscribe } from '../../services/mail/unsubscribe';

const unsubscribeRoutes: FastifyPluginAsyncZod = async (fastify) => {
  // Form bodies, for this route only: `List-Unsubscribe=One-Click` (its value is not needed).
  for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data']) {
    fastify.addContentTypeParser(type, { parseAs: 'string', bodyLimit: 4096 }, (_req, body, done) =>
      done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );
  }

  fastify.get(
    '',
    {
      schema: {
        tags: ['nudges'],
        summary:
          'Turn off the kind of message a link came in (no sign-in: the signed token is the credential)',
        querystring: UnsubscribeQuerySchema,
        response: { 200: UnsubscribedSchema, ...problems(400) },
      },
    },
    async (request) => unsubscribe(fastify.db, request.query.token),
  );

  fastify.post(
    '',
    {
      schema: {
        tags: ['nudges'],
        summary: 'One-click unsubscribe (RFC 8058) as mail clients send it, from List-Unsubscribe',
        querystring: UnsubscribeQuerySchema,
        body: OneClickBodySchema,
        response: { 200: UnsubscribedSchema, ...problems(400, 415) },
      },
    },
    async (request) => unsubscribe(fastify.db, request.query.token),
  );
};

export default unsubscribeRoutes;
