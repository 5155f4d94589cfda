// Access to the rules issue 17 changed, over the callers the issue names that the role-cast
// files do not: a personal access token (PAT) caller, a declined endorser and a withdrawn
// one, beside the owner, the manager, a stranger and a deactivated person. Acknowledging
// over the same callers is in evidence-versions.test.ts; creating tokens (session, PAT,
// deactivated) in personal-tokens.test.ts.
import { todayUtc } from '@leadtrack/core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  expectProblem,
  makeTeam,
  personalTokenOf,
  registerUser,
  TEST_PASSWORD,
  type TestUser,
} from '../support/http';
import { statusesTwice } from '../support/role-cast';
import { useTestApp } from '../support/test-app';

const { app } = useTestApp();
const E = '/api/v1/evidence';

type Team = Awaited<ReturnType<typeof makeTeam>>;
let team: Team;
/** The owner's and the asked colleague's personal access tokens. */
let ownerPat: string;
let colleague: TestUser;
let colleaguePat: string;
let decliner: TestUser;
let withdrawn: TestUser;
let leaver: TestUser;
let entryId: string;
/** The decliner's (declined) and the withdrawn colleague's (withdrawn) requests. */
let declinedId: string;
let withdrawnId: string;

const ask = (token: string | undefined, id: string, userId: string) =>
  call(app, 'POST', `${E}/${id}/endorsement-requests`, { token, body: { userId } });
const endorse = (token: string | undefined, requestId: string) =>
  call(app, 'POST', `/api/v1/endorsement-requests/${requestId}/endorse`, {
    token,
    body: { comment: 'Saw it first-hand.' },
  });
const decline = (token: string | undefined, requestId: string) =>
  call(app, 'POST', `/api/v1/endorsement-requests/${requestId}/decline`, { token });
const readEntry = (token: string | undefined, id = entryId) =>
  call(app, 'GET', `${E}/${id}`, { token });

/** The callers every rule here is tried with: name and token (undefined: none). */
function callers(): [string, string | undefined][] {
  return [
    ['owner', team.engineer.token],
    ['ownerPat', ownerPat],
    ['manager', team.manager.token],
    ['stranger', team.stranger.token],
    ['declined', decliner.token],
    ['withdrawn', withdrawn.token],
    ['deactivated', leaver.token],
    ['anonymous', undefined],
  ];
}

async function logEntry(user: TestUser, title = 'Led the incident review'): Promise<string> {
  const res = await call(app, 'POST', E, {
    token: user,
    body: { kinds: ['communication'], title, occurredOn: todayUtc() },
  });
  expect(res.status, res.text).toBe(201);
  return res.body.id;
}

beforeAll(async () => {
  team = await makeTeam(app);
  colleague = await registerUser(app, { name: 'Asked Colleague' });
  decliner = await registerUser(app, { name: 'Declining Colleague' });
  withdrawn = await registerUser(app, { name: 'Withdrawn Colleague' });
  leaver = await registerUser(app, { name: 'Leaving Colleague' });
  ownerPat = (await personalTokenOf(app, team.engineer, { name: 'owner script' })).token;
  colleaguePat = (await personalTokenOf(app, colleague, { name: 'colleague script' })).token;
  entryId = await logEntry(team.engineer);
  const declined = await ask(team.engineer.token, entryId, decliner.id);
  expect(declined.status, declined.text).toBe(201);
  declinedId = declined.body.id;
  expect((await decline(decliner.token, declinedId)).status).toBe(204);
  const toWithdraw = await ask(team.engineer.token, entryId, withdrawn.id);
  withdrawnId = toWithdraw.body.id;
  const gone = await call(app, 'DELETE', `${E}/${entryId}/endorsement-requests/${withdrawnId}`, {
    token: team.engineer,
  });
  expect(gone.status, gone.text).toBe(204);
  // Asked, then deactivated: refused before any rule is read.
  expect((await ask(team.engineer.token, entryId, leaver.id)).status).toBe(201);
  const off = await call(app, 'POST', `/api/v1/users/${leaver.id}/deactivate`, {
    token: team.admin,
  });
  expect(off.status, off.text).toBe(200);
});

