// The schemas every code host reached with a personal access token shares (GitHub, GitLab):
// the address (an absolute https URL, plain http only on a loopback address for a local
// stand-in or tunnel, without credentials, query or fragment), the token (visible ASCII
// without spaces, since it travels in a header), the connect body, the connection, and the
// sync's body and result. Each host gives its name, its default address and its words.
import { z } from 'zod';
import {
  addressSchema,
  CalendarDateSchema,
  CONNECTION_STATE,
  isHttpsOrLoopback,
  OFFER_COUNTS,
  PastDateSchema,
  plainString,
} from '../common';
import { component } from '../component';
import { rule } from '../messages';

/** The weeks a sync on connecting covers. */
export const TOKEN_HOST_BACKFILL_WEEKS = 26;

/** How far back a sync may reach: a year of weeks (on GitHub each week costs two searches). */
export const TOKEN_HOST_SYNC_MAX_WEEKS = 52;

export interface TokenHostWords<Account extends string> {
  /** The host's name ("GitHub"), and the prefix of its schemas' ids ("Github"). */
  name: string;
  id: string;
  /** The field naming the account in the connection (`login`, `username`). */
  account: Account;
  /** Example addresses, in the sentence a wrong one gets. */
  examples: string;
  /** The address as stored: parsed, without a trailing slash (and the host's own suffix). */
  normalise(value: string): string;
  token: string;
  baseUrl: string;
}

/** The address as stored: parsed and without a trailing slash. */
export const withoutTrailingSlash = (value: string) =>
  new URL(value).href.replace(/(?<!\/)\/+$/, '');

/** Why `value` cannot be a host's address, or null when it can. */
function baseUrlProblem(value: string, examples: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `must be an https URL such as ${examples}`;
  }
  if (!isHttpsOrLoopback(url))
    return 'must be an https URL (plain http only for a loopback address)';
  if (url.username || url.password) return 'must not contain a user name or password';
  if (url.search || url.hash || value.includes('?') || value.includes('#'))
    return 'must not contain a query or a fragment';
  return null;
}

/**
 * A host's schemas: the connect body (`config`), the connection GET answers, and the sync's
 * body and result.
 */
export function tokenHostSchemas<Account extends string>(words: TokenHostWords<Account>) {
  const baseUrl = addressSchema(
    500,
    (value) => baseUrlProblem(value, words.examples),
    words.normalise,
  );
  const token = plainString()
    .trim()
    .min(1)
    .max(255)
    .refine(
      (value) => /^[\x21-\x7e]+$/.test(value),
      rule(`must be a token as ${words.name} shows it, without spaces`),
    );
  return {
    config: z.strictObject({
      token: token.describe(words.token),
      baseUrl: baseUrl.optional().describe(words.baseUrl),
    }),
    connection: component(`${words.id}Integration`, {
      ...({ [words.account]: z.string() } as Record<Account, z.ZodString>),
      baseUrl: z.string(),
      ...CONNECTION_STATE,
      /** A sync is running now (the one on connecting, the weekly one, or "sync now"). */
      syncing: z.boolean(),
    }),
    syncBody: z.strictObject({
      from: PastDateSchema.optional().describe(
        `The first day to look at (its whole ISO week is read); default the week before the last sync, or ${TOKEN_HOST_BACKFILL_WEEKS} weeks back`,
      ),
    }),
    syncResult: component(`${words.id}SyncResult`, {
      ...OFFER_COUNTS,
      /** The days read: the first week's Monday, and today (in the person's time zone). */
      from: CalendarDateSchema,
      to: CalendarDateSchema,
    }),
  };
}
