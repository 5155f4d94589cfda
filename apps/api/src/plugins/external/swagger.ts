// The OpenAPI document, generated from the zod route schemas, at /docs and /docs/json.
// It is what client generators read, so it is kept lint-clean (redocly's recommended
// rules, tests/api/openapi.test.ts): every operation has an operationId and a documented
// 4xx, and no component is left unused.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { ProblemSchema } from '@leadtrack/schemas';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

type TransformArgs = Parameters<typeof jsonSchemaTransform>[0];
type TransformObjectArgs = Parameters<typeof jsonSchemaTransformObject>[0];

const API_PREFIX = '/api/v1';

const VERBS: Record<string, string> = {
  GET: 'get',
  POST: 'post',
  PUT: 'put',
  PATCH: 'patch',
  DELETE: 'delete',
};

/**
 * A stable operationId from the method and path, for routes that do not name their own:
 * `GET /api/v1/users/:id/readiness` → `getUsersByIdReadiness`. Generated clients name
 * their methods after it.
 */
export function operationIdFor(method: string, url: string): string {
  const path = url.startsWith(API_PREFIX) ? url.slice(API_PREFIX.length) : `/${url.slice(1)}`;
  const words = path
    .split('/')
    .filter(Boolean)
    .map((segment) => {
      const param = segment.startsWith(':') ? segment.slice(1) : null;
      const word = (param ?? segment)
        .split(/[^A-Za-z0-9]+/)
        .filter(Boolean)
        .map((part) => part[0]?.toUpperCase() + part.slice(1))
        .join('');
      return param ? `By${word}` : word;
    });
  const root = url.startsWith(API_PREFIX) ? '' : 'Root';
  return `${VERBS[method] ?? method.toLowerCase()}${root}${words.join('')}`;
}

function transform(args: TransformArgs) {
  const schema = { ...args.schema } as Record<string, unknown> & {
    response?: Record<string, unknown>;
    operationId?: string;
  };
  const method = Array.isArray(args.route.method) ? args.route.method[0] : args.route.method;
  schema.operationId ??= operationIdFor(String(method), args.url);
  // Any request can be malformed (bad JSON, a path too long, a body too large): a route
  // that documents no client error of its own still answers them as problems.
  const response = { ...(schema.response ?? {}) };
  if (!Object.keys(response).some((status) => status.startsWith('4'))) {
    response['4XX'] = ProblemSchema.describe('application/problem+json: a malformed request');
  }
  schema.response = response;
  return jsonSchemaTransform({ ...args, schema } as TransformArgs);
}

/** Drops the component schemas no operation refers to (zod emits input twins of outputs). */
function transformObject(args: TransformObjectArgs) {
  const document = jsonSchemaTransformObject(args) as {
    components?: { schemas?: Record<string, unknown> };
  };
  const schemas = document.components?.schemas;
  if (!schemas) return document as ReturnType<typeof jsonSchemaTransformObject>;
  // A component is used when something outside it refers to it, directly or through a
  // used component: walk from the operations.
  const refsIn = (value: unknown) =>
    [...JSON.stringify(value).matchAll(/"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
  const { components: _components, ...rest } = document as Record<string, unknown>;
  const used = new Set<string>();
  const queue = refsIn(rest).filter((name): name is string => Boolean(name));
  while (queue.length > 0) {
    const name = queue.pop() as string;
    if (used.has(name)) continue;
    used.add(name);
    for (const ref of refsIn(schemas[name])) if (ref && !used.has(ref)) queue.push(ref);
  }
  for (const name of Object.keys(schemas)) if (!used.has(name)) delete schemas[name];
  return document as ReturnType<typeof jsonSchemaTransformObject>;
}

async function openapi(fastify: FastifyInstance) {
  await fastify.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Leadtrack API',
        description:
          'Evidence of tech-lead behaviours, weekly check-ins and the readiness timeline. ' +
          'Errors are application/problem+json (RFC 9457).',
        version: '1.0.0',
        license: { name: 'MIT', identifier: 'MIT' },
      },
      // Relative: the document describes the instance that serves it.
      servers: [{ url: '/', description: 'This Leadtrack instance' }],
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'An access token (JWT, 15 minutes) or a personal access token.',
          },
        },
      },
      security: [{ bearer: [] }],
    },
    transform,
    transformObject,
  });
  await fastify.register(swaggerUi, { routePrefix: '/docs' });
}

export default fp(openapi, { name: 'openapi' });
