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
    // Plain sentences from the shared schemas' wording; an array element named by its line.
    expect(body.errors).toEqual([
      { path: 'title', message: 'Title is required.' },
      { path: 'tags.1', message: 'Tag 2 must be at most 3 characters.' },
      { path: 'nested.a', message: 'A must be a number.' },
      {
        path: 'nested.b',
        message: 'The field "nested.b" is not part of this request: leave it out.',
      },
      { path: 'extra', message: 'The field "extra" is not part of this request: leave it out.' },
    ]);
    expect(body.detail).toBe(
      `5 fields need attention: ${body.errors.map((e: { message: string }) => e.message).join(' ')}`,
    );
  });

  it('reports path, body and query failures together, not one part per round', async () => {
    const { app } = await appWithRoutes();
    const query = await app.inject({
      method: 'POST',
      url: '/things/1?zzz=1',
      payload: { title: 't', tags: [] },
    });
    const unknown = 'The field "zzz" is not part of this request: leave it out.';
    expect(json(query)).toMatchObject({ status: 400, errors: [{ path: 'zzz', message: unknown }] });
    expect(json(query).detail).toBe(unknown);
    // Fastify stops at the bad path; the body and query are judged all the same.
    const all = await app.inject({
      method: 'POST',
      url: '/things/abc?zzz=1',
      payload: { title: '' },
    });
    expect(json(all).errors).toEqual([
      { path: 'n', message: 'N must be a whole number.' },
      { path: 'title', message: 'Title is required.' },
      { path: 'tags', message: 'Tags is required.' },
      { path: 'zzz', message: unknown },
    ]);
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
      detail: 'Date: must not be in the future.',
      errors: [{ path: 'occurredOn', message: 'Date: must not be in the future.' }],
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
      { path: 'a', message: 'The field "a" is not part of this request: leave it out.' },
      { path: 'b', message: 'The field "b" is not part of this request: leave it out.' },
      { path: 'links.0', message: 'Too short' },
    ]);
  });
});
