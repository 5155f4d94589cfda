// Decorates the app with its mailer (services/mail/mailer.ts). Without SMTP_URL nothing is
// mailed, and the log says so once, at start.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Env } from '../../env';
import { createMailer, type Mailer } from '../../services/mail/mailer';

declare module 'fastify' {
  interface FastifyInstance {
    mailer: Mailer;
  }
}

async function mailer(fastify: FastifyInstance, opts: { config: Env }) {
  const instance = createMailer(opts.config);
  fastify.decorate('mailer', instance);
  if (!instance.enabled) {
    fastify.log.warn('SMTP_URL is not set: no mail is sent (notifications stay in-app)');
  }
  fastify.addHook('onClose', async () => instance.close());
}

export default fp(mailer, { name: 'mailer' });
