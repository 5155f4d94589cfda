// The setup and calls the tests of the token-host sources (GitHub and GitLab, both made by
// apps/api/src/sources/token-host) share against their stand-ins: connect a person with a
// token at an address, wait for the backfill connecting starts, read what a person was
// offered, disconnect, and the source access table (source-access.ts) on their routes.
import { addWeeks } from '@leadtrack/core';
import { expect } from 'vitest';
import { useFixture } from './fixtures';
import { call, type TestUser } from './http';
import { useRoleCast } from './role-cast';
import { itKeepsTheSourceAccessTable } from './source-access';
import type { TestApp, TestHandle } from './test-app';
import { thisWeekUtc } from './weeks';

/** A suggestion as stored, read straight from the table. */
export interface SuggestionRow {
  id: string;
  external_id: string;
  title: string;
  description: string | null;
  url: string | null;
  occurred_on: string;
  suggested_kinds: string;
  details: Record<string, unknown>;
  source: string;
  status: string;
}

type TokenHost = 'github' | 'gitlab';

/** Each host's longest rate-limit wait, 5 s in these tests: the stand-ins' limits reset within seconds. */
const QUICK_WAITS: Record<TokenHost, Record<string, string>> = {
  github: { GITHUB_MAX_WAIT_SECONDS: '5' },
  gitlab: { GITLAB_MAX_WAIT_SECONDS: '5' },
};

/**
 * Waits for the background sync connecting started (GET `api` as `user` until it is no
 * longer `syncing`, at most `seconds`), and answers the connection after it.
 */
async function settledConnection(app: TestApp, api: string, user: TestUser, seconds = 60) {
  for (let i = 0; i < seconds * 10; i++) {
    const res = await call(app, 'GET', api, { token: user });
    expect(res.status, res.text).toBe(200);
    if (!res.body.syncing) return res.body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the sync of ${api} did not finish in ${seconds} s`);
}

/**
 * The calls on source `source` of the app in `handle`, connecting by default to the
 * stand-in `host` (read when called, so a fixture's stand-in will do).
 */
export function tokenHostCalls(
  { app, sql }: Pick<TestHandle, 'app' | 'sql'>,
  source: TokenHost,
  host: { readonly baseUrl: string },
) {
  const api = `/api/v1/me/integrations/${source}`;
  return {
    /** `/api/v1/me/integrations/<source>`. */
    api,

    /** PUT: connects `user` with `token` at `baseUrl` (200). */
    async connect(user: TestUser, token: string, baseUrl = host.baseUrl) {
      const res = await call(app, 'PUT', api, { token: user, body: { token, baseUrl } });
      expect(res.status, res.text).toBe(200);
      return res;
    },

    /** The connection of `user` once the sync connecting started has finished. */
    settled: (user: TestUser) => settledConnection(app, api, user),

    /** The suggestions this source made `user`, by date and external id. */
    async suggestionsOf(user: TestUser): Promise<SuggestionRow[]> {
      const { rows } = await sql.query<SuggestionRow>(
        `SELECT id, external_id, title, description, url,
            to_char(occurred_on, 'YYYY-MM-DD') AS occurred_on, suggested_kinds::text, details,
            source, status
           FROM suggestions WHERE user_id = $1 AND source = $2 ORDER BY occurred_on, external_id`,
        [user.id, source],
      );
      return rows;
    },

    /** DELETE: `user` disconnects (204), and GET then finds no connection (404). */
    async disconnect(user: TestUser) {
      const res = await call(app, 'DELETE', api, { token: user });
      expect(res.status, res.text).toBe(204);
      expect((await call(app, 'GET', api, { token: user })).status).toBe(404);
    },
  };
}

/**
 * A token host's test file, set up before its tests: an app with the role cast (rate-limit
 * waits of 5 s at most), the stand-in `start` makes (`host`, stopped after the tests), and
 * the calls on the source, connecting to that stand-in by default.
 */
export function useTokenHost<S extends { readonly baseUrl: string; stop(): Promise<void> }>(
  source: TokenHost,
  start: () => Promise<S>,
) {
  const { app, sql, cast } = useRoleCast(QUICK_WAITS[source]);
  const host = useFixture(start, (s) => s.stop());
  const calls = tokenHostCalls({ app, sql }, source, host);
  return {
    app,
    sql,
    cast,
    host,
    ...calls,

    /**
     * The source access table on the source's routes, as `cast` meets it: the config
     * everyone is refused is `nobodyToken` at an address where nothing answers (port 9 on
     * loopback); the owner syncs from last week; `ownersConnection` is what GET still shows
     * the owner after the others disconnected.
     */
    itKeepsTheAccessTable(nobodyToken: string, ownersConnection: Record<string, unknown>): void {
      itKeepsTheSourceAccessTable({
        app,
        cast,
        api: calls.api,
        refusedConfig: { token: nobodyToken, baseUrl: 'http://127.0.0.1:9' },
        syncBody: { from: addWeeks(thisWeekUtc(), -1) },
        ownersConnection,
      });
    },
  };
}
