// A graceful stop for the API process. On the first SIGTERM or SIGINT (systemd and a
// terminal's Ctrl-C signal the whole process group, so a launcher's copy may follow: later
// signals are noted and ignored, never a reason to exit at once):
//   1. /readyz answers 503 and every response closes its connection;
//   2. new connections are still accepted until nothing has been in flight for QUIET_MS
//      (at most DRAIN_MS), so requests already on their way when the signal came are served;
//   3. app.close(): the listener closes, requests in flight finish, jobs stop, the database
//      closes (the embedded one releases its folder's lock);
//   4. exit 0; or exit 1 when all that took longer than LIMIT_MS.
import type { FastifyInstance } from 'fastify';

const QUIET_MS = 100;
const DRAIN_MS = 2_000;
const LIMIT_MS = 10_000;

/**
 * Listens for stop signals from the process's first moments (server.ts calls it before
 * opening the database: a Ctrl-C during migrations must not leave the data folder's lock
 * behind); `serve(app)` then counts requests, and a signal that came before it stops the
 * app at once.
 */
export function listenForStop() {
  let stopRequest: { reason: string; code: number } | undefined;
  let stopApp: ((reason: string, code: number) => void) | undefined;
  const request = (reason: string, code: number) => {
    if (stopApp) stopApp(reason, code);
    else stopRequest ??= { reason, code };
  };
  process.on('SIGTERM', () => request('SIGTERM', 0));
  process.on('SIGINT', () => request('SIGINT', 0));
  // Started by scripts/start.mjs with an IPC channel: if the launcher dies (even SIGKILL),
  // the channel closes and the server stops rather than keep the data folder's lock.
  if (process.channel) {
    process.channel.unref();
    process.on('disconnect', () => request('launcher gone', 0));
  }
  return {
    serve(app: FastifyInstance) {
      stopApp = stopper(app);
      process.on('uncaughtException', (err) => {
        app.log.fatal({ err }, 'uncaught exception');
        request('uncaught exception', 1);
      });
      process.on('unhandledRejection', (err) => {
        app.log.fatal({ err }, 'unhandled rejection');
        request('unhandled rejection', 1);
      });
      if (stopRequest) stopApp(stopRequest.reason, stopRequest.code);
    },
  };
}

function stopper(app: FastifyInstance) {
  let inFlight = 0;
  let lastActivity = Date.now();
  // The node server's own event, not a Fastify hook: counting costs requests nothing else.
  app.server.on('request', (_req, res) => {
    inFlight++;
    if (app.lifecycle.draining) res.shouldKeepAlive = false;
    res.once('close', () => {
      inFlight--;
      lastActivity = Date.now();
    });
  });

  let stopping = false;
  async function stop(reason: string, code: number) {
    if (stopping) {
      app.log.info({ reason }, 'already closing: this signal changes nothing');
      return;
    }
    stopping = true;
    app.log.info({ reason }, 'server closing: /readyz answers 503, requests in flight finish');
    app.lifecycle.draining = true;
    const limit = setTimeout(() => {
      app.log.error(`requests still running ${LIMIT_MS / 1000} s after the signal; exiting`);
      process.exit(1);
    }, LIMIT_MS);
    limit.unref();
    const started = Date.now();
    lastActivity = Math.max(lastActivity, started);
    while (
      Date.now() - started < DRAIN_MS &&
      (inFlight > 0 || Date.now() - lastActivity < QUIET_MS)
    ) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    try {
      await app.close();
    } catch (err) {
      app.log.error({ err }, 'closing failed');
      code = 1;
    }
    app.log.info('server closed');
    process.exit(code);
  }

  return (reason: string, code: number) => void stop(reason, code);
}
