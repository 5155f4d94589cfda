// The setup most API test files share: an app on its own database, a small team and one
// entry of the engineer's, declared in one line at module level.
import { addDays, todayUtc } from '@leadtrack/core';
import { expect } from 'vitest';
import { useFixture } from './fixtures';
import { call, makeTeam, type TestUser } from './http';
import { type TestApp, useTestApp } from './test-app';

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
 * `useTestApp()`, `makeTeam` (admin, manager, engineer, peer, stranger) and one entry of the
 * engineer's, made before the file's tests.
 */
export function useTeamWithEntry(env: Record<string, string> = {}) {
  const { app, sql } = useTestApp(env);
  const team = useFixture(() => makeTeam(app));
  const entry = useFixture(() => logEntry(app, team.engineer));
  return { app, sql, team, entry };
}
