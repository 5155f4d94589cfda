// The API's configuration, read from the environment and validated in one place.
import { fileURLToPath } from 'node:url';
import { parsedBy } from '@leadtrack/schemas';
import { z } from 'zod';
import { parseOutboundAllow } from './lib/outbound-fetch';
import { parseSecretKey } from './services/sealed-secrets';
import { SOURCE_ENV } from './sources/registry';

const DEFAULT_DATA_DIR = fileURLToPath(new URL('../../../.data', import.meta.url));

/** A setting that may be left unset: absent, or empty as in a shell's `FOO= npm start`. */
const unsetWhenEmpty = <T extends z.ZodType>(schema: T) =>
  schema.optional().or(z.literal('').transform(() => undefined));

/** A URL whose scheme `scheme` matches (`message` otherwise). */
const urlOf = (scheme: RegExp, message: string) =>
  z
    .string()
    .url()
    .refine((value) => scheme.test(value), message);

const HTTP = /^https?:\/\//;

/** On with `1` or `true`; off when unset, empty, `0` or `false`. */
const flag = z
  .enum(['0', '1', 'true', 'false', ''])
  .default('')
  .transform((v) => v === '1' || v === 'true');

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  API_HOST: z.string().default('127.0.0.1'),
  API_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
  DATABASE_URL: unsetWhenEmpty(z.string().url()),
  LEADTRACK_DATA_DIR: z.string().default(DEFAULT_DATA_DIR),
  // Unset: the instance generates its own secret on first start and keeps it in its
  // database (services/instance-secrets.ts), so no secret is ever a public constant.
  JWT_SECRET: unsetWhenEmpty(z.string().min(16)),
  SIGNUP: z.enum(['open', 'closed']).default('open'),
  // Seals the integration secrets people store (sources' tokens, feed addresses): 32 bytes,
  // base64 (`openssl rand -base64 32`). Unset: the instance's own key kept in its database
  // (the embedded quick start). services/sealed-secrets.ts; npm run secrets:rotate changes it.
  LEADTRACK_SECRET_KEY: z
    .string()
    .optional()
    .transform((value, ctx) => (value ? parsedBy(parseSecretKey)(value, ctx) : undefined)),
  AUTH_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
  // Where several API processes keep their shared attempt budgets; unset: in the database.
  REDIS_URL: unsetWhenEmpty(urlOf(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')),
  // Prefixes every Redis key, so instances (or test runs) sharing one Redis do not mix.
  REDIS_KEY_PREFIX: z.string().min(1).default('leadtrack:attempts:'),
  WEB_ORIGIN: z.string().default('http://localhost:3000'),
  // Which peers may tell us the client's address in X-Forwarded-For (proxy-addr syntax:
  // addresses, CIDRs, or loopback / linklocal / uniquelocal). The dashboard's server
  // forwards sign-ins from the same host by default.
  TRUST_PROXY: z.string().default('loopback'),
  // Each source's own settings (sources/<name>/env.ts, listed in sources/registry.ts).
  ...SOURCE_ENV,
  // Where the server may connect on people's behalf (the sources' addresses):
  // public addresses always; private and local ones only when listed here (host names,
  // addresses, CIDR ranges, comma-separated, or * for any). lib/outbound-fetch.ts.
  OUTBOUND_ALLOW: z.string().default('').transform(parsedBy(parseOutboundAllow)),
  // Mail (services/mail): unset, nothing is mailed and the log says so once at start.
  SMTP_URL: unsetWhenEmpty(urlOf(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')),
  EMAIL_FROM: z.string().min(3).default('Leadtrack <leadtrack@localhost>'),
  // Where people open the dashboard: every link in a message points there.
  PUBLIC_URL: urlOf(HTTP, 'must be an http:// or https:// URL')
    .default('http://localhost:3000')
    .transform((value) => value.replace(/(?<!\/)\/+$/, '')),
  // Single sign-on (services/sso): OpenID Connect against OIDC_ISSUER when it is set, with
  // the client registered there. The redirect URI to register is
  // <first WEB_ORIGIN>/api/v1/auth/oidc/callback (printed at start, shown in Settings).
  OIDC_ISSUER: unsetWhenEmpty(urlOf(HTTP, 'must be an http:// or https:// URL')),
  OIDC_CLIENT_ID: z.string().max(500).optional(),
  OIDC_CLIENT_SECRET: z.string().max(2000).optional(),
  // What the sign-in button says: "Sign in with {OIDC_NAME}".
  OIDC_NAME: z.string().trim().min(1).max(60).default('single sign-on'),
  // Email domains whose people get an engineer's account on their first sign-in
  // (comma-separated, e.g. `example.com,example.org`); unset: only existing accounts.
  OIDC_ALLOWED_DOMAINS: z
    .string()
    .default('')
    .transform((value, ctx) => {
      const domains = value
        .split(',')
        .map((d) => d.trim().toLowerCase().replace(/^@/, ''))
        .filter(Boolean);
      for (const d of domains) {
        if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(d)) {
          ctx.addIssue({ code: 'custom', message: `"${d}" is not an email domain` });
          return z.NEVER;
        }
      }
      return domains;
    }),
  // 1: password sign-in, password resets, setup links and sign-up answer 403 (SSO only).
  SSO_ONLY: flag,
  // 1 (with SSO_ONLY): admins keep their password, to get in when the provider is down.
  SSO_BREAK_GLASS: flag,
  // The scheduled jobs (src/jobs): graphile-worker on Postgres, a timer on the embedded
  // database. Off by default in tests, which run a job through POST /admin/jobs/:name/run.
  JOBS: z.enum(['on', 'off']).optional(),
  // GET /metrics (plugins/app/metrics.ts) answers only with this as a Bearer token; unset: 404.
  METRICS_TOKEN: unsetWhenEmpty(
    z.string().min(16, 'must be at least 16 characters (a guessable token exposes the metrics)'),
  ),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Env = z.infer<typeof EnvSchema>;

/** Parses the environment; throws one readable error listing every bad variable. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = EnvSchema.superRefine((env, ctx) => {
    // Single sign-on needs its client; SSO_ONLY without it would lock everyone out.
    if (env.OIDC_ISSUER && !env.OIDC_CLIENT_ID) {
      ctx.addIssue({
        code: 'custom',
        path: ['OIDC_CLIENT_ID'],
        message: 'is needed with OIDC_ISSUER',
      });
    }
    if (env.OIDC_ISSUER && !env.OIDC_CLIENT_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['OIDC_CLIENT_SECRET'],
        message: 'is needed with OIDC_ISSUER',
      });
    }
    if (env.SSO_ONLY && !env.OIDC_ISSUER) {
      ctx.addIssue({
        code: 'custom',
        path: ['SSO_ONLY'],
        message: 'needs OIDC_ISSUER (nobody could sign in)',
      });
    }
  }).safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}

/** The dashboard's address people's browsers reach: the first of WEB_ORIGIN's list. */
export function webOrigin(config: Pick<Env, 'WEB_ORIGIN'>): string {
  return (config.WEB_ORIGIN.split(',')[0] ?? '').trim().replace(/(?<!\/)\/+$/, '');
}

/** The redirect URI to register at the OpenID provider. */
export function oidcRedirectUri(config: Pick<Env, 'WEB_ORIGIN'>): string {
  return `${webOrigin(config)}/api/v1/auth/oidc/callback`;
}

/** Whether this process runs the scheduled jobs: JOBS, or on unless NODE_ENV is test. */
export function jobsEnabled(config: Env): boolean {
  return (config.JOBS ?? (config.NODE_ENV === 'test' ? 'off' : 'on')) === 'on';
}
