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
  const created = createMailer(opts.config);
  // Every message passes here: counted as sent or failed for GET /metrics.
  const instance: Mailer = {
    ...created,
    async deliver(message) {
      try {
        await created.deliver(message);
      } catch (error) {
        fastify.metrics.mail('failed');
        throw error;
      }
      fastify.metrics.mail('sent');
    },
  };
  fastify.decorate('mailer', instance);
  if (!instance.enabled) {
    fastify.log.warn('SMTP_URL is not set: no mail is sent (notifications stay in-app)');
  }
  fastify.addHook('onClose', async () => instance.close());
}

export default fp(mailer, { name: 'mailer', dependencies: ['metrics'] });
