// Strange inputs on representative routes: NUL bytes and unpaired surrogates in every kind
// of string, undecodable and overlong paths, malformed, nested and huge bodies. Each is a
// client error in problem+json (never a 5xx) and nothing is stored.
import { once } from 'node:events';
import net from 'node:net';
import { addDays, todayUtc, weekStartOf } from '@leadtrack/core';
import * as contract from '@leadtrack/schemas';
import { describe, expect, it } from 'vitest';
import { call, expectProblem, TEST_PASSWORD, uniqueEmail } from '../support/http';
import { useTeamWithEntry } from '../support/team';

const V1 = '/api/v1';
const NUL = 'a\u0000b';
const LONE = 'a\ud800b';

const { app, sql, team, entry } = useTeamWithEntry();

async function counts() {
  const { rows } = await sql.query(`SELECT
    (SELECT count(*) FROM evidence)::int AS evidence,
    (SELECT count(*) FROM acknowledgements)::int AS acknowledgements,
    (SELECT count(*) FROM checkins)::int AS checkins,
    (SELECT count(*) FROM feedback)::int AS feedback,
    (SELECT count(*) FROM personal_access_tokens)::int AS tokens,
    (SELECT count(*) FROM users)::int AS users,
    (SELECT string_agg(name, ',' ORDER BY id) FROM users) AS names,
    (SELECT string_agg(title, ',' ORDER BY id) FROM evidence) AS titles`);
  return rows[0];
}

/** POST /evidence as the engineer with `payload` sent as it is, typed `type` (none if empty). */
const postRawEvidence = (type: string | undefined, payload: string) =>
  app.inject({
    method: 'POST',
    url: `${V1}/evidence`,
    headers: {
      authorization: `Bearer ${team.engineer.token}`,
      ...(type && { 'content-type': type }),
    },
    payload,
  });

