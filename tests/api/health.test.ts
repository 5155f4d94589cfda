import { once } from 'node:events';
import net from 'node:net';
import { addDays, todayUtc } from '@leadtrack/core';
import { openDatabase } from '@leadtrack/db';
import { describe, expect, inject, it } from 'vitest';
import { ADMIN_URL, createDatabase, dropDatabase, uniqueName } from '../support/databases';
import { call, expectProblem, registerUser } from '../support/http';
import { buildTestApp, useTestApp } from '../support/test-app';

describe('health probes', () => {
  const ctx = useTestApp();

  it('answers /healthz and /readyz at the root and under /api/v1', async () => {
    for (const path of ['/healthz', '/readyz', '/api/v1/healthz', '/api/v1/readyz']) {
      const res = await call(ctx.app, 'GET', path);
      expect(res.status, path).toBe(200);
      expect(res.body).toEqual({ status: 'ok' });
    }
  });

  it('unknown routes are problem+json 404s', async () => {
    expectProblem(await call(ctx.app, 'GET', '/api/v1/nope'), 404);
  });
});

/** A TCP proxy in front of Postgres that the test can cut and restore. */
async function startProxy(target: URL) {
  const sockets = new Set<net.Socket>();
  let server: net.Server | null = null;
  let port = 0;
  const listen = async () => {
    server = net.createServer((client) => {
      const upstream = net.connect(Number(target.port || 5432), target.hostname);
      sockets.add(client).add(upstream);
      client.pipe(upstream).pipe(client);
      const drop = () => {
        client.destroy();
        upstream.destroy();
      };
      client.on('error', drop).on('close', drop);
      upstream.on('error', drop).on('close', drop);
    });
    server.listen(port, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as net.AddressInfo).port;
  };
  await listen();
  return {
    url(database: string) {
      const url = new URL(target);
      url.hostname = '127.0.0.1';
      url.port = String(port);
      url.pathname = `/${database}`;
      return url.toString();
    },
    async cut() {
      for (const socket of sockets) socket.destroy();
      sockets.clear();
      await new Promise((resolve) => server?.close(resolve));
    },
    restore: listen,
  };
}

describe('/readyz when the database goes away', () => {
  it('answers 503 problem+json while Postgres is unreachable and 200 once it is back', async () => {
    const proxy = await startProxy(new URL(ADMIN_URL));
    const database = await openDatabase({ url: proxy.url('postgres'), maxConnections: 2 });
    // The maintenance database has no instance_secrets table: configure the secret.
    const app = await buildTestApp(database, { JWT_SECRET: 'x'.repeat(32) });
    try {
      expect((await call(app, 'GET', '/readyz')).status).toBe(200);
      await proxy.cut();
      const down = await call(app, 'GET', '/readyz');
      expectProblem(down, 503);
      expect((await call(app, 'GET', '/healthz')).status).toBe(200);
      await proxy.restore();
      expect((await call(app, 'GET', '/readyz')).status).toBe(200);
    } finally {
      await app.close();
      await proxy.cut();
    }
  });
});

describe('requests that need the database while it is unreachable', () => {
  it('answer 503 problem+json with Retry-After, and work again (nothing acknowledged lost) once it is back', async () => {
    const name = uniqueName('leadtrack_outage');
    await createDatabase(name, inject('templateDatabase'));
    const proxy = await startProxy(new URL(ADMIN_URL));
    const database = await openDatabase({ url: proxy.url(name), maxConnections: 2 });
    const app = await buildTestApp(database);
    const entry = (title: string) => ({
      token: user.token,
      body: { kinds: ['review'], title, occurredOn: addDays(todayUtc(), -1) },
    });
    let user: Awaited<ReturnType<typeof registerUser>>;
    try {
      user = await registerUser(app, { name: 'Outage' });
      const before = await call(app, 'POST', '/api/v1/evidence', entry('Before the outage'));
      expect(before.status, before.text).toBe(201);

      await proxy.cut();
      const requests = [
        call(app, 'POST', '/api/v1/evidence', entry('During the outage')),
        call(app, 'GET', '/api/v1/evidence', { token: user.token }),
        call(app, 'GET', '/api/v1/me', { token: user.token }),
        call(app, 'GET', '/api/v1/users/me/readiness', { token: user.token }),
        call(app, 'POST', '/api/v1/auth/login', {
          body: { email: user.email, password: 'correct horse battery staple' },
        }),
      ];
      for (const res of await Promise.all(requests)) {
        expectProblem(res, 503);
        expect(res.headers['retry-after']).toBe('5');
        expect(res.body.detail).toMatch(/database/);
      }
      // Probes that do not need the database keep answering.
      expect((await call(app, 'GET', '/healthz')).status).toBe(200);

      await proxy.restore();
      const after = await call(app, 'POST', '/api/v1/evidence', entry('After the outage'));
      expect(after.status, after.text).toBe(201);
      const list = await call(app, 'GET', '/api/v1/evidence', { token: user.token });
      expect(list.status, list.text).toBe(200);
      expect(list.body.items.map((e: { title: string }) => e.title).sort()).toEqual([
        'After the outage',
        'Before the outage',
      ]);
    } finally {
      await app.close();
      await proxy.cut();
      await dropDatabase(name);
    }
  }, 60_000);
});
