// The OpenAPI document at /docs/json must describe the whole v1 contract (shared/API.md),
// pass redocly's recommended lint rules, and generate a typed client that compiles and runs.
import { execFile } from 'node:child_process';
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import openapiTS, { astToString } from 'openapi-typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, registerUser, TEST_PASSWORD } from '../support/http';
import { useTestApp } from '../support/test-app';

const CONTRACT: [method: string, path: string, success: string][] = [
  ['post', '/api/v1/auth/register', '201'],
  ['post', '/api/v1/auth/login', '200'],
  ['post', '/api/v1/auth/refresh', '200'],
  ['post', '/api/v1/auth/logout', '204'],
  ['post', '/api/v1/auth/password-reset', '204'],
  ['get', '/api/v1/me', '200'],
  ['patch', '/api/v1/me', '200'],
  ['post', '/api/v1/me/password', '204'],
  ['delete', '/api/v1/me/sessions', '204'],
  ['post', '/api/v1/me/tokens', '201'],
  ['get', '/api/v1/me/tokens', '200'],
  ['delete', '/api/v1/me/tokens/{id}', '204'],
  ['get', '/api/v1/users', '200'],
  ['post', '/api/v1/users', '201'],
  ['get', '/api/v1/users/{id}', '200'],
  ['patch', '/api/v1/users/{id}', '200'],
  ['post', '/api/v1/users/{id}/deactivate', '200'],
  ['post', '/api/v1/users/{id}/reactivate', '200'],
  ['post', '/api/v1/users/{id}/password-reset', '201'],
  ['get', '/api/v1/audit', '200'],
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
  ['get', '/api/v1/users/{id}/agreement', '200'],
  ['put', '/api/v1/users/{id}/agreement', '200'],
  ['post', '/api/v1/users/{id}/agreement/confirm', '200'],
  ['get', '/api/v1/reflection-statements', '200'],
  ['put', '/api/v1/reflections/{weekStart}', '200'],
  ['get', '/api/v1/users/{id}/reflections', '200'],
  ['get', '/api/v1/users/{id}/profile', '200'],
  ['post', '/api/v1/evidence/{id}/endorsement-requests', '201'],
  ['get', '/api/v1/endorsement-requests', '200'],
  ['post', '/api/v1/endorsement-requests/{id}/endorse', '201'],
  ['post', '/api/v1/endorsement-requests/{id}/decline', '204'],
  ['get', '/api/v1/me/sponsors', '200'],
  ['post', '/api/v1/me/sponsors', '201'],
  ['delete', '/api/v1/me/sponsors/{userId}', '204'],
  ['get', '/api/v1/me/sponsoring', '200'],
  ['get', '/healthz', '200'],
  ['get', '/readyz', '200'],
];

describe('the OpenAPI document', () => {
  const ctx = useTestApp();
  // biome-ignore lint/suspicious/noExplicitAny: the OpenAPI document is checked structurally.
  let doc: any;
  beforeAll(async () => {
    const res = await call(ctx.app, 'GET', '/docs/json');
    expect(res.status).toBe(200);
    doc = res.body;
  });

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

  it("passes redocly's recommended rules with no error or warning", async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const found = await lintFromString({
      source: JSON.stringify(doc),
      absoluteRef: 'openapi.json',
      config,
    });
    // A redirect is the success of a browser's step in single sign-on (302 to the provider,
    // 302 back to the dashboard): the 2XX rule does not apply to an operation answering 302.
    const isRedirect = (pointer = '') => {
      const match = /^#\/paths\/([^/]+)\/(\w+)\/responses$/.exec(pointer);
      const path = match?.[1]?.replaceAll('~1', '/').replaceAll('~0', '~') ?? '';
      return doc.paths?.[path]?.[match?.[2] ?? '']?.responses?.['302'] !== undefined;
    };
    const lines = found
      .filter((p) => !(p.ruleId === 'operation-2xx-response' && isRedirect(p.location[0]?.pointer)))
      .map((p) => `${p.severity} ${p.ruleId}: ${p.message} (${p.location[0]?.pointer})`);
    expect(lines).toEqual([]);
  });

  it('names every operation with a unique operationId', () => {
    const ids = Object.values(doc.paths).flatMap((item) =>
      Object.values(item as Record<string, { operationId?: string }>).map((op) => op.operationId),
    );
    expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('generates a typed client (docs/examples/typed-client.ts) that compiles and calls the API', async () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const dir = join(root, 'tests/.generated', `client-${process.pid}-${Date.now()}`);
    await mkdir(dir, { recursive: true });
    try {
      await writeFile(join(dir, 'leadtrack-api.d.ts'), astToString(await openapiTS(doc)));
      await copyFile(join(root, 'docs/examples/typed-client.ts'), join(dir, 'typed-client.ts'));
      const run = promisify(execFile);
      const bin = (name: string) => join(root, 'node_modules/.bin', name);
      // A type error in the example (or a contract change that breaks it) fails here.
      await run(
        bin('tsc'),
        [
          '--noEmit',
          '--strict',
          '--skipLibCheck',
          '--target',
          'es2022',
          '--module',
          'preserve',
          '--moduleResolution',
          'bundler',
          '--types',
          'node',
          join(dir, 'typed-client.ts'),
        ],
        { cwd: dir },
      );
      const user = await registerUser(ctx.app);
      const pat = await call(ctx.app, 'POST', '/api/v1/me/tokens', {
        token: user.token,
        body: { name: 'typed client', currentPassword: TEST_PASSWORD },
      });
      expect(pat.status, pat.text).toBe(201);
      await ctx.app.listen({ host: '127.0.0.1', port: 0 });
      const { port } = ctx.app.server.address() as AddressInfo;
      const { stdout } = await run(bin('tsx'), [join(dir, 'typed-client.ts')], {
        cwd: dir,
        env: {
          ...process.env,
          LEADTRACK_URL: `http://127.0.0.1:${port}`,
          LEADTRACK_TOKEN: pat.body.token,
        },
      });
      expect(stdout).toMatch(/^logged \S+; streak \d+, ready: (true|false)$/m);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('serves the interactive UI at /docs', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/swagger/i);
  });
});
