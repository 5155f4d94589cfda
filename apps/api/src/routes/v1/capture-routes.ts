// Capture beyond the inbox: many entries at once, file imports, and the account export.
// Registered without a prefix (the paths are /evidence/batch, /imports and /me/export);
// everything is the caller's own.
import {
  AccountExportSchema,
  CreateEvidenceHeadersSchema,
  EvidenceBatchBodySchema,
  EvidenceBatchSchema,
  IMPORT_MAX_BYTES,
  ImportBodySchema,
  ImportResultSchema,
} from '@leadtrack/schemas';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { invalidField } from '../../lib/problem';
import { problems } from '../../lib/route-docs';
import { createEvidenceBatch } from '../../services/evidence/create-evidence';
import { toEvidenceDto } from '../../services/evidence/evidence-entry';
import { exportAccount } from '../../services/export/export-account';
import { importFile, NothingRead } from '../../services/imports/import-file';

const captureRoutes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.post(
    '/evidence/batch',
    {
      schema: {
        tags: ['evidence'],
        summary:
          'Log up to 500 entries for yourself at once, all or nothing (each obeys the rules of one); with Idempotency-Key, a retry returns the first batch',
        headers: CreateEvidenceHeadersSchema,
        body: EvidenceBatchBodySchema,
        response: { 201: EvidenceBatchSchema, ...problems(400, 401, 409, 413) },
      },
    },
    async (request, reply) => {
      const entries = await createEvidenceBatch(
        fastify.db,
        request.caller,
        request.body.items,
        request.headers['idempotency-key'],
      );
      return reply.code(201).send({ items: entries.map(toEvidenceDto) });
    },
  );

  fastify.post(
    '/imports',
    {
      // A year of brag document or calendar is more than the usual 64 KiB.
      bodyLimit: IMPORT_MAX_BYTES,
      schema: {
        tags: ['capture'],
        summary:
          "Import a Markdown brag document, a CSV file, a Leadtrack export (json) or a calendar (ics) into your inbox (suggest) or timeline (create), the format named or taken from the filename's extension; lines that cannot be imported are listed with the reason (the first 1,000), nothing is imported twice, at most 10,000 items per file; a non-empty file with nothing of its format in it is a 400 naming content",
        body: ImportBodySchema,
        response: { 200: ImportResultSchema, ...problems(400, 401, 413) },
      },
    },
    async (request) => {
      const result = await importFile(fastify.db, request.caller, request.body).catch((error) => {
        throw error instanceof NothingRead ? invalidField('content', error.message) : error;
      });
      return result;
    },
  );

  fastify.get(
    '/me/export',
    {
      schema: {
        tags: ['capture'],
        summary:
          'Everything your account holds about you (entries, check-ins, feedback, reflections, agreement) as one JSON document, which POST /imports reads back',
        response: { 200: AccountExportSchema, ...problems(401) },
      },
    },
    async (request, reply) => {
      const data = await exportAccount(fastify.db, request.caller);
      const day = data.exportedAt.slice(0, 10);
      return reply
        .header('content-disposition', `attachment; filename="leadtrack-export-${day}.json"`)
        .send(data);
    },
  );
};

export default captureRoutes;
