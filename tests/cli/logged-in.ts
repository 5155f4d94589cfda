// The setup of the CLI test files that work as one person: the test app listening on a
// socket, a new person, and a HOME whose `leadtrack` is logged in as them.
import { expect } from 'vitest';
import { cliHome, listenOn, personalToken } from '../support/cli';
import { call, registerUser, type TestUser } from '../support/http';
import { type TestHandle, useFixture, useTestApp } from '../support/test-app';

export interface LoggedInCli extends Pick<TestHandle, 'app' | 'sql'> {
  /** The machine the commands run on, logged in as `person`. */
  home: ReturnType<typeof cliHome>;
  /** The person (made in beforeAll), with the API address the CLI was given. */
  person: TestUser & { url: string };
}

/** Declared at module level; `timeZone` is set on the person's account before logging in. */
export function useLoggedInCli(name: string, options: { timeZone?: string } = {}): LoggedInCli {
  const { app, sql } = useTestApp();
  const home = cliHome();
  const person = useFixture(async () => {
    const url = await listenOn(app);
    const user = await registerUser(app, { name });
    if (options.timeZone) {
      const zone = await call(app, 'PATCH', '/api/v1/me', {
        token: user,
        body: { timeZone: options.timeZone },
      });
      expect(zone.status, zone.text).toBe(200);
    }
    const login = await home.run(['login', url], { input: await personalToken(app, user) });
    expect(login.code, login.stderr).toBe(0);
    return { ...user, url };
  });
  return { app, sql, home, person };
}
