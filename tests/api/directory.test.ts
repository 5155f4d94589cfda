// GET /users/directory: the active colleagues' ids and names for the dashboard's endorser
// and sponsor pickers; deactivated people are not offered, nothing but id and name shows.
import { describe, expect, it } from 'vitest';
import { call } from '../support/http';
import { expectAccess, signedIn, useRoleCast } from '../support/role-cast';

const { app, cast } = useRoleCast();

const directory = (token: string | undefined) =>
  call(app, 'GET', '/api/v1/users/directory', { token });

describe('GET /users/directory', () => {
  it('every signed-in active user may read it; no token or a deactivated one → 401', async () => {
    await expectAccess(cast, directory, signedIn(200));
  });

  it('lists every active user by name with id and name only, never a deactivated one', async () => {
    const res = await directory(cast.stranger.token);
    expect(res.status, res.text).toBe(200);
    const items = res.body.items as { id: string; name: string }[];
    for (const item of items) expect(Object.keys(item).sort()).toEqual(['id', 'name']);
    const ids = items.map((i) => i.id);
    for (const user of [cast.engineer, cast.manager, cast.admin, cast.sponsor, cast.endorser]) {
      expect(ids).toContain(user.id);
    }
    expect(ids).not.toContain(cast.deactivated.id);
    const names = items.map((i) => i.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('is not taken for a user id: /users/:id still answers for real ids', async () => {
    const res = await call(app, 'GET', `/api/v1/users/${cast.engineer.id}`, {
      token: cast.engineer.token,
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.id).toBe(cast.engineer.id);
  });
});
