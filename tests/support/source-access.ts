// The access table every connected source's routes keep (/me/integrations/<id>: one's own
// only, made for every source from the registry by sources/routes.ts), asserted the same way
// for each source's test file: GET, PUT, POST /sync and DELETE for the owner (connected
// before), the manager, an admin, a stranger, a sponsor, a requested endorser, a deactivated
// person and nobody.
import { expect, it } from 'vitest';
import { call } from './http';
import { expectAccess, type RoleCast, signedIn } from './role-cast';
import type { TestApp } from './test-app';

export interface SourceAccess {
  app: TestApp;
  cast: RoleCast;
  /** `/api/v1/me/integrations/<id>`. */
  api: string;
  /** A config the service refuses (PUT answers 400 for everyone signed in). */
  refusedConfig: Record<string, unknown>;
  /** POST /sync's body for a connected person. */
  syncBody: Record<string, unknown>;
  /** The owner's connection, as GET shows it, once everyone else has tried to delete theirs. */
  ownersConnection: Record<string, unknown>;
}

export function itKeepsTheSourceAccessTable(s: SourceAccess): void {
  it('GET: only one’s own connection (others have none: 404); deactivated and anonymous 401', async () => {
    await expectAccess(s.cast, (token) => call(s.app, 'GET', s.api, { token }), {
      ...signedIn(404),
      owner: 200,
    });
  });

  it('PUT: everyone signed in connects their own; nobody else (401)', async () => {
    await expectAccess(
      s.cast,
      (token) => call(s.app, 'PUT', s.api, { token, body: s.refusedConfig }),
      signedIn(400),
    );
  });

  it('sync: only a connected person; 404 for the rest', async () => {
    await expectAccess(
      s.cast,
      (token) => call(s.app, 'POST', `${s.api}/sync`, { token, body: s.syncBody }),
      { ...signedIn(404), owner: 200 },
    );
  });

  it('DELETE: one’s own only (204 also when nothing was connected); the owner’s stays', async () => {
    await expectAccess(
      s.cast,
      (token, actor) =>
        actor === 'owner'
          ? call(s.app, 'GET', s.api, { token })
          : call(s.app, 'DELETE', s.api, { token }),
      { ...signedIn(204), owner: 200 },
    );
    const res = await call(s.app, 'GET', s.api, { token: s.cast.engineer });
    expect(res.body).toMatchObject(s.ownersConnection);
  });
}
