// The working agreement between an engineer and their manager, at /users/:id/agreement.
// Registered without a prefix. Who may do what: services/agreement/.
import {
  AgreementSchema,
  IfMatchHeadersSchema,
  PutAgreementBodySchema,
  UserParamsSchema,
} from '@leadtrack/schemas';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sendVersioned } from '../../lib/if-match';
import { problems } from '../../lib/route-docs';
import { readAgreement } from '../../services/agreement/read-agreement';
import { confirmAgreement, putAgreement } from '../../services/agreement/update-agreement';

const agreementRoutes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get(
    '/users/:id/agreement',
    {
      schema: {
        tags: ['agreement'],
        summary:
          'The working agreement (the user, their manager or an admin): the eight areas, each owned by the lead, the manager or shared, and whether both confirmed it',
        params: UserParamsSchema,
        response: { 200: AgreementSchema, ...problems(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const agreement = await readAgreement(fastify.prisma, request.caller, request.params.id);
      return sendVersioned(reply, agreement);
    },
  );

  fastify.put(
    '/users/:id/agreement',
    {
      schema: {
        tags: ['agreement'],
        summary:
          'Replace the working agreement (the user or their manager); a change bumps the version and clears both confirmations; with If-Match, only the version you read (412 otherwise)',
        params: UserParamsSchema,
        headers: IfMatchHeadersSchema,
        body: PutAgreementBodySchema,
        response: { 200: AgreementSchema, ...problems(400, 401, 403, 404, 409, 412, 413) },
      },
    },
    async (request, reply) => {
      const agreement = await putAgreement(
        fastify.prisma,
        request.caller,
        request.params.id,
        request.body,
        request.headers['if-match'],
      );
      return sendVersioned(reply, agreement);
    },
  );

  fastify.post(
    '/users/:id/agreement/confirm',
    {
      schema: {
        tags: ['agreement'],
        summary:
          'Confirm the current version of the working agreement: the user as the lead, their manager as the manager',
        params: UserParamsSchema,
        headers: IfMatchHeadersSchema,
        response: { 200: AgreementSchema, ...problems(400, 401, 403, 404, 409, 412) },
      },
    },
    async (request, reply) => {
      const agreement = await confirmAgreement(
        fastify.prisma,
        request.caller,
        request.params.id,
        request.headers['if-match'],
      );
      return sendVersioned(reply, agreement);
    },
  );
};

export default agreementRoutes;
