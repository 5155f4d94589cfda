// Security headers, CORS for the dashboard's origin only, cookies and the JWT signer.
import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import jwt from '@fastify/jwt';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Env } from '../../env';
import { instanceSecret } from '../../services/instance-secrets';

declare module '@fastify/jwt' {
  interface FastifyJWT {
    // `sid`: the session (sign-in) the access token belongs to; authenticate requires it.
    payload: { sub: string; sid: string };
    user: { sub: string; sid: string };
  }
}

async function security(fastify: FastifyInstance, opts: { config: Env }) {
  await fastify.register(helmet, {
    // The Swagger UI at /docs needs inline scripts and styles; the API serves nothing else
    // that renders, so a strict policy everywhere but /docs is kept by the default CSP.
    contentSecurityPolicy: {
      directives: {
        'script-src': ["'self'", "'unsafe-inline'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
      },
    },
  });
  await fastify.register(cors, {
    origin: opts.config.WEB_ORIGIN.split(',').map((o) => o.trim()),
    credentials: true,
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'If-Match', 'Idempotency-Key'],
    exposedHeaders: ['ETag'],
  });
  await fastify.register(cookie);
  // JWT_SECRET wins when set; otherwise the instance's own generated secret.
  const secret = opts.config.JWT_SECRET ?? (await instanceSecret(fastify.db, 'jwt'));
  await fastify.register(jwt, {
    secret,
    sign: { expiresIn: '15m' },
    // A token without an expiry would be valid forever: refuse it, and any other algorithm.
    // `sid` names the session that authenticate checks is still live.
    verify: { algorithms: ['HS256'], requiredClaims: ['exp', 'sub', 'sid'] },
  });
}

export default fp(security, { name: 'security', dependencies: ['database'] });
