// The suggestions inbox: the caller's suggestions, and accepting (with edits) or dismissing
// one. Always the caller's own; someone else's suggestion is a 404 (services/suggestions).
import {
  AcceptSuggestionBodySchema,
  CheckinSchema,
  EvidenceSchema,
  ListSuggestionsQuerySchema,
  SuggestionListSchema,
  SuggestionParamsSchema,
} from '@leadtrack/schemas';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problems } from '../../lib/route-docs';
import { acceptSuggestion, dismissSuggestion } from '../../services/suggestions/decide-suggestion';
import { listSuggestions } from '../../services/suggestions/read-suggestions';
import { sendEntry } from './entry-reply';

const suggestionRoutes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get(
    '',
    {
      schema: {
        tags: ['capture'],
        summary:
          'A page of your suggestions (open by default), most recent work first, with how many match; pass nextCursor back as cursor',
        querystring: ListSuggestionsQuerySchema,
        response: { 200: SuggestionListSchema, ...problems(400, 401) },
      },
    },
    async (request) => listSuggestions(fastify.db, request.caller, request.query),
  );

  fastify.post(
    '/:id/accept',
    {
      schema: {
        tags: ['capture'],
        summary:
          'Accept your suggestion, with edits: an evidence suggestion becomes an entry (201, its source and link kept); a check-in suggestion merges into that week (200). Accepting twice is 409',
        params: SuggestionParamsSchema,
        // Accepting as suggested needs no body (Fastify hands an absent one as null).
        body: AcceptSuggestionBodySchema.nullish(),
        response: {
          200: CheckinSchema.describe('The merged check-in'),
          201: EvidenceSchema.describe('The new entry'),
          ...problems(400, 401, 404, 409, 413),
        },
      },
    },
    async (request, reply) => {
      const accepted = await acceptSuggestion(
        fastify.prisma,
        request.caller,
        request.params.id,
        request.body ?? {},
      );
      if (accepted.type === 'checkin') return reply.code(200).send(accepted.checkin);
      return sendEntry(reply.code(201), accepted.entry);
    },
  );

  fastify.post(
    '/:id/dismiss',
    {
      schema: {
        tags: ['capture'],
        summary:
          'Dismiss your open suggestion (again: no change); it is never offered again. An accepted one is 409',
        params: SuggestionParamsSchema,
        response: { 204: z.null().describe('Dismissed'), ...problems(400, 401, 404, 409) },
      },
    },
    async (request, reply) => {
      await dismissSuggestion(fastify.prisma, request.caller, request.params.id);
      return reply.code(204).send(null);
    },
  );
};

export default suggestionRoutes;
