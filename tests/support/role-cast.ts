// The cast of the "rest of the role" access tests: a team (admin, manager, engineer = the
// owner, peer, stranger) plus a sponsor the engineer granted, a colleague asked to endorse
// one of the engineer's entries, and a deactivated colleague who held both grants before
// an admin deactivated them (so their 401 proves deactivation, not a missing right).
import { expect } from 'vitest';
import { useFixture } from './fixtures';
import { call, makeTeam, type Response, registerUser, type TestUser } from './http';
import { type TestApp, type TestAppOptions, type TestHandle, useTestApp } from './test-app';

export async function makeRoleCast(app: TestApp) {
  const team = await makeTeam(app);
  const sponsor = await registerUser(app, { name: 'Sponsor' });
  const endorser = await registerUser(app, { name: 'Endorser' });
  const deactivated = await registerUser(app, { name: 'Deactivated' });
  const entry = await call(app, 'POST', '/api/v1/evidence', {
    token: team.engineer.token,
    body: { kinds: ['proposal'], title: 'Queue RFC', occurredOn: '2026-11-02' },
  });
  expect(entry.status, entry.text).toBe(201);
  for (const user of [sponsor, deactivated]) {
    const grant = await call(app, 'POST', '/api/v1/me/sponsors', {
      token: team.engineer.token,
      body: { userId: user.id },
    });
    expect(grant.status, grant.text).toBe(201);
  }
  const requests: Record<string, string> = {};
  for (const user of [endorser, deactivated]) {
    const asked = await call(
      app,
      'POST',
      `/api/v1/evidence/${entry.body.id}/endorsement-requests`,
      {
        token: team.engineer.token,
        body: { userId: user.id },
      },
    );
    expect(asked.status, asked.text).toBe(201);
    requests[user.id] = asked.body.id;
  }
  const off = await call(app, 'POST', `/api/v1/users/${deactivated.id}/deactivate`, {
    token: team.admin.token,
  });
  expect(off.status, off.text).toBe(200);
  return {
    ...team,
    sponsor,
    endorser,
    deactivated,
    /** The engineer's entry the endorser (and the deactivated colleague) were asked about. */
    entryId: entry.body.id as string,
    /** The endorser's pending request on that entry. */
    requestId: requests[endorser.id] as string,
  };
}

export type RoleCast = Awaited<ReturnType<typeof makeRoleCast>>;

/** `useTestApp(env)` and the role cast, made before the file's tests: `const { app, cast } = useRoleCast()`. */
export function useRoleCast(
  env: Record<string, string> | (() => Record<string, string>) = {},
  options: TestAppOptions = {},
): TestHandle & { cast: RoleCast } {
  const handle = useTestApp(env, options);
  return Object.assign(handle, { cast: useFixture(() => makeRoleCast(handle.app)) });
}

export const ACTORS = [
  'owner',
  'manager',
  'admin',
  'stranger',
  'sponsor',
  'endorser',
  'deactivated',
  'anonymous',
] as const;
export type Actor = (typeof ACTORS)[number];

export function tokenOf(cast: RoleCast, actor: Actor): string | undefined {
  const users: Record<Exclude<Actor, 'anonymous'>, TestUser> = {
    owner: cast.engineer,
    manager: cast.manager,
    admin: cast.admin,
    stranger: cast.stranger,
    sponsor: cast.sponsor,
    endorser: cast.endorser,
    deactivated: cast.deactivated,
  };
  return actor === 'anonymous' ? undefined : users[actor].token;
}

/**
 * Calls `request` as every actor and checks each status against `expected`, reporting all
 * mismatches at once. `request` gets the actor's token (undefined: no Authorization).
 */
export async function expectAccess(
  cast: RoleCast,
  request: (token: string | undefined, actor: Actor) => Promise<Response>,
  expected: Record<Actor, number>,
) {
  const actual: Partial<Record<Actor, number>> = {};
  for (const actor of ACTORS) {
    const res = await request(tokenOf(cast, actor), actor);
    actual[actor] = res.status;
    if (res.status >= 400) {
      expect(res.headers['content-type'], `${actor}: ${res.text}`).toMatch(
        /^application\/problem\+json/,
      );
    }
  }
  expect(actual).toEqual(expected);
}

/**
 * Each named caller's statuses for `request` made twice in a row (`{ name: [first,
 * repeat] }`), for one toEqual over every caller of a rule where a repeat answers 200.
 */
export async function statusesTwice(
  callers: readonly (readonly [string, string | undefined])[],
  request: (token: string | undefined) => Promise<Response>,
): Promise<Record<string, number[]>> {
  const statuses: Record<string, number[]> = {};
  for (const [name, token] of callers) {
    const first = (await request(token)).status;
    statuses[name] = [first, (await request(token)).status];
  }
  return statuses;
}

/**
 * The statuses of a route every signed-in active person gets `status` from: a deactivated
 * person and a call without a token get 401. Spread it and name the exceptions:
 * `{ ...signedIn(200), stranger: 404 }`.
 */
export function signedIn(status: number): Record<Actor, number> {
  return {
    owner: status,
    manager: status,
    admin: status,
    stranger: status,
    sponsor: status,
    endorser: status,
    deactivated: 401,
    anonymous: 401,
  };
}
