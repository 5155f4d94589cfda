// Security headers, CORS for the dashboard's origin only, cookies and the JWT signer.
import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import jwt from '@fastify/jwt';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Env } from '../../env';

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: { sub: string };
    user: { sub: string };
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
  await fastify.register(jwt, {
    secret: opts.config.JWT_SECRET,
    sign: { expiresIn: '15m' },
  });
}

export default fp(security, { name: 'security' });