describe('strings holding NUL or an unpaired surrogate', () => {
  const week = () => weekStartOf(todayUtc());
  const evidence = (o: Record<string, unknown>) => ({
    kinds: ['review'],
    title: 'A title',
    occurredOn: addDays(todayUtc(), -1),
    ...o,
  });
  // [label, method, path, who, body, the fields named]
  const cases: [string, 'POST' | 'PUT' | 'PATCH', () => string, () => string, unknown, string[]][] =
    [];
  for (const [what, bad] of [
    ['NUL', NUL],
    ['unpaired surrogate', LONE],
  ] as const) {
    // A new entry with the bad string in one field: [where, the field's value, its path].
    for (const [where, field, value, path] of [
      ['an evidence title', 'title', bad, 'title'],
      ['a description', 'description', bad, 'description'],
      ['a link', 'links', [`https://example.test/${bad}`], 'links.0'],
    ] as const) {
      cases.push([
        `${what} in ${where}`,
        'POST',
        () => `${V1}/evidence`,
        () => team.engineer.token,
        evidence({ [field]: value }),
        [path],
      ]);
    }
    cases.push(
      [
        `${what} in an edited title`,
        'PATCH',
        () => `${V1}/evidence/${entry.id}`,
        () => team.engineer.token,
        { title: bad },
        ['title'],
      ],
      [
        `${what} in a check-in note`,
        'PUT',
        () => `${V1}/checkins/${week()}`,
        () => team.engineer.token,
        { handsOnPercent: 50, deepWorkBlocks: 3, onLeave: false, note: bad },
        ['note'],
      ],
      [
        `${what} in an acknowledgement comment`,
        'POST',
        () => `${V1}/evidence/${entry.id}/acknowledgements`,
        () => team.manager.token,
        { comment: bad },
        ['comment'],
      ],
      [
        `${what} in feedback`,
        'POST',
        () => `${V1}/users/${team.engineer.id}/feedback`,
        () => team.manager.token,
        { body: bad },
        ['body'],
      ],
      [
        `${what} in a token name`,
        'POST',
        () => `${V1}/me/tokens`,
        () => team.engineer.token,
        { name: bad, currentPassword: TEST_PASSWORD },
        ['name'],
      ],
      [
        `${what} in a person's name`,
        'PATCH',
        () => `${V1}/users/${team.engineer.id}`,
        () => team.admin.token,
        { name: bad },
        ['name'],
      ],
      [
        `${what} in every sign-up field`,
        'POST',
        () => `${V1}/auth/register`,
        () => '',
        { email: `x${bad}@example.test`, name: bad, password: `${bad}-long-enough-password` },
        ['email', 'name', 'password'],
      ],
      [
        `${what} in a created user's name`,
        'POST',
        () => `${V1}/users`,
        () => team.admin.token,
        { email: uniqueEmail(), name: bad, password: 'long enough password', role: 'engineer' },
        ['name'],
      ],
      [
        `${what} in a sign-in password`,
        'POST',
        () => `${V1}/auth/login`,
        () => '',
        { email: 'someone@example.test', password: bad },
        ['password'],
      ],
    );
  }

  it.each(cases)(
    '%s → 400 naming the field, nothing stored',
    async (_label, method, path, who, body, fields) => {
      const before = await counts();
      const res = await call(app, method, path(), { token: who() || undefined, body });
      expectProblem(res, 400, fields);
      expect(res.body.errors[0].message).toMatch(/NUL character or an unpaired surrogate/);
      expect(await counts()).toEqual(before);
    },
  );

  it('an unpaired surrogate sent as a raw JSON escape is refused too', async () => {
    const before = await counts();
    const res = await postRawEvidence(
      'application/json',
      `{"kinds":["review"],"title":"x\\udc00y","occurredOn":"${addDays(todayUtc(), -1)}"}`,
    );
    expect(res.statusCode, res.body).toBe(400);
    expect(JSON.parse(res.body).errors).toEqual([
      { path: 'title', message: expect.stringMatching(/surrogate/) },
    ]);
    expect(await counts()).toEqual(before);
  });

  it('a surrogate pair (an emoji) is ordinary text', async () => {
    const res = await call(app, 'PATCH', `${V1}/evidence/${entry.id}`, {
      token: team.engineer.token,
      body: { title: 'Shipped it \ud83d\ude80' },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.title).toBe('Shipped it 🚀');
  });
});

describe('strange URLs and bodies', () => {
  const long = 'a'.repeat(100 * 1024);
  const urls: [string, string, number[]][] = [
    ['a %00 evidence id', `${V1}/evidence/%00`, [400, 404]],
    ['a %00 user id', `${V1}/users/%00/readiness`, [400, 404]],
    ['a %00 check-in week', `${V1}/checkins?from=%00`, [400]],
    ['a %00 cursor', `${V1}/evidence?cursor=%00`, [400]],
    ['a %ZZ path parameter', `${V1}/evidence/%ZZ`, [400]],
    ['a %ZZ in a path without parameters', `${V1}/evi%ZZdence`, [400, 404]],
    ['a 100 KiB path parameter', `${V1}/evidence/${long}`, [414]],
    ['a 100 KiB path', `${V1}/${long}`, [404, 414]],
    ['a 100 KiB query value', `${V1}/evidence?cursor=${long}`, [400, 414]],
  ];
  it.each(urls)('%s → a problem+json client error', async (_label, url, statuses) => {
    const res = await call(app, 'GET', url, { token: team.engineer.token });
    expect(statuses, res.text).toContain(res.status);
    expectProblem(res, res.status);
    expect(res.body.detail).toMatch(/^\S.*\.$/s);
  });

  const deep = `${'['.repeat(30_000)}${']'.repeat(30_000)}`;
  const deepObject = `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`;
  const bodies: [string, string | undefined, string, number][] = [
    ['malformed JSON', 'application/json', '{"title": ', 400],
    ['an empty JSON body', 'application/json', '', 400],
    ['a body that is not JSON', 'text/plain', 'title=x', 415],
    ['a form body', 'application/x-www-form-urlencoded', 'title=x', 415],
    ['deeply nested arrays', 'application/json', deep, 400],
    ['deeply nested objects', 'application/json', deepObject, 400],
    ['a __proto__ key', 'application/json', '{"__proto__":{"admin":true}}', 400],
    ['a body over 64 KiB', 'application/json', JSON.stringify({ title: 'x'.repeat(70_000) }), 413],
  ];
  it.each(bodies)(
    '%s → a problem+json client error, nothing stored',
    async (_label, type, payload, status) => {
      const before = await counts();
      const res = await postRawEvidence(type, payload);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      const problem = JSON.parse(res.body);
      expect(problem.status).toBe(status);
      expect(problem.detail).toMatch(/^\S.*\.$/s);
      expect(await counts()).toEqual(before);
    },
  );
});

describe('over a real socket', () => {
  it('a URL over the HTTP parser limit answers problem+json, and the server keeps serving', async () => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as net.AddressInfo;
    const socket = net.connect(port, '127.0.0.1');
    await once(socket, 'connect');
    socket.write(`GET ${V1}/evidence/${'a'.repeat(100 * 1024)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    let raw = '';
    socket.on('data', (chunk) => {
      raw += chunk;
    });
    await once(socket, 'close');
    const [head, body] = raw.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 414 /);
    expect(head).toMatch(/content-type: application\/problem\+json/i);
    expect(JSON.parse(body ?? '')).toMatchObject({ status: 414, detail: expect.any(String) });
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(ok.status).toBe(200);
  });
});

describe('the shared contract', () => {
  // biome-ignore lint/suspicious/noExplicitAny: walking zod's internal definitions.
  type Def = any;
  /** Every string schema reachable in `schema`, with its path. */
  function stringLeaves(schema: Def, path: string, out: [string, Def][], seen = new Set()) {
    if (!schema?._zod || seen.has(schema)) return out;
    seen.add(schema);
    const def = schema._zod.def;
    const walk = (child: Def, suffix = '') => stringLeaves(child, path + suffix, out, seen);
    switch (def.type) {
      case 'string':
        out.push([path, schema]);
        break;
      case 'object':
        for (const [key, child] of Object.entries(def.shape)) walk(child, `.${key}`);
        break;
      case 'array':
        walk(def.element, '[]');
        break;
      case 'pipe':
        // The output side only ever sees what the input side accepted.
        walk(def.in);
        break;
      case 'union':
        for (const option of def.options) walk(option);
        break;
      case 'record':
        walk(def.keyType, '{key}');
        walk(def.valueType, '{}');
        break;
      case 'intersection':
        walk(def.left);
        walk(def.right);
        break;
      default:
        if (def.innerType) walk(def.innerType);
    }
    return out;
  }

  it('every string a client may send (bodies, queries, params, headers) refuses NUL and lone surrogates', () => {
    const inputs = Object.entries(contract).filter(([name]) =>
      /(Body|Query|Params|Headers)Schema$/.test(name),
    );
    expect(inputs.length).toBeGreaterThan(10);
    const unguarded: string[] = [];
    for (const [name, schema] of inputs) {
      for (const [path, leaf] of stringLeaves(schema, name, [])) {
        // A date schema refuses anything but YYYY-MM-DD, a NUL included.
        const isDate =
          leaf.safeParse('2026-01-05').success && !leaf.safeParse('2026-01-05\u0000').success;
        const guarded =
          isDate ||
          leaf._zod.def.checks?.some((c: Def) => c._zod.def.fn === contract.isStorableText);
        if (!guarded) unguarded.push(path);
      }
    }
    // Build client strings on plainString() (or text(), IdSchema…) from common.ts.
    expect(unguarded).toEqual([]);
  });
});
