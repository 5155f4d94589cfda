// Single sign-on with OpenID Connect (API.md "Single sign-on"): the authorization code flow
// with PKCE (S256), `state` and `nonce`, through openid-client.
//
// Between /auth/oidc/start and the callback, an attempt's state, nonce and PKCE verifier
// live in a database row (oidc_logins), found by the hash of a secret that only the
// browser's cookie holds: any API process behind a load balancer may take the callback,
// a callback from another browser (no cookie) or with another `state` is refused, and the
// row is deleted as it is used (once only) or after 10 minutes.
//
// The callback signs in the person linked to the ID token's issuer and subject; else links
// the existing account with that (verified) email; else creates an engineer when the email's
// domain is allowed. Every failure is one of a few fixed codes, which the dashboard's
// sign-in page turns into a sentence: nothing from the provider's answer is shown.
import type { Prisma, PrismaClient } from '@leadtrack/db';
import { EmailSchema } from '@leadtrack/schemas';
import * as client from 'openid-client';
import { type Env, oidcRedirectUri } from '../../env';
import { isUniqueViolation } from '../../lib/database-errors';
import { hashSecret, newSecret } from '../../lib/secrets';
import { createUser } from '../accounts';
import { recordAuditEvent } from '../audit';

/** Why a sign-in through the provider did not happen: the sign-in page words each one. */
export const OIDC_FAILURES = [
  'cancelled', // the person cancelled at the provider (access_denied)
  'state', // no attempt for this browser, a wrong or expired `state`
  'unverified', // the provider has not verified the email
  'domain', // no account, and the email's domain may not create one
  'failed', // refused like a failed sign-in (a deactivated account), or the answer failed its checks
  'unavailable', // the provider could not be reached
  'off', // single sign-on is not configured
] as const;
export type OidcFailure = (typeof OIDC_FAILURES)[number];

export class OidcError extends Error {
  constructor(readonly code: OidcFailure) {
    super(`single sign-on failed: ${code}`);
  }
}

const ATTEMPT_TTL_MS = 10 * 60 * 1000;
const DISCOVERY_TTL_MS = 60 * 60 * 1000;
const TIMEOUT_MS = 10_000;
export const SCOPES = 'openid email profile';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  name: string;
  allowedDomains: string[];
  redirectUri: string;
}

/** The settings from the environment, or null when single sign-on is not configured. */
export function oidcSettings(config: Env): OidcSettings | null {
  if (!config.OIDC_ISSUER || !config.OIDC_CLIENT_ID || !config.OIDC_CLIENT_SECRET) return null;
  return {
    issuer: config.OIDC_ISSUER,
    clientId: config.OIDC_CLIENT_ID,
    clientSecret: config.OIDC_CLIENT_SECRET,
    name: config.OIDC_NAME,
    allowedDomains: config.OIDC_ALLOWED_DOMAINS,
    redirectUri: oidcRedirectUri(config),
  };
}

/** Every request to the provider gives up after TIMEOUT_MS: a hung provider is "unavailable". */
const timedFetch: client.CustomFetch = (url, options) =>
  fetch(url, { ...options, signal: AbortSignal.timeout(TIMEOUT_MS) } as RequestInit);

/**
 * The provider's configuration (discovery document and keys), fetched on first use and
 * again after an hour, or at the next attempt after a failure. Only public metadata is kept
 * in the process; every attempt's secrets are in the database.
 */
export class OidcClient {
  private discovered: { at: number; config: Promise<client.Configuration> } | null = null;

  constructor(readonly settings: OidcSettings) {}

  configuration(): Promise<client.Configuration> {
    const now = Date.now();
    if (!this.discovered || now - this.discovered.at > DISCOVERY_TTL_MS) {
      const { issuer, clientId, clientSecret } = this.settings;
      const config = client.discovery(
        new URL(issuer),
        clientId,
        { client_secret: clientSecret },
        client.ClientSecretBasic(clientSecret),
        {
          [client.customFetch]: timedFetch,
          // A provider on plain http (a local Keycloak) is the operator's explicit choice.
          execute: issuer.startsWith('http:') ? [client.allowInsecureRequests] : [],
          timeout: TIMEOUT_MS / 1000,
        },
      );
      const entry = { at: now, config };
      this.discovered = entry;
      config.catch(() => {
        if (this.discovered === entry) this.discovered = null;
      });
    }
    return this.discovered.config.catch(() => {
      throw new OidcError('unavailable');
    });
  }
}

/**
 * Where the dashboard may go afterwards: a path of the dashboard itself, else `/`. Refuses
 * anything a browser could read as another origin or another path than the one checked:
 * `//host`, backslashes, percent-encoded slashes, backslashes, dots or control characters,
 * control characters themselves, dot segments, and the sign-in pages.
 */
