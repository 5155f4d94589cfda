// The one error handler: every failure leaves as application/problem+json (RFC 9457).
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { type FieldError, HttpProblem, titleFor } from '../../lib/problem';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
}

export function sendProblem(
  reply: FastifyReply,
  status: number,
  detail: string,
  errors?: FieldError[],
) {
  const body: ProblemBody = { type: 'about:blank', title: titleFor(status), status, detail };
  if (errors) body.errors = errors;
  // Serialised by hand: route response schemas describe successes, not problems.
  return reply.code(status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
}

interface ZodIssueLike {
  keyword: string;
  instancePath: string;
  message?: string;
  params?: { keys?: string[] };
}

/**
 * One FieldError per bad field: an unknown key becomes its own entry named by the key, and
 * a field zod faults twice (a wrong type also failing a length check) is named once.
 */
export function fieldErrors(issues: ZodIssueLike[]): FieldError[] {
  const byPath = new Map<string, FieldError>();
  const add = (path: string, message: string) => {
    if (!byPath.has(path)) byPath.set(path, { path, message });
  };
  for (const issue of issues) {
    const base = issue.instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');
    if (issue.keyword === 'unrecognized_keys' && issue.params?.keys?.length) {
      for (const key of issue.params.keys) add(base ? `${base}.${key}` : key, 'Unknown field');
      continue;
    }
    add(base, issue.message ?? 'Invalid value');
  }
  return [...byPath.values()];
}

const PART_NAMES: Record<string, string> = {
  body: 'body',
  querystring: 'query',
  params: 'path',
  headers: 'headers',
};

async function problemHandler(fastify: FastifyInstance) {
  fastify.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof HttpProblem) {
      return sendProblem(reply, error.status, error.detail, error.errors);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors = fieldErrors(error.validation as unknown as ZodIssueLike[]);
      const part = PART_NAMES[error.validationContext ?? 'body'] ?? 'request';
      const names = errors.map((e) => e.path || part).join(', ');
      return sendProblem(reply, 400, `Invalid ${part}: ${names}`, errors);
    }
    const status = error.statusCode ?? 500;
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return sendProblem(reply, 413, 'The request body is larger than 64 KiB.');
    }
    if (status === 429) {
      return sendProblem(reply, 429, 'Too many attempts: wait a minute and try again.');
    }
    if (status >= 400 && status < 500) {
      // Fastify's own client errors: malformed JSON, wrong content type, empty body.
      return sendProblem(reply, status, error.message);
    }
    request.log.error({ err: error, reqId: request.id }, 'unhandled error');
    return sendProblem(
      reply,
      500,
      `Something went wrong on our side. Quote request id ${request.id} when reporting it.`,
    );
  });

  fastify.setNotFoundHandler((request, reply) =>
    sendProblem(reply, 404, `No route ${request.method} ${request.url.split('?')[0]}.`),
  );
}

export default fp(problemHandler, { name: 'problem-handler' });
