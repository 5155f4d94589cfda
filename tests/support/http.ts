// Calls the API the way a client does: over a real socket (supertest on the app's HTTP
// server), so every call crosses node's HTTP parser, its URL and header limits, and the
// server's own handling of a connection, as a client's request would.
import { randomBytes } from 'node:crypto';
import { DEFAULT_POLICY, type Policy } from '@leadtrack/core';
import type { Role } from '@leadtrack/db';
import request from 'supertest';
import { expect } from 'vitest';
import type { TestApp } from './test-app';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are untyped JSON; tests assert their shape.
export interface Response<T = any> {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: T;
  text: string;
}

/** Who makes a call: a user (their token), a bare token, or nobody (no Authorization). */
export type Caller = TestUser | string | undefined;

export interface CallOptions {
  token?: Caller;
  body?: unknown;
  headers?: Record<string, string>;
  query?: Record<string, string | number>;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

// biome-ignore lint/suspicious/noExplicitAny: as above.
export async function call<T = any>(
  app: TestApp,
  method: Method,
  url: string,
  options: CallOptions = {},
): Promise<Response<T>> {
  const headers: Record<string, string> = { ...options.headers };
  const token = typeof options.token === 'string' ? options.token : options.token?.token;
  if (token) headers.authorization = `Bearer ${token}`;
  // supertest listens on a free port for the call and closes it after.
  let test = request(app.server)[method.toLowerCase() as Lowercase<Method>](url).set(headers);
  if (options.query) test = test.query(options.query);
  // As app.inject sent it: null is no body, and a string goes as it is, typed only by the
  // caller's own Content-Type (superagent would call it a form).
  if (options.body !== undefined && options.body !== null) {
    test = test.send(options.body as object);
    const typed = Object.keys(headers).some((h) => h.toLowerCase() === 'content-type');
    if (typeof options.body === 'string' && !typed) test = test.unset('Content-Type');
  }
  // The answer as text whatever its type (JSON is parsed below, as a client would).
  const res = await test.buffer(true).parse((stream, done) => {
    let text = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      text += chunk;
    });
    stream.on('end', () => done(null, text));
  });
  const text = typeof res.body === 'string' ? res.body : '';
  let body: unknown = null;
  if (text.length > 0 && /json/.test(String(res.headers['content-type']))) {
    body = JSON.parse(text);
  }
  return { status: res.status, headers: res.headers, body: body as T, text };
}

/** Asserts a problem+json response, and, when given, that `errors` names these fields. */
export function expectProblem(res: Response, status: number, fields?: string[]) {
  expect(res.status, res.text).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, type: expect.any(String), title: expect.any(String) });
  expect(typeof res.body.detail).toBe('string');
  if (fields) {
    expect(res.body.errors?.map((e: { path: string }) => e.path).sort()).toEqual(
      [...fields].sort(),
    );
  }
}

export interface TestUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  managerId: string | null;
  token: string;
}

export const TEST_PASSWORD = 'correct horse battery staple';

export function uniqueEmail(label = 'user'): string {
  const local =
    label
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'user';
  return `${local}-${randomBytes(5).toString('hex')}@example.test`;
}

/**
 * Makes a user through the real API (register as needed, then admin changes through
 * PATCH /users), so every user in a test exists as the product would create it.
 */
export async function registerUser(
  app: TestApp,
  options: { name?: string; email?: string; timeZone?: string } = {},
): Promise<TestUser> {
  const email = options.email ?? uniqueEmail(options.name?.toLowerCase() ?? 'user');
  const res = await call(app, 'POST', '/api/v1/auth/register', {
    body: {
      email,
      name: options.name ?? 'Test User',
      password: TEST_PASSWORD,
      ...(options.timeZone !== undefined && { timeZone: options.timeZone }),
    },
  });
  expect(res.status, res.text).toBe(201);
  return { ...res.body.user, token: res.body.accessToken };
}

const admins = new WeakMap<TestApp, Promise<TestUser>>();

/** The instance's admin: the first user registered on the app's fresh database. */
export function adminOf(app: TestApp): Promise<TestUser> {
  let admin = admins.get(app);
  if (!admin) {
    admin = registerUser(app, { name: 'Admin' }).then((user) => {
      expect(user.role, 'the first user of a test database becomes admin').toBe('admin');
      return user;
    });
    admins.set(app, admin);
  }
  return admin;
}

