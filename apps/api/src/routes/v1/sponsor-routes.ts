// The caller's sponsors, at /me/sponsors: colleagues granted read access to the caller's
// timeline, evidence, role profile and packet; and /me/sponsoring, the people who granted
// the caller that access (how a sponsor finds them). Registered without a prefix. Rules:
// services/sponsors/manage-sponsors.ts.
import {
  GrantSponsorBodySchema,
  SponsorListSchema,
  SponsorParamsSchema,
  SponsorSchema,
} from '@leadtrack/schemas';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problems } from '../../lib/route-docs';
import {
  grantSponsor,
  listSponsored,
  listSponsors,
  revokeSponsor,
} from '../../services/sponsors/manage-sponsors';

const sponsorRoutes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get(
    '/me/sponsors',
    {
      schema: {
        tags: ['sponsors'],
        summary: 'Your sponsors, oldest grant first',
        response: { 200: SponsorListSchema, ...problems(401) },
      },
    },
    async (request) => ({ items: await listSponsors(fastify.prisma, request.caller) }),
  );

  fastify.post(
    '/me/sponsors',
    {
      schema: {
        tags: ['sponsors'],
        summary:
          'Let a colleague (an active user) read your timeline, evidence, role profile and packet; not your check-ins, feedback, reflections or agreement',
        body: GrantSponsorBodySchema,
        response: { 201: SponsorSchema, ...problems(400, 401, 409, 413) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await grantSponsor(fastify.prisma, request.caller, request.body.userId)),
  );

  fastify.delete(
    '/me/sponsors/:userId',
    {
      schema: {
        tags: ['sponsors'],
        summary: "Revoke a sponsor's access",
        params: SponsorParamsSchema,
        response: { 204: z.null().describe('Revoked'), ...problems(400, 401, 404) },
      },
    },
    async (request, reply) => {
      await revokeSponsor(fastify.prisma, request.caller, request.params.userId);
      return reply.code(204).send(null);
    },
  );

  fastify.get(
    '/me/sponsoring',
    {
      schema: {
        tags: ['sponsors'],
        summary:
          'The people who made you their sponsor (you may read their timeline, evidence, profile and packet), oldest grant first',
        response: { 200: SponsorListSchema, ...problems(401) },
      },
    },
    async (request) => ({ items: await listSponsored(fastify.prisma, request.caller) }),
  );
};

export default sponsorRoutes;