export function safeNextPath(next: string | undefined): string {
  if (!next || next.length > 2000) return '/';
  if (!next.startsWith('/') || next.startsWith('//')) return '/';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing them is the point.
  if (/[\\\u0000-\u001f\u007f-\u009f\s]/.test(next)) return '/';
  if (/%(?:2f|5c|2e|[01][0-9a-f]|7f)/i.test(next)) return '/';
  const path = next.split(/[?#]/, 1)[0] ?? '';
  if (path.split('/').some((segment) => segment === '.' || segment === '..')) return '/';
  if (/^\/(?:login|register|reset-password|setup)(?:[/?#]|$)/.test(next)) return '/';
  return next;
}

/** GET /auth/oidc/start: stores the attempt, answers the provider's URL and the cookie's secret. */
export async function startOidcLogin(
  prisma: PrismaClient,
  oidc: OidcClient,
  next: string | undefined,
): Promise<{ url: string; binding: string }> {
  const configuration = await oidc.configuration();
  const codeVerifier = client.randomPKCECodeVerifier();
  const codeChallenge = await client.calculatePKCECodeChallenge(codeVerifier);
  const state = client.randomState();
  const nonce = client.randomNonce();
  const binding = newSecret();
  const now = new Date();
  // Abandoned attempts go as new ones come (indexed on expires_at).
  await prisma.oidcLogin.deleteMany({ where: { expiresAt: { lt: now } } });
  await prisma.oidcLogin.create({
    data: {
      bindingHash: hashSecret(binding),
      state,
      nonce,
      codeVerifier,
      next: safeNextPath(next),
      expiresAt: new Date(now.getTime() + ATTEMPT_TTL_MS),
    },
  });
  const url = client.buildAuthorizationUrl(configuration, {
    redirect_uri: oidc.settings.redirectUri,
    scope: SCOPES,
    code_challenge: codeChallenge,
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { url: url.href, binding };
}

export interface CallbackInput {
  /** The secret from the browser's cookie, if it sent one. */
  binding: string | undefined;
  state: string | undefined;
  error: string | undefined;
  /** The callback's query string as received (`code=…&state=…`), without the `?`. */
  search: string;
}

/** Takes the attempt this browser started (deleting it), or fails with `state`. */
async function claimAttempt(prisma: PrismaClient, binding: string | undefined) {
  if (!binding) throw new OidcError('state');
  const attempt = await prisma.oidcLogin.findUnique({
    where: { bindingHash: hashSecret(binding) },
  });
  if (!attempt) throw new OidcError('state');
  const claimed = await prisma.oidcLogin.deleteMany({ where: { id: attempt.id } });
  if (claimed.count === 0 || attempt.expiresAt <= new Date()) throw new OidcError('state');
  return attempt;
}

interface Identity {
  issuer: string;
  subject: string;
  email: string;
  name: string;
}

/** A network failure or timeout reaching the provider, as opposed to an answer refused. */
function isUnreachable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'TimeoutError' || error.name === 'AbortError') return true;
  if (error instanceof TypeError && /fetch failed/i.test(error.message)) return true;
  if (error instanceof client.ResponseBodyError) return error.status >= 500;
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error && cause !== error && isUnreachable(cause);
}

function stringClaim(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** The person's display name from the claims, within the contract's 1-100 characters. */
function displayName(claims: Record<string, unknown>, email: string): string {
  const given = stringClaim(claims.given_name);
  const family = stringClaim(claims.family_name);
  const raw =
    stringClaim(claims.name) ??
    ([given, family].filter(Boolean).join(' ') || undefined) ??
    stringClaim(claims.preferred_username) ??
    email.split('@')[0] ??
    email;
  // Only storable text: no control character (NUL included), no unpaired surrogate.
  const clean = raw
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters.
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .trim();
  return Array.from(clean).slice(0, 100).join('').trim() || 'New person';
}

/**
 * Exchanges the code (PKCE verifier, expected state and nonce: openid-client checks the ID
 * token's signature, issuer, audience, expiry and nonce) and reads who the person is, from
 * the ID token and, for what it leaves out, userinfo.
 */
async function identify(
  oidc: OidcClient,
  attempt: { state: string; nonce: string; codeVerifier: string },
  search: string,
): Promise<Identity> {
  const configuration = await oidc.configuration();
  let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
  try {
    tokens = await client.authorizationCodeGrant(
      configuration,
      new URL(`${oidc.settings.redirectUri}?${search}`),
      {
        pkceCodeVerifier: attempt.codeVerifier,
        expectedState: attempt.state,
        expectedNonce: attempt.nonce,
        idTokenExpected: true,
      },
    );
  } catch (error) {
    throw new OidcError(isUnreachable(error) ? 'unavailable' : 'failed');
  }
  const idClaims = tokens.claims();
  if (!idClaims) throw new OidcError('failed');
  let claims: Record<string, unknown> = { ...idClaims };
  if (
    (claims.email === undefined || claims.email_verified === undefined || !claims.name) &&
    tokens.access_token
  ) {
    try {
      const info = await client.fetchUserInfo(configuration, tokens.access_token, idClaims.sub);
      // The ID token's claims win; userinfo fills in what it left out.
      claims = { ...info, ...claims };
    } catch (error) {
      if (isUnreachable(error)) throw new OidcError('unavailable');
      // Without userinfo, the ID token's claims decide (and may lack the email: refused below).
    }
  }
  const parsedEmail = EmailSchema.safeParse(claims.email);
  if (!parsedEmail.success) throw new OidcError('unverified');
  // `email_verified` must be true. Entra ID sends none: its `xms_edov` (the email's domain
  // is verified by the tenant) stands in for it when the optional claim is configured.
  const verified =
    claims.email_verified === true ||
    (claims.email_verified === undefined && claims.xms_edov === true);
  if (!verified) throw new OidcError('unverified');
  return {
    issuer: idClaims.iss,
    subject: idClaims.sub,
    email: parsedEmail.data,
    name: displayName(claims, parsedEmail.data),
  };
}

/** The account this identity signs into: linked, linked now by email, or created now. */
async function accountFor(
  prisma: PrismaClient,
  settings: OidcSettings,
  identity: Identity,
): Promise<string> {
  const linked = await prisma.userIdentity.findUnique({
    where: { issuer_subject: { issuer: identity.issuer, subject: identity.subject } },
    include: { user: { select: { id: true, deactivatedAt: true } } },
  });
  if (linked) {
    if (linked.user.deactivatedAt) throw new OidcError('failed');
    await prisma.userIdentity.update({
      where: { id: linked.id },
      data: { lastSignInAt: new Date() },
    });
    return linked.user.id;
  }
  const link = (tx: Prisma.TransactionClient, userId: string) =>
    tx.userIdentity.create({
      data: {
        userId,
        issuer: identity.issuer,
        subject: identity.subject,
        email: identity.email,
        lastSignInAt: new Date(),
      },
    });
  const existing = await prisma.user.findUnique({
    where: { email: identity.email },
    select: { id: true, deactivatedAt: true },
  });
  if (existing) {
    if (existing.deactivatedAt) throw new OidcError('failed');
    await prisma.$transaction(async (tx) => {
      await link(tx, existing.id);
      await recordAuditEvent(tx, {
        actorId: existing.id,
        action: 'user.sso_linked',
        targetId: existing.id,
        details: { issuer: identity.issuer, email: identity.email },
      });
    });
    return existing.id;
  }
  const domain = identity.email.slice(identity.email.lastIndexOf('@') + 1);
  if (!settings.allowedDomains.includes(domain)) throw new OidcError('domain');
  // An engineer without a password (the first person of an empty instance becomes its
  // admin, as with sign-up), who confirms their time zone on their first visit.
  const user = await createUser(
    prisma,
    { email: identity.email, name: identity.name },
    {
      after: async (tx, created) => {
        await link(tx, created.id);
        await recordAuditEvent(tx, {
          actorId: created.id,
          action: 'user.created_by_sso',
          targetId: created.id,
          details: { issuer: identity.issuer, email: identity.email, role: created.role },
        });
      },
    },
  );
  return user.id;
}

/**
 * GET /auth/oidc/callback: the person's account id and where the dashboard goes next, or
 * an OidcError whose code the sign-in page words.
 */
export async function finishOidcLogin(
  prisma: PrismaClient,
  oidc: OidcClient,
  input: CallbackInput,
): Promise<{ userId: string; next: string }> {
  const attempt = await claimAttempt(prisma, input.binding);
  if (input.error !== undefined) {
    throw new OidcError(input.error === 'access_denied' ? 'cancelled' : 'failed');
  }
  if (input.state !== attempt.state) throw new OidcError('state');
  const identity = await identify(oidc, attempt, input.search);
  try {
    return { userId: await accountFor(prisma, oidc.settings, identity), next: attempt.next };
  } catch (error) {
    // Two first sign-ins of one person at once: the other made the link or the account.
    if (!isUniqueViolation(error)) throw error;
    return { userId: await accountFor(prisma, oidc.settings, identity), next: attempt.next };
  }
}

/** GET /admin/sso: who is linked to single sign-on, newest link first. */
export async function listSsoLinks(prisma: PrismaClient) {
  const links = await prisma.userIdentity.findMany({
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: 1000,
    include: { user: { select: { id: true, name: true, email: true } } },
  });
  return links.map((l) => ({
    user: l.user,
    issuer: l.issuer,
    email: l.email,
    linkedAt: l.createdAt.toISOString(),
    lastSignInAt: l.lastSignInAt?.toISOString() ?? null,
  }));
}
