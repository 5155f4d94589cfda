// The dashboard's configuration, validated with zod: the only reader of process.env in
// apps/web (the server, the proxy, pages and actions all import it from here).
import { parsedBy } from '@leadtrack/schemas';
import { z } from 'zod';
import { parseTrustProxy, TRUST_NOBODY } from './client-address';

const flag = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  API_PORT: z.coerce.number().int().min(1).max(65_535).default(3001),
  /** Where the dashboard's server reaches the API; default the API on this machine. */
  API_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Where the dashboard listens. 127.0.0.1 keeps it off the network until asked. */
  WEB_HOST: z.string().min(1).default('127.0.0.1'),
  WEB_PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
  /**
   * Whether session cookies carry `Secure`. Unset: yes in production, no otherwise.
   * `0` is for a deployment served over plain http (no TLS in front).
   */
  SECURE_COOKIES: flag.optional(),
  /**
   * The proxies in front of the dashboard whose X-Forwarded-For names the visitor (the
   * API's TRUST_PROXY syntax: addresses, CIDR ranges, loopback / linklocal / uniquelocal).
   * Unset: nobody, the socket's peer is the visitor.
   */
  WEB_TRUST_PROXY: z.string().transform(parsedBy(parseTrustProxy)).optional(),
});

export type WebEnv = ReturnType<typeof readEnv>;

/** Validates an environment (process.env by default); throws naming every bad variable. */
export function readEnv(source: Record<string, string | undefined> = process.env) {
  // Empty strings mean "unset", as in a shell's `FOO= npm start`.
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid dashboard configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  return {
    production,
    apiUrl: e.API_URL ?? `http://127.0.0.1:${e.API_PORT}`,
    host: e.WEB_HOST,
    port: e.WEB_PORT,
    secureCookies: e.SECURE_COOKIES ?? production,
    trustProxy: e.WEB_TRUST_PROXY ?? TRUST_NOBODY,
    /** HSTS only where cookies are Secure: a plain-http deployment would ignore it anyway. */
    hsts: production && (e.SECURE_COOKIES ?? true),
  };
}

export const env = readEnv();
