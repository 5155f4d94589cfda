import Fastify from 'fastify';
import {
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { conflict, invalidField } from '../src/lib/problem';
import problemHandler, { fieldErrors } from '../src/plugins/app/problem-handler';

async function appWithRoutes() {
  const logs: string[] = [];
  const app = Fastify({
    bodyLimit: 100,
    logger: {
      level: 'error',
      stream: { write: (line: string) => logs.push(line) },
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(problemHandler);
  app.post(
    '/things/:n',
    {
      schema: {
        params: z.strictObject({ n: z.coerce.number().int() }),
        querystring: z.strictObject({ q: z.string().optional() }),
        body: z.strictObject({
          title: z.string().min(1),
          tags: z.array(z.string().max(3)).max(2),
          nested: z.strictObject({ a: z.number() }).optional(),
        }),
      },
    },
    async () => ({ ok: true }),
  );
  app.get('/conflict', async () => {
    throw conflict('Already there.');
  });
  app.get('/field', async () => {
    throw invalidField('occurredOn', 'Must not be in the future');
  });
  app.get('/boom', async () => {
    throw new Error('secret internals: connection string postgres://x');
  });
  return { app, logs };
}

const json = (res: { body: string }) => JSON.parse(res.body);

describe('the problem handler', () => {
  it('names every bad body field, unknown fields included, as problem+json 400', async () => {
    const { app } = await appWithRoutes();
    const res = await app.inject({
      method: 'POST',
      url: '/things/1',
      payload: { title: '', tags: ['ok', 'toolong'], nested: { a: 'no', b: 1 }, extra: 1 },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    const body = json(res);
    expect(body).toMatchObject({ type: 'about:blank', title: 'Bad Request', status: 400 });
    expect(body.errors.map((e: { path: string }) => e.path).sort()).toEqual(
      ['extra', 'nested.a', 'nested.b', 'tags.1', 'title'].sort(),
    );
    expect(body.detail).toMatch(/^Invalid body: /);
  });

  it('reports query and path failures as such', async () => {
    const { app } = await appWithRoutes();
    const query = await app.inject({
      method: 'POST',
      url: '/things/1?zzz=1',
      payload: { title: 't', tags: [] },
    });
    expect(json(query)).toMatchObject({ status: 400, errors: [{ path: 'zzz' }] });
    expect(json(query).detail).toMatch(/^Invalid query/);
    const path = await app.inject({
      method: 'POST',
      url: '/things/abc',
      payload: { title: 't', tags: [] },
    });
    expect(json(path)).toMatchObject({ status: 400, errors: [{ path: 'n' }] });
  });

  it('turns typed errors into their status', async () => {
    const { app } = await appWithRoutes();
    expect(json(await app.inject('/conflict'))).toEqual({
      type: 'about:blank',
      title: 'Conflict',
      status: 409,
      detail: 'Already there.',
    });
    expect(json(await app.inject('/field'))).toMatchObject({
      status: 400,
      errors: [{ path: 'occurredOn', message: 'Must not be in the future' }],
    });
  });

  it('hides unknown errors behind a generic 500 and logs them with the request id', async () => {
    const { app, logs } = await appWithRoutes();
    const res = await app.inject('/boom');
    expect(res.statusCode).toBe(500);
    const body = json(res);
    expect(body.detail).not.toMatch(/secret|postgres/);
    const line = logs.map((l) => JSON.parse(l)).find((l) => l.msg === 'unhandled error');
    expect(line).toBeDefined();
    expect(line.reqId).toMatch(/^req-/);
    expect(body.detail).toContain(line.reqId);
    expect(line.err.message).toContain('secret internals');
  });

  it('maps malformed JSON to 400, too-large bodies to 413 and unknown routes to 404', async () => {
    const { app } = await appWithRoutes();
    const malformed = await app.inject({
      method: 'POST',
      url: '/things/1',
      headers: { 'content-type': 'application/json' },
      payload: '{"title":',
    });
    expect(json(malformed)).toMatchObject({ status: 400, title: 'Bad Request' });
    const big = await app.inject({
      method: 'POST',
      url: '/things/1',
      payload: { title: 'x'.repeat(200), tags: [] },
    });
    expect(big.statusCode).toBe(413);
    expect(json(big)).toMatchObject({ status: 413, title: 'Content Too Large' });
    const missing = await app.inject('/nowhere?x=1');
    expect(json(missing)).toMatchObject({ status: 404, detail: 'No route GET /nowhere.' });
  });

  it('fieldErrors splits unknown keys into one entry each', () => {
    expect(
      fieldErrors([
        { keyword: 'unrecognized_keys', instancePath: '/', params: { keys: ['a', 'b'] } },
        { keyword: 'too_small', instancePath: '/links/0', message: 'Too short' },
        { keyword: 'too_big', instancePath: '/links/0', message: 'Too long' },
      ]),
    ).toEqual([
      { path: 'a', message: 'Unknown field' },
      { path: 'b', message: 'Unknown field' },
      { path: 'links.0', message: 'Too short' },
    ]);
  });
});
