// The OpenAPI document at /docs/json must describe the whole v1 contract (shared/API.md).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../support/http';
import { startTestApp, type TestContext } from '../support/test-app';

const CONTRACT: [method: string, path: string, success: string][] = [
  ['post', '/api/v1/auth/register', '201'],
  ['post', '/api/v1/auth/login', '200'],
  ['post', '/api/v1/auth/refresh', '200'],
  ['post', '/api/v1/auth/logout', '204'],
  ['get', '/api/v1/me', '200'],
  ['post', '/api/v1/me/tokens', '201'],
  ['get', '/api/v1/me/tokens', '200'],
  ['delete', '/api/v1/me/tokens/{id}', '204'],
  ['get', '/api/v1/users', '200'],
  ['post', '/api/v1/users', '201'],
  ['get', '/api/v1/users/{id}', '200'],
  ['patch', '/api/v1/users/{id}', '200'],
  ['post', '/api/v1/evidence', '201'],
  ['get', '/api/v1/evidence', '200'],
  ['get', '/api/v1/evidence/{id}', '200'],
  ['patch', '/api/v1/evidence/{id}', '200'],
  ['delete', '/api/v1/evidence/{id}', '204'],
  ['post', '/api/v1/evidence/{id}/restore', '200'],
  ['post', '/api/v1/evidence/{id}/acknowledgements', '201'],
  ['put', '/api/v1/checkins/{weekStart}', '200'],
  ['get', '/api/v1/checkins', '200'],
  ['get', '/api/v1/users/{id}/readiness', '200'],
  ['get', '/api/v1/reports', '200'],
  ['get', '/api/v1/policy', '200'],
  ['put', '/api/v1/policy', '200'],
  ['post', '/api/v1/users/{id}/feedback', '201'],
  ['get', '/api/v1/users/{id}/feedback', '200'],
  ['get', '/api/v1/users/{id}/packet', '200'],
  ['get', '/healthz', '200'],
  ['get', '/readyz', '200'],
];

describe('the OpenAPI document', () => {
  let ctx: TestContext;
  // biome-ignore lint/suspicious/noExplicitAny: the OpenAPI document is checked structurally.
  let doc: any;
  beforeAll(async () => {
    ctx = await startTestApp();
    const res = await call(ctx.app, 'GET', '/docs/json');
    expect(res.status).toBe(200);
    doc = res.body;
  });
  afterAll(() => ctx.close());

  it('is OpenAPI 3.1 with bearer security', () => {
    expect(doc.openapi).toMatch(/^3\.1/);
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it.each(CONTRACT)('documents %s %s with its success response', (method, path, status) => {
    const operation = doc.paths?.[path]?.[method];
    expect(operation, `${method.toUpperCase()} ${path} is missing`).toBeDefined();
    expect(operation.responses?.[status], `${status} response`).toBeDefined();
    expect(operation.summary).toEqual(expect.any(String));
  });

  it('documents request bodies and problem responses for writes', () => {
    const create = doc.paths['/api/v1/evidence'].post;
    const schema = create.requestBody.content['application/json'].schema;
    expect(schema.required).toEqual(expect.arrayContaining(['kinds', 'title', 'occurredOn']));
    expect(create.responses['400']).toBeDefined();
    expect(create.responses['401']).toBeDefined();
  });

  it('serves the interactive UI at /docs', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/swagger/i);
  });
});
