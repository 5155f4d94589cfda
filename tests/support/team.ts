// The setup most API test files share: an app on its own database, a small team and one
// entry of the engineer's, declared in one line at module level.
import { addDays, todayUtc } from '@leadtrack/core';
import { expect } from 'vitest';
import { useFixture } from './fixtures';
import { call, makeTeam, type Team, type TestUser } from './http';
import { type TestApp, type TestHandle, useTestApp } from './test-app';

export interface LoggedEntry {
  id: string;
  title: string;
  occurredOn: string;
  version: number;
}

/** Logs an entry for `user` through the API (a review, yesterday, unless `body` says otherwise). */
export async function logEntry(
  app: TestApp,
  user: TestUser,
  body: Record<string, unknown> = {},
): Promise<LoggedEntry> {
  const made = await call(app, 'POST', '/api/v1/evidence', {
    token: user.token,
    body: { kinds: ['review'], title: 'An entry', occurredOn: addDays(todayUtc(), -1), ...body },
  });
  expect(made.status, made.text).toBe(201);
  return made.body;
}

/**
 * Who may read the engineer's own views (readiness, packet), as [token, the user id asked
 * about, status]: the engineer (by id and as 'me'), their manager and an admin 200; a peer
 * and a stranger 404, as are the manager asking about someone else's report and an admin
 * about no one; no token and a revoked one 401.
 */
export function ownViewAccess(
  team: Team,
  revokedPat: string,
): [string | undefined, string, number][] {
  const target = team.engineer.id;
  return [
    [team.engineer.token, target, 200],
    [team.engineer.token, 'me', 200],
    [team.manager.token, target, 200],
    [team.admin.token, target, 200],
    [team.peer.token, target, 404],
    [team.stranger.token, target, 404],
    [team.manager.token, team.stranger.id, 404],
    [team.admin.token, 'no-such-user', 404],
    [undefined, target, 401],
    [revokedPat, target, 401],
  ];
}

/**
 * `useTestApp(env)` and `makeTeam` (admin, manager, engineer, peer, stranger), made before
 * the file's tests: `const { app, team } = useTeam()`.
 */
export function useTeam(
  env: Record<string, string> | (() => Record<string, string>) = {},
): TestHandle & { team: Team } {
  const handle = useTestApp(env);
  return Object.assign(handle, { team: useFixture(() => makeTeam(handle.app)) });
}

/** `useTeam(env)` and one entry of the engineer's, made before the file's tests. */
export function useTeamWithEntry(env: Record<string, string> = {}) {
  const { app, sql, team } = useTeam(env);
  const entry = useFixture(() => logEntry(app, team.engineer));
  return { app, sql, team, entry };
}
