// docs/api.md is the people's overview of the API: it must name every operation the
// served OpenAPI document has, so a new route cannot go undocumented there.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../support/http';
import { startTestApp, type TestContext } from '../support/test-app';

describe('docs/api.md', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await startTestApp();
  });
  afterAll(() => ctx.close());

  it('names every operation of the OpenAPI document as METHOD /path', async () => {
    const doc = (await call(ctx.app, 'GET', '/docs/json')).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    // Line breaks inside a sentence are folded, so "POST\n  /api/v1/…" still counts.
    const overview = (
      await readFile(new URL('../../docs/api.md', import.meta.url), 'utf8')
    ).replace(/\s+/g, ' ');
    const missing = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item)
        .map((method) => `${method.toUpperCase()} ${path}`)
        .filter((operation) => !overview.includes(operation))
        // The health probes are named once, at the root; their /api/v1 twins are implied.
        .filter((operation) => !/^GET \/api\/v1\/(healthz|readyz)$/.test(operation)),
    );
    expect(missing).toEqual([]);
  });
});
