// `leadtrack login`, `logout` and the credentials every command uses: the real binary
// against a real API on a socket, each run with its own HOME and config folder.
import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { cliHome, expectCliFailure, listenOn, personalToken, runCli } from '../support/cli';
import { call, registerUser, revokedTokenOf } from '../support/http';
import { freePort } from '../support/processes';
import { useFixture, useTestApp } from '../support/test-app';

// Each test starts the command several times: a process each, slow on a busy machine.
vi.setConfig({ testTimeout: 90_000 });

const { app } = useTestApp();
const api = useFixture(async () => {
  const url = await listenOn(app);
  const ada = await registerUser(app, { name: 'Ada' });
  return { url, ada, token: await personalToken(app, ada) };
});

const mode = (path: string) => statSync(path).mode & 0o777;

describe('leadtrack login', () => {
  it.each([
    ['without /api/v1', ''],
    ['with /api/v1', '/api/v1'],
    ['with /api/v1/', '/api/v1/'],
  ])(
    'accepts the address %s, checks the token, and keeps both readable by the owner only',
    async (_, suffix) => {
      const home = cliHome();
      const done = await home.run(['login', `${api.url}${suffix}`], { input: `${api.token}\n` });
      expect(done.code, done.stderr).toBe(0);
      expect(done.stdout).toContain(
        `Logged in to ${api.url} as Ada <${api.ada.email}> (time zone UTC).`,
      );
      expect(done.stdout).toContain(home.configFile);
      expect(JSON.parse(await readFile(home.configFile, 'utf8'))).toEqual({
        url: api.url,
        token: api.token,
      });
      expect(mode(home.configFile)).toBe(0o600);
      expect(mode(home.configFile.replace(/\/config\.json$/, ''))).toBe(0o700);

      const status = await home.run(['status']);
      expect(status.code, status.stderr).toBe(0);
    },
  );

  it('uses ~/.config without XDG_CONFIG_HOME, and takes --token and --json', async () => {
    const home = cliHome({ xdg: false });
    expect(home.configFile).toBe(`${home.home}/.config/leadtrack/config.json`);
    const done = await home.run(['login', api.url, '--token', api.token, '--json']);
    expect(done.code, done.stderr).toBe(0);
    expect(JSON.parse(done.stdout)).toMatchObject({
      url: api.url,
      user: { id: api.ada.id, name: 'Ada', timeZone: 'UTC' },
      config: home.configFile,
    });
    expect(mode(home.configFile)).toBe(0o600);
  });

  it('refuses a wrong or revoked token (exit 4) and keeps nothing', async () => {
    const home = cliHome();
    for (const token of ['lt_pat_wrong', await revokedTokenOf(app, api.ada)]) {
      const refused = await home.run(['login', api.url], { input: token });
      expectCliFailure(refused, 4, /^leadtrack: The API refused the token \(401\)/);
      expect(() => statSync(home.configFile)).toThrow();
    }
  });

  it('says the server is unreachable (exit 3)', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const refused = await cliHome().run(['login', url], { input: api.token });
    expectCliFailure(
      refused,
      3,
      new RegExp(`^leadtrack: Cannot reach ${url}/api/v1 \\(ECONNREFUSED\\)`),
    );
  });

  it('says when the address is not the API (a dashboard, another server): exit 1', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(404, { 'content-type': 'text/html' }).end('<html>Not found</html>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const refused = await cliHome().run(['login', `http://127.0.0.1:${port}`], { input: 'x' });
      expectCliFailure(refused, 1, /answered 404 Not Found: is that the Leadtrack API\?$/);
    } finally {
      server.close();
    }
  });

  it('is a usage error (exit 2) without an address, with a bad one, or without a token', async () => {
    const home = cliHome();
    expectCliFailure(await home.run(['login'], { input: api.token }), 2, /Give the API address/);
    expectCliFailure(
      await home.run(['login', 'ftp://x'], { input: api.token }),
      2,
      /must be an http or https URL/,
    );
    expectCliFailure(
      await home.run(['login', api.url], { input: '' }),
      2,
      /Give a personal access token/,
    );
  });
});

describe('credentials of every command', () => {
  it('without login: exit 4 saying how to log in, as text or as JSON', async () => {
    const home = cliHome();
    expectCliFailure(
      await home.run(['status']),
      4,
      /^leadtrack: Not logged in: run `leadtrack login <api-url>`/,
    );
    const json = await home.run(['status', '--json']);
    expect(json.code).toBe(4);
    expect(JSON.parse(json.stderr)).toEqual({
      error: { exitCode: 4, message: expect.stringMatching(/^Not logged in/) },
    });
  });

  it('LEADTRACK_URL and LEADTRACK_TOKEN override the stored ones', async () => {
    const grace = await registerUser(app, { name: 'Grace' });
    const home = cliHome();
    expect((await home.run(['login', api.url], { input: api.token })).code).toBe(0);
    const asGrace = await home.run(['status', '--json'], {
      env: { LEADTRACK_TOKEN: await personalToken(app, grace) },
    });
    expect(asGrace.code, asGrace.stderr).toBe(0);
    expect(JSON.parse(asGrace.stdout).user).toEqual({ id: grace.id, name: 'Grace' });
    const port = await freePort();
    const elsewhere = await home.run(['status'], {
      env: { LEADTRACK_URL: `http://127.0.0.1:${port}/api/v1` },
    });
    expectCliFailure(elsewhere, 3, /Cannot reach http:\/\/127\.0\.0\.1:\d+\/api\/v1 /);
    // Both from the environment, nothing stored.
    const bare = await cliHome().run(['status'], {
      env: { LEADTRACK_URL: api.url, LEADTRACK_TOKEN: api.token },
    });
    expect(bare.code, bare.stderr).toBe(0);
  });

  it('a token revoked after login: exit 4 naming login', async () => {
    const home = cliHome();
    const token = await personalToken(app, api.ada, 'revoked after login');
    expect((await home.run(['login', api.url], { input: token })).code).toBe(0);
    const tokens = await call(app, 'GET', '/api/v1/me/tokens', { token: api.ada });
    const id = tokens.body.items.find((t: { name: string }) => t.name === 'revoked after login').id;
    const revoked = await call(app, 'DELETE', `/api/v1/me/tokens/${id}`, { token: api.ada });
    expect(revoked.status, revoked.text).toBe(204);
    expectCliFailure(await home.run(['status']), 4, /Run `leadtrack login` again\.$/);
  });

  it('logout forgets them', async () => {
    const home = cliHome();
    expect((await home.run(['login', api.url], { input: api.token })).code).toBe(0);
    const out = await home.run(['logout']);
    expect(out.code).toBe(0);
    expect(out.stdout).toBe(`Logged out: removed ${home.configFile}.\n`);
    expectCliFailure(await home.run(['status']), 4, /Not logged in/);
    expect((await home.run(['logout'])).stdout).toBe('Not logged in: nothing to remove.\n');
  });
});

describe('the command line itself', () => {
  it('an unknown command or option is a usage error (exit 2); --help and --version exit 0', async () => {
    const unknown = await runCli(['lgo']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^leadtrack: unknown command 'lgo'/);
    expect((await runCli(['log', '--audeince', 'team'])).code).toBe(2);
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(
      /Exit codes: 0 done, 1 the API refused, 2 bad usage, 3 API unreachable, 4 not logged in\./,
    );
    const version = await runCli(['--version']);
    expect(version).toEqual({ code: 0, stdout: '0.1.0\n', stderr: '' });
  });
});