/**
 * A small organisation on a fresh app: an admin (the first user), a manager with two
 * engineer reports, and an unrelated engineer (the stranger).
 */
export async function makeTeam(app: TestApp) {
  const admin = await adminOf(app);
  const manager = await registerUser(app, { name: 'Manager' });
  const engineer = await registerUser(app, { name: 'Engineer' });
  const peer = await registerUser(app, { name: 'Peer' });
  const stranger = await registerUser(app, { name: 'Stranger' });
  for (const report of [engineer, peer]) {
    await setManager(app, report, manager.id);
    report.managerId = manager.id;
  }
  manager.role = 'manager';
  return { admin, manager, engineer, peer, stranger };
}

export type Team = Awaited<ReturnType<typeof makeTeam>>;

/** PATCH /users/:id as `who` (an admin changes people's name, role and manager). */
export function patchUser(app: TestApp, who: Caller, id: string, body: unknown) {
  return call(app, 'PATCH', `/api/v1/users/${id}`, { token: who, body });
}

/** Makes `managerId` (null: nobody) the manager of `report`, as the instance's admin does. */
export async function setManager(
  app: TestApp,
  report: { id: string },
  managerId: string | null,
): Promise<void> {
  const res = await patchUser(app, await adminOf(app), report.id, { managerId });
  expect(res.status, res.text).toBe(200);
}

/**
 * A new person (registered as registerUser does) reporting to `manager`, made so by the
 * instance's admin.
 */
export async function registerReport(
  app: TestApp,
  manager: { id: string },
  options: Parameters<typeof registerUser>[1] = {},
): Promise<TestUser> {
  const user = await registerUser(app, options);
  await setManager(app, user, manager.id);
  return { ...user, managerId: manager.id };
}

/**
 * Sets the instance's readiness policy as `admin` (PUT /policy: 200): `policy` over the
 * default one, e.g. a short window and threshold so a test reaches a status in a few entries.
 */
export async function setPolicy(app: TestApp, admin: Caller, policy: Partial<Policy>) {
  const res = await call(app, 'PUT', '/api/v1/policy', {
    token: admin,
    body: { ...DEFAULT_POLICY, ...policy },
  });
  expect(res.status, res.text).toBe(200);
}

/** Sets `user`'s own time zone, as they do on their profile (PATCH /me: 200). */
export async function setOwnTimeZone(app: TestApp, user: TestUser, timeZone: string) {
  const res = await call(app, 'PATCH', '/api/v1/me', { token: user, body: { timeZone } });
  expect(res.status, res.text).toBe(200);
}

/** A new personal access token of `user` (POST /me/tokens with `body`: 201). */
export async function personalTokenOf(
  app: TestApp,
  user: TestUser,
  body: { name: string; expiresInDays?: number } = { name: 'cli' },
): Promise<{ id: string; token: string; expiresAt: string }> {
  const made = await call(app, 'POST', '/api/v1/me/tokens', {
    token: user.token,
    body: { currentPassword: TEST_PASSWORD, ...body },
  });
  expect(made.status, made.text).toBe(201);
  return made.body;
}

/**
 * Asserts a 201 with a new acknowledgement or endorsement: by `by` (their id and name),
 * saying `comment` (as stored: trimmed).
 */
export function expectRemark(res: Response, by: TestUser, comment: string | null) {
  expect(res.status, res.text).toBe(201);
  expect(res.body).toEqual({
    id: expect.any(String),
    by: { id: by.id, name: by.name },
    comment,
    entryVersion: expect.any(Number),
    current: true,
    createdAt: expect.stringMatching(/Z$/),
  });
}

/** A personal access token of `user` that worked once and was then revoked. */
export async function revokedTokenOf(app: TestApp, user: TestUser): Promise<string> {
  const made = await personalTokenOf(app, user, { name: 'revoked soon' });
  expect((await call(app, 'GET', '/api/v1/me', { token: made.token })).status).toBe(200);
  const revoked = await call(app, 'DELETE', `/api/v1/me/tokens/${made.id}`, {
    token: user.token,
  });
  expect(revoked.status, revoked.text).toBe(204);
  return made.token;
}
