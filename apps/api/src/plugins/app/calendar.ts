// Whose "today": each person's dates follow their own time zone (users.time_zone, IANA,
// `UTC` by default), never the server's. This plugin owns the app's clock (`fastify.clock`;
// tests give buildApp a controllable one) and each request's instant (`request.now`, read
// once as the request arrives), and tells the contract's clock rules (PastDateSchema,
// WeekStartSchema in @leadtrack/schemas) whose calendar the request is judged by.
//
// The clock rules are part of the zod schemas, so a future date is reported with every other
// error of the request at once; Fastify calls a schema with the data only, so the caller's
// calendar reaches it through an AsyncLocalStorage entered in a preValidation hook (after
// authentication and body parsing, right before validation).
import { AsyncLocalStorage } from 'node:async_hooks';
import { isValidTimeZone, todayIn } from '@leadtrack/core';
import { setDateContextSource } from '@leadtrack/schemas';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** The instant "now": `() => new Date()` in production. */
export type Clock = () => Date;

declare module 'fastify' {
  interface FastifyInstance {
    /** The app's clock: the source of every person's "today" and "this week". */
    clock: Clock;
  }
  interface FastifyRequest {
    /** The request's instant, from the app's clock as it arrived: one "now" per request. */
    now: Date;
  }
}

interface RequestCalendar {
  timeZone: string;
  now: Date;
}

const requestCalendar = new AsyncLocalStorage<RequestCalendar>();

// Installed once per process; each request carries its own store, so several apps in one
// process (the tests) each judge by their own clock.
setDateContextSource(() => {
  const store = requestCalendar.getStore();
  if (!store) return undefined;
  const timeZone = isValidTimeZone(store.timeZone) ? store.timeZone : 'UTC';
  return { timeZone, today: todayIn(timeZone, store.now) };
});

async function calendar(fastify: FastifyInstance, opts: { clock?: Clock }) {
  const clock = opts.clock ?? (() => new Date());
  fastify.decorate('clock', clock);
  fastify.decorateRequest('now', null as unknown as Date);

  fastify.addHook('onRequest', (request, _reply, done) => {
    request.now = clock();
    done();
  });

  // The protected tree's onRequest hook has set `request.caller` by now; public routes
  // (sign-up, sign-in) have no caller and no clock rule, and judge by UTC.
  fastify.addHook('preValidation', (request, _reply, done) => {
    const timeZone = request.caller?.timeZone ?? 'UTC';
    requestCalendar.run({ timeZone, now: request.now }, done);
  });
}

export default fp(calendar, { name: 'calendar' });
