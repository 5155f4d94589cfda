// The one error handler: every failure leaves as application/problem+json (RFC 9457).
import type { Socket } from 'node:net';
import { unknownFieldMessage } from '@leadtrack/schemas';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ZodType } from 'zod';
import { isDatabaseUnavailable, isUnstorableCharacter } from '../../lib/database-errors';
import { type FieldError, HttpProblem, titleFor } from '../../lib/problem';

/** Seconds a client should wait before retrying while the database is unreachable. */
export const RETRY_AFTER_SECONDS = 5;

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
      for (const key of issue.params.keys) {
        const path = base ? `${base}.${key}` : key;
        add(path, unknownFieldMessage(path));
      }
      continue;
    }
    add(base, issue.message ?? 'Invalid value');
  }
  return [...byPath.values()];
}

/** The parts of a request in the order Fastify validates them, with the request's key. */
const PARTS = [
  ['params', 'params'],
  ['body', 'body'],
  ['querystring', 'query'],
  ['headers', 'headers'],
] as const;

/**
 * Fastify stops validating at the first bad part (path, body, query, headers), so a bad
 * path would hide a bad body until the next round. The parts after the one that failed are
 * still as sent: validating them here puts every error of the request in one answer.
 */
function laterPartIssues(failed: string | undefined, request: FastifyRequest): ZodIssueLike[] {
  const schemas = (request.routeOptions.schema ?? {}) as Record<string, unknown>;
  const start = PARTS.findIndex(([part]) => part === failed);
  if (start === -1) return [];
  const issues: ZodIssueLike[] = [];
  for (const [part, key] of PARTS.slice(start + 1)) {
    const schema = schemas[part] as ZodType | undefined;
    if (!schema || typeof schema.safeParse !== 'function') continue;
    const result = schema.safeParse(request[key]);
    for (const issue of result.error?.issues ?? []) {
      issues.push({
        keyword: issue.code,
        instancePath: `/${issue.path.join('/')}`,
        message: issue.message,
        params: { keys: issue.code === 'unrecognized_keys' ? issue.keys : undefined },
      });
    }
  }
  return issues;
}

/** The problem's detail: each error is a sentence naming its field already. */
function validationDetail(errors: FieldError[]): string {
  const messages = errors.map((e) => e.message);
  if (messages.length === 1) return messages[0] ?? 'The request is not valid.';
  return `${messages.length} fields need attention: ${messages.join(' ')}`;
}

async function problemHandler(fastify: FastifyInstance) {
  fastify.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof HttpProblem) {
      return sendProblem(reply, error.status, error.detail, error.errors);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors = fieldErrors([
        ...(error.validation as unknown as ZodIssueLike[]),
        ...laterPartIssues(error.validationContext, request),
      ]);
      return sendProblem(reply, 400, validationDetail(errors), errors);
    }
    if (isDatabaseUnavailable(error)) {
      // Not a bug: the pool reconnects by itself once the database answers again.
      request.log.warn({ err: error, reqId: request.id }, 'database unavailable');
      reply.header('retry-after', String(RETRY_AFTER_SECONDS));
      return sendProblem(
        reply,
        503,
        `The database cannot be reached right now. Nothing was changed: try again in ${RETRY_AFTER_SECONDS} seconds.`,
      );
    }
    if (isUnstorableCharacter(error)) {
      // The schemas refuse NUL bytes first; this is the safety net for a field they miss.
      return sendProblem(reply, 400, 'The request holds a character that cannot be stored.');
    }
    const framework = frameworkDetail(error, request);
    if (framework) return sendProblem(reply, framework.status, framework.detail);
    const status = error.statusCode ?? 500;
    if (status === 429) {
      return sendProblem(reply, 429, 'Too many attempts: wait a minute and try again.');
    }
    if (status >= 400 && status < 500) {
      // Any other client error Fastify raises: its own message is the best we have.
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

/** Plain sentences for the errors Fastify raises before a route runs. */
function frameworkDetail(
  error: FastifyError,
  request: FastifyRequest,
): { status: number; detail: string } | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE': {
      const limit = request.routeOptions?.bodyLimit ?? request.server.initialConfig.bodyLimit;
      return { status: 413, detail: `The request body is larger than ${kib(limit)}.` };
    }
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        status: 415,
        detail: 'Send the request body as JSON (Content-Type: application/json).',
      };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return {
        status: 400,
        detail:
          'The request says its body is JSON but sends none: send a JSON body, or no Content-Type.',
      };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { status: 400, detail: 'The request body is not valid JSON.' };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { status: 400, detail: 'The request body does not match its Content-Length.' };
    case 'FST_ERR_BAD_URL':
      return { status: 400, detail: 'The URL holds an invalid percent-encoding (like %ZZ).' };
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return {
        status: 414,
        detail: `The URL is too long: a path segment may hold at most ${request.server.initialConfig.maxParamLength ?? 100} characters.`,
      };
    case 'FST_ERR_ASYNC_CONSTRAINT':
      return undefined;
  }
  // secure-json-parse's own errors (a __proto__ key, a syntax error) arrive without a code.
  if (error instanceof SyntaxError && error.statusCode === 400) {
    return { status: 400, detail: 'The request body is not valid JSON.' };
  }
  return undefined;
}

function kib(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MiB` : `${Math.round(bytes / 1024)} KiB`;
}

/**
 * Fastify's `frameworkErrors` option: errors raised while routing (a bad percent-encoding,
 * a path segment over the length limit), before any route or error handler runs.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const known = frameworkDetail(error, request);
  return sendProblem(
    reply,
    known?.status ?? 400,
    known?.detail ?? 'The request URL cannot be read.',
  );
}

/**
 * Node's `clientError`: the HTTP parser refused the request itself (headers or URL over
 * 16 KiB, malformed HTTP, a timeout). No request object exists, so the problem is written
 * to the socket by hand.
 */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket) {
  if (error.code === 'ECONNRESET' || socket.destroyed || !socket.writable) return;
  let status = 400;
  let detail = 'The request is not valid HTTP.';
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    // Node counts the request line with the headers (16 KiB). When the request line never
    // ended within what arrived, it is the URL that is too long.
    const raw = (error as { rawPacket?: Buffer }).rawPacket;
    const lineEnd = raw ? raw.indexOf('\r\n') : -1;
    if (raw && (lineEnd === -1 || lineEnd > 8 * 1024)) {
      status = 414;
      detail = 'The URL is too long: keep it under 8 KiB.';
    } else {
      status = 431;
      detail = 'The request headers are larger than 16 KiB.';
    }
  } else if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    status = 408;
    detail = 'The request took too long to arrive.';
  }
  const body = JSON.stringify({ type: 'about:blank', title: titleFor(status), status, detail });
  socket.end(
    `HTTP/1.1 ${status} ${titleFor(status)}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

export default fp(problemHandler, { name: 'problem-handler' });
