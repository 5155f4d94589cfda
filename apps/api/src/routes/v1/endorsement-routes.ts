// Endorsements: the owner asks a colleague to vouch for an entry; the colleague lists what
// waits for them and endorses or declines. Registered without a prefix. The rules:
// services/endorsements/.
import {
  EndorseBodySchema,
  EndorsementRequestParamsSchema,
  EndorsementRequestSchema,
  EndorsementSchema,
  EvidenceParamsSchema,
  PendingEndorsementRequestListSchema,
  RequestEndorsementBodySchema,
  WithdrawEndorsementRequestParamsSchema,
} from '@leadtrack/schemas';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problems, sendStoredOnce } from '../../lib/route-docs';
import { listEndorsementRequests } from '../../services/endorsements/list-endorsement-requests';
import {
  requestEndorsement,
  withdrawEndorsementRequest,
} from '../../services/endorsements/request-endorsement';
import {
  declineEndorsement,
  endorse,
} from '../../services/endorsements/respond-to-endorsement-request';

const endorsementRoutes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.post(
    '/evidence/:id/endorsement-requests',
    {
      schema: {
        tags: ['endorsements'],
        summary:
          'Ask a colleague (any active user but you) to endorse your entry; they may then read that entry only',
        description:
          'Asking the same colleague again while the request is pending answers 200 with that request (nobody notified again); once they answered, 409.',
        params: EvidenceParamsSchema,
        body: RequestEndorsementBodySchema,
        response: {
          201: EndorsementRequestSchema,
          200: EndorsementRequestSchema,
          ...problems(400, 401, 403, 404, 409, 413),
        },
      },
    },
    async (request, reply) => {
      const { request: made, created } = await requestEndorsement(
        fastify.prisma,
        request.caller,
        request.params.id,
        request.body.userId,
      );
      return sendStoredOnce(reply, created, made);
    },
  );

  fastify.delete(
    '/evidence/:id/endorsement-requests/:requestId',
    {
      schema: {
        tags: ['endorsements'],
        summary:
          'Withdraw a pending request to endorse your entry: the colleague no longer sees it or the entry',
        params: WithdrawEndorsementRequestParamsSchema,
        response: {
          204: z.null().describe('Withdrawn'),
          ...problems(400, 401, 403, 404, 409),
        },
      },
    },
    async (request, reply) => {
      await withdrawEndorsementRequest(
        fastify.prisma,
        request.caller,
        request.params.id,
        request.params.requestId,
      );
      return reply.code(204).send(null);
    },
  );

  fastify.get(
    '/endorsement-requests',
    {
      schema: {
        tags: ['endorsements'],
        summary: 'The endorsement requests waiting for you, newest first',
        response: { 200: PendingEndorsementRequestListSchema, ...problems(401) },
      },
    },
    async (request) => listEndorsementRequests(fastify.prisma, request.caller),
  );

  fastify.post(
    '/endorsement-requests/:id/endorse',
    {
      schema: {
        tags: ['endorsements'],
        summary: 'Endorse the entry of a request made to you, with an optional comment',
        params: EndorsementRequestParamsSchema,
        // An endorsement without a comment needs no body (Fastify hands an absent one as null).
        body: EndorseBodySchema.nullish(),
        description:
          'Endorsing again answers 200 with the endorsement as first stored; after a decline, 409.',
        response: {
          201: EndorsementSchema,
          200: EndorsementSchema,
          ...problems(400, 401, 403, 404, 409, 413),
        },
      },
    },
    async (request, reply) => {
      const { endorsement, created } = await endorse(
        fastify.prisma,
        request.caller,
        request.params.id,
        request.body?.comment,
      );
      return sendStoredOnce(reply, created, endorsement);
    },
  );

  fastify.post(
    '/endorsement-requests/:id/decline',
    {
      schema: {
        tags: ['endorsements'],
        summary: 'Decline a request made to you',
        description:
          'Ends your access to the entry. Declining again answers 204 as the first time; after an endorsement, 409.',
        params: EndorsementRequestParamsSchema,
        response: { 204: z.null().describe('Declined'), ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await declineEndorsement(fastify.prisma, request.caller, request.params.id);
      return reply.code(204).send(null);
    },
  );
};

export default endorsementRoutes;
