// A real OpenID provider in the test process: oidc-provider 9 (panva) with its development
// login and consent pages, a client registered for Leadtrack, and a few people. The API
// under test talks to it as to Keycloak or Okta: discovery, the authorization code flow
// with PKCE, signed ID tokens, userinfo. Its login page makes what is typed the account's
// id, which is the subject; each person gets an opaque subject of their own (`subjectOf`),
// which is what a test types there, so no test mistakes a readable name for a subject.
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import type { CookieClient } from './cookie-client';

export interface StandInPerson {
  /** What to type on the provider's login page. */
  login: string;
  email: string;
  emailVerified: boolean;
  name: string;
}

export interface OidcStandIn {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The opaque subject the provider gives `login`: what to type on its login page. */
  subjectOf(login: string): string;
  /** Adds (or replaces) a person the login page signs in. */
  addPerson(person: StandInPerson): void;
  /** Stops answering (the provider is down) until `start` again. */
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

/** Starts the provider on a free loopback port; `redirectUri` is Leadtrack's callback. */
export async function startOidcStandIn(redirectUris: string[]): Promise<OidcStandIn> {
  const people = new Map<string, StandInPerson & { subject: string }>();
  const bySubject = new Map<string, StandInPerson & { subject: string }>();
  const clientId = 'leadtrack';
  const clientSecret = randomBytes(24).toString('base64url');

  const addPerson = (person: StandInPerson) => {
    const subject = people.get(person.login)?.subject ?? `sub-${randomBytes(9).toString('hex')}`;
    const entry = { ...person, subject };
    people.set(person.login, entry);
    bySubject.set(subject, entry);
  };
  const personOf = (login: string) => {
    const person = people.get(login);
    if (!person) throw new Error(`oidc stand-in: nobody logs in as ${login}`);
    return person;
  };

  // Listen first: the issuer is the address.
  let server: Server = createServer();
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name'],
    },
    pkce: { required: () => true },
    cookies: { keys: [randomBytes(16).toString('hex')] },
    // What the login page was given is the account's id: a person's opaque subject.
    async findAccount(_ctx, id) {
      const person = bySubject.get(id);
      if (!person) return undefined;
      return {
        accountId: id,
        async claims() {
          return {
            sub: person.subject,
            email: person.email,
            email_verified: person.emailVerified,
            name: person.name,
          };
        },
      };
    },
  });
  // oidc-provider warns about its development pages and Node 20 on every start: quiet.
  provider.on('server_error', (_ctx, error) => console.error('oidc stand-in:', error));
  const callback = provider.callback();
  server.on('request', callback);

  return {
    issuer,
    clientId,
    clientSecret,
    subjectOf: (login) => personOf(login).subject,
    addPerson,
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
    async start() {
      server = createServer(callback);
      server.listen(port, '127.0.0.1');
      await new Promise((resolve) => server.once('listening', resolve));
    },
    async close() {
      if (!server.listening) return;
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * A browser's way from Leadtrack's `startUrl` through the provider's login page (typing
 * `subject`, from `subjectOf`) and consent page, up to the provider sending it back: answers that callback URL,
 * not yet opened. `cancel` presses the login page's "cancel" instead of signing in.
 */
export async function throughProvider(
  client: CookieClient,
  startUrl: string,
  callbackPrefix: string,
  subject: string,
  options: { cancel?: boolean } = {},
): Promise<string> {
  const notBack = (next: string) => !next.startsWith(callbackPrefix);
  let hop = await client.follow(startUrl, notBack);
  for (let step = 0; step < 6; step++) {
    if (hop.location && !notBack(hop.location)) return hop.location;
    if (hop.status !== 200) {
      throw new Error(`provider answered ${hop.status} at ${hop.url}: ${hop.text.slice(0, 300)}`);
    }
    const action = /<form[^>]*action="([^"]+)"/.exec(hop.text)?.[1];
    if (!action) throw new Error(`no form on the provider's page ${hop.url}`);
    const formUrl = new URL(action.replaceAll('&amp;', '&'), hop.url).href;
    if (/name="prompt" value="login"/.test(hop.text)) {
      hop = options.cancel
        ? await client.request('GET', `${formUrl.replace(/\/$/, '')}/abort`)
        : await client.request('POST', formUrl, {
            prompt: 'login',
            login: subject,
            password: 'any',
          });
    } else {
      hop = await client.request('POST', formUrl, { prompt: 'consent' });
    }
    if (hop.location && notBack(hop.location)) hop = await client.follow(hop.location, notBack);
  }
  throw new Error('the provider never sent the browser back');
}