describe('asking for an endorsement (repeats answer 200)', () => {
  it('the owner and the owner’s PAT ask; manager 403; stranger, declined and withdrawn 404; deactivated and no token 401', async () => {
    const target = await registerUser(app, { name: 'Asked Twice' });
    const statuses = await statusesTwice(callers(), (token) => ask(token, entryId, target.id));
    expect(statuses).toEqual({
      owner: [201, 200],
      // The same person through a token: the pending request exists already.
      ownerPat: [200, 200],
      manager: [403, 403],
      stranger: [404, 404],
      declined: [404, 404],
      withdrawn: [404, 404],
      deactivated: [401, 401],
      anonymous: [401, 401],
    });
    const list = await call(app, 'GET', '/api/v1/endorsement-requests', { token: target });
    expect(
      list.body.items.filter((r: { entry: { id: string } }) => r.entry.id === entryId),
    ).toHaveLength(1);
  });

  it('asking the colleague who declined again is a 409 saying so: their access stays ended', async () => {
    const entry = await logEntry(team.engineer, 'Ran the capacity review');
    const first = await ask(team.engineer.token, entry, decliner.id);
    expect(first.status).toBe(201);
    expect((await readEntry(decliner.token, entry)).status).toBe(200);
    expect((await decline(decliner.token, first.body.id)).status).toBe(204);
    expectProblem(await readEntry(decliner.token, entry), 404);
    for (const token of [ownerPat, team.engineer.token]) {
      const again = await ask(token, entry, decliner.id);
      expectProblem(again, 409);
      expect(again.body.detail).toMatch(/already declined/);
    }
    expectProblem(await readEntry(decliner.token, entry), 404);
  });
});

describe('answering a request (repeats answer as the first)', () => {
  it('the asked colleague’s PAT endorses as them: 201 then 200; everyone else 404 or 401', async () => {
    const entry = await logEntry(team.engineer, 'Wrote the on-call guide');
    const asked = await ask(team.engineer.token, entry, colleague.id);
    expect(asked.status).toBe(201);
    const statuses: Record<string, number> = {};
    for (const [name, token] of [
      ...callers(),
      ['colleaguePat', colleaguePat],
      ['colleague', colleague.token],
    ] as const) {
      statuses[name] = (await endorse(token, asked.body.id)).status;
    }
    expect(statuses).toEqual({
      owner: 404,
      ownerPat: 404,
      manager: 404,
      stranger: 404,
      declined: 404,
      withdrawn: 404,
      deactivated: 401,
      anonymous: 401,
      colleaguePat: 201,
      // The same person again: the first answer, nothing stored twice.
      colleague: 200,
    });
    const read = await readEntry(team.engineer.token, entry);
    expect(read.body.endorsements).toHaveLength(1);
  });

  it('the declined endorser cannot endorse, read or decline again; withdrawn and deactivated alike', async () => {
    // The decliner's own request: the other answer is a 409, the same one 204 again.
    expectProblem(await endorse(decliner.token, declinedId), 409);
    expect((await decline(decliner.token, declinedId)).status).toBe(204);
    expectProblem(await readEntry(decliner.token), 404);
    // A withdrawn request is gone for its colleague.
    expectProblem(await endorse(withdrawn.token, withdrawnId), 404);
    expectProblem(await decline(withdrawn.token, withdrawnId), 404);
    expectProblem(await readEntry(withdrawn.token), 404);
    // The deactivated colleague asked before: 401 whatever they try.
    expectProblem(await readEntry(leaver.token), 401);
    expectProblem(await decline(leaver.token, declinedId), 401);
    // The owner, the manager and the owner's PAT still read it.
    for (const token of [team.engineer.token, team.manager.token, ownerPat])
      expect((await readEntry(token)).status).toBe(200);
  });
});

describe('changing the password', () => {
  it('the person with a session or their PAT, with the current password (through a PAT every session ends); deactivated and no token 401', async () => {
    const person = await registerUser(app, { name: 'Password Person' });
    const pat = (await personalTokenOf(app, person, { name: 'pw script' })).token;
    const change = (token: string | undefined, currentPassword: string, newPassword: string) =>
      call(app, 'POST', '/api/v1/me/password', {
        token,
        body: { currentPassword, newPassword },
      });
    expectProblem(await change(pat, 'not the password', 'another long passphrase'), 400, [
      'currentPassword',
    ]);
    expect((await change(pat, TEST_PASSWORD, 'another long passphrase')).status).toBe(204);
    // Through a token no session is the caller's own: every session ends; tokens stay.
    expectProblem(await call(app, 'GET', '/api/v1/me', { token: person.token }), 401);
    expect((await call(app, 'GET', '/api/v1/me', { token: pat })).status).toBe(200);
    const login = await call(app, 'POST', '/api/v1/auth/login', {
      body: { email: person.email, password: 'another long passphrase' },
    });
    expect(login.status, login.text).toBe(200);
    expect(
      (await change(login.body.accessToken, 'another long passphrase', TEST_PASSWORD)).status,
    ).toBe(204);
    expectProblem(await change(leaver.token, TEST_PASSWORD, 'another long passphrase'), 401);
    expectProblem(await change(undefined, TEST_PASSWORD, 'another long passphrase'), 401);
  });
});
