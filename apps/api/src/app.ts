// The whole Leadtrack API as one Fastify plugin; server.ts boots it and tests register it.
import type { Database } from '@leadtrack/db';
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
  LogController,
} from 'fastify';
import fp from 'fastify-plugin';
import {
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Env } from './env';
import authenticate from './plugins/app/authenticate';
import calendar, { type Clock } from './plugins/app/calendar';
import jobs from './plugins/app/jobs';
import lifecycle from './plugins/app/lifecycle';
import mailer from './plugins/app/mailer';
import metrics from './plugins/app/metrics';
import outbound from './plugins/app/outbound';
import problemHandler, { clientErrorHandler, frameworkErrors } from './plugins/app/problem-handler';
import sources from './plugins/app/sources';
import database from './plugins/external/database';
import rateLimit from './plugins/external/rate-limit';
import security from './plugins/external/security';
import swagger from './plugins/external/swagger';
import healthRoutes from './routes/health-routes';
import v1Routes from './routes/v1';

export interface AppOptions {
  config: Env;
  database: Database;
  /** The clock people's dates ("today", "this week") are read from; tests pass their own. */
  clock?: Clock;
}

export const BODY_LIMIT_BYTES = 64 * 1024;

export default async function app(fastify: FastifyInstance, opts: AppOptions) {
  // External plugins first, then the app's own decorators, then routes.
  await fastify.register(database, { database: opts.database });
  await fastify.register(lifecycle);
  await fastify.register(metrics, { config: opts.config });
  await fastify.register(security, { config: opts.config });
  await fastify.register(rateLimit, { config: opts.config });
  await fastify.register(swagger);
  await fastify.register(problemHandler);
  await fastify.register(calendar, { clock: opts.clock });
  await fastify.register(authenticate);
  await fastify.register(outbound, { config: opts.config });
  await fastify.register(sources, { config: opts.config });
  await fastify.register(mailer, { config: opts.config });
  await fastify.register(jobs, { config: opts.config });

  // Health probes answer at the root (for load balancers) and under the API's base path.
  await fastify.register(healthRoutes);
  await fastify.register(healthRoutes, { prefix: '/api/v1' });
  await fastify.register(v1Routes, { prefix: '/api/v1', config: opts.config });
}

export function loggerOptions(config: Env): FastifyServerOptions['logger'] {
  return {
    level: config.LOG_LEVEL,
    // Credentials never reach a log line; bodies (with passwords) are never logged at all.
    redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    serializers: {
      req(request) {
        return {
          method: request.method,
          url: request.url.split('?')[0],
          route: request.routeOptions?.url,
          remoteAddress: request.ip,
        };
      },
    },
  };
}

/**
 * One log line per request, when it completed (with the request's method, path and route),
 * instead of fastify's two ("incoming request" and "request completed"): at `info` the
 * logging was a good part of a small request's cost.
 */
class OneLinePerRequest extends LogController {
  override incomingRequest() {}

  override requestCompleted(
    error: Error | null,
    request: FastifyRequest,
    reply: FastifyReply,
    metadata?: Record<string, unknown>,
  ) {
    if (error) return super.requestCompleted(error, request, reply, metadata);
    if (this.isLogDisabled(request)) return;
    reply.log.info(
      { req: request, res: reply, responseTime: reply.elapsedTime },
      'request completed',
    );
  }
}

/** A ready-to-listen instance: what server.ts and the tests both use. */
export async function buildApp(opts: AppOptions) {
  const fastify = Fastify({
    logger: loggerOptions(opts.config),
    bodyLimit: BODY_LIMIT_BYTES,
    // Behind the dashboard's server or a proxy, the client address comes from
    // X-Forwarded-For, but only when the peer is trusted (rate limits key on it).
    trustProxy: opts.config.TRUST_PROXY,
    // Errors raised before routing (bad percent-encoding, a path segment over
    // maxParamLength → 414) and by node's HTTP parser leave as problem+json too.
    frameworkErrors,
    clientErrorHandler,
    logController: new OneLinePerRequest(),
  }).withTypeProvider<ZodTypeProvider>();
  // Every body is JSON: a text/plain body is refused as 415 rather than parsed as a string.
  fastify.removeContentTypeParser('text/plain');
  fastify.setValidatorCompiler(validatorCompiler);
  fastify.setSerializerCompiler(serializerCompiler);
  // fastify-plugin keeps the app's decorators (jwt, prisma) visible on the returned instance.
  await fastify.register(fp(app), opts);
  return fastify;
}
