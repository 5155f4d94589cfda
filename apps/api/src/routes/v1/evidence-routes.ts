// Evidence: logging, listing, reading, editing, deleting and restoring entries, and the
// acknowledgements a manager (or an admin) adds to them. Thin: the services hold the rules.
// Each write then checks whether the owner became ready (services/notifications).
import {
  AcknowledgeBodySchema,
  AcknowledgementSchema,
  CreateEvidenceBodySchema,
  CreateEvidenceHeadersSchema,
  DeletedEvidenceListSchema,
  EvidenceListSchema,
  EvidenceParamsSchema,
  EvidenceSchema,
  IfMatchHeadersSchema,
  ListDeletedEvidenceQuerySchema,
  ListEvidenceQuerySchema,
  UpdateEvidenceBodySchema,
} from '@leadtrack/schemas';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { personPrelude } from '../../data/prelude';
import { NOT_MODIFIED, sendBody } from '../../lib/body-cache';
import { problems, sendStoredOnce } from '../../lib/route-docs';
import type { Caller } from '../../plugins/app/authenticate';
import { acknowledgeEvidence } from '../../services/evidence/acknowledge-evidence';
import { createEvidence } from '../../services/evidence/create-evidence';
import {
  deleteEvidence,
  restoreEvidence,
  updateEvidence,
} from '../../services/evidence/edit-evidence';
import { type EvidenceRow, findReadableEvidence } from '../../services/evidence/evidence-entry';
import { listDeletedEvidence, listEvidenceBody } from '../../services/evidence/read-evidence';
import { sendEntry } from './entry-reply';

const evidenceRoutes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.post(
    '',
    {
      schema: {
        tags: ['evidence'],
        summary:
          'Log an entry for yourself (source `manual`); with Idempotency-Key, a retry returns the first entry',
        headers: CreateEvidenceHeadersSchema,
        body: CreateEvidenceBodySchema,
        response: { 201: EvidenceSchema, ...problems(400, 401, 409, 413) },
      },
    },
    async (request, reply) => {
      const entry = await createEvidence(
        fastify.db,
        request.caller,
        request.body,
        request.headers['idempotency-key'],
      );
      return sendEntry(reply.code(201), entry);
    },
  );

  fastify.get(
    '',
    {
      // Whose page: read with the caller (data/prelude.ts), so a warm page is one round trip.
      config: {
        prelude: (request) => personPrelude((request.query as { userId?: unknown }).userId),
      },
      schema: {
        tags: ['evidence'],
        summary:
          "A page of a user's entries (yours by default), newest first, with the total matching the filters; pass nextCursor back as cursor",
        querystring: ListEvidenceQuerySchema,
        response: { 200: EvidenceListSchema, ...NOT_MODIFIED, ...problems(400, 401, 404) },
      },
    },
    // A page of 50 entries is a hot, large payload: serialised once per data version and
    // kept (lib/body-cache.ts), with an ETag.
    async (request, reply) =>
      sendBody(
        request,
        reply,
        await listEvidenceBody(fastify.db, request.caller, request.query, request.prelude),
      ),
  );

  // Before '/:id' in reading order; Fastify prefers the static segment either way.
  fastify.get(
    '/trash',
    {
      schema: {
        tags: ['evidence'],
        summary:
          'Your deleted entries that can still be restored (deleted in the last 30 days), newest deletion first, each with deletedAt and restorableUntil; only ever your own',
        querystring: ListDeletedEvidenceQuerySchema,
        response: { 200: DeletedEvidenceListSchema, ...problems(400, 401) },
      },
    },
    async (request) => listDeletedEvidence(fastify.db, request.caller, request.query),
  );

  /**
   * A route on one entry (`/:id…`) that answers it: `act` finds it or changes it for the
   * caller (its problems: the statuses beyond 400, 401 and 404).
   */
  const entryRoute = (
    method: 'GET' | 'POST',
    url: string,
    summary: string,
    act: (prisma: typeof fastify.prisma, caller: Caller, id: string) => Promise<EvidenceRow>,
    ...more: 403[]
  ) =>
    fastify.route({
      method,
      url,
      schema: {
        tags: ['evidence'],
        summary,
        params: EvidenceParamsSchema,
        response: { 200: EvidenceSchema, ...problems(400, 401, ...more, 404) },
      },
      handler: async (request, reply) =>
        sendEntry(reply, await act(fastify.prisma, request.caller, request.params.id)),
    });

  entryRoute(
    'GET',
    '/:id',
    "An entry: yours, your direct report's, or anyone's for admins",
    findReadableEvidence,
  );

  fastify.patch(
    '/:id',
    {
      schema: {
        tags: ['evidence'],
        summary:
          'Edit your entry; with If-Match, only the version you read (412 otherwise). Bumps version',
        params: EvidenceParamsSchema,
        headers: IfMatchHeadersSchema,
        body: UpdateEvidenceBodySchema,
        response: { 200: EvidenceSchema, ...problems(400, 401, 403, 404, 412, 413) },
      },
    },
    async (request, reply) => {
      const entry = await updateEvidence(
        fastify.prisma,
        request.caller,
        request.params.id,
        request.body,
        request.headers['if-match'],
      );
      return sendEntry(reply, entry);
    },
  );

  fastify.delete(
    '/:id',
    {
      schema: {
        tags: ['evidence'],
        summary: 'Delete your entry; it can be restored for 30 days',
        params: EvidenceParamsSchema,
        response: { 204: z.null().describe('Deleted'), ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await deleteEvidence(fastify.prisma, request.caller, request.params.id);
      return reply.code(204).send(null);
    },
  );

  entryRoute(
    'POST',
    '/:id/restore',
    'Restore your entry deleted in the last 30 days (a live entry is returned unchanged)',
    restoreEvidence,
    403,
  );

  fastify.post(
    '/:id/acknowledgements',
    {
      schema: {
        tags: ['evidence'],
        summary:
          "Acknowledge an entry of your direct report (or anyone's, for admins); not your own",
        description:
          "One acknowledgement per person and entry, given on the entry's current version. " +
          'Acknowledging again while yours is still current answers 200 with it (nothing ' +
          'stored, nobody notified again); once the entry changed since, it replaces yours (201).',
        params: EvidenceParamsSchema,
        // The body is optional: an acknowledgement without a comment needs none (Fastify
        // hands an absent body to the validator as null).
        body: AcknowledgeBodySchema.nullish(),
        response: {
          201: AcknowledgementSchema,
          200: AcknowledgementSchema,
          ...problems(400, 401, 403, 404, 413),
        },
      },
    },
    async (request, reply) => {
      const { acknowledgement, created } = await acknowledgeEvidence(
        fastify.prisma,
        request.caller,
        request.params.id,
        request.body?.comment,
      );
      return sendStoredOnce(reply, created, acknowledgement);
    },
  );
};

export default evidenceRoutes;
