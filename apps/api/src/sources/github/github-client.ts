// The GitHub REST client every GitHub feature uses: @octokit/rest (its paginate follows
// `Link: rel="next"`) with one request hook of our own that keeps GitHub's limits
// (https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api):
// - it remembers each resource's `x-ratelimit-remaining`/`-reset` (`x-ratelimit-resource`:
//   `search` allows 30 requests a minute, `core` 5,000 an hour) and, once one is spent,
//   waits for its reset before the next request instead of being refused;
// - a 403 or 429 with `retry-after` waits that many seconds, one with
//   `x-ratelimit-remaining: 0` until `x-ratelimit-reset`, a secondary limit without either
//   a minute; then the request is sent again;
// - a wait longer than `maxWaitMs` is not made: the call fails with HostRateLimited,
//   naming when the limit resets. Waits go through the injected `sleep`, so tests cap them.
// Requests run one at a time (GitHub asks integrations not to run them concurrently), each
// with a timeout, and only ever to the connection's own address: a `Link` elsewhere is
// refused rather than sent the token. No answer is read past GITHUB_MAX_ANSWER_BYTES.
import { Octokit } from '@octokit/rest';
import {
  AnswerTooLarge,
  cappedFetch,
  OutboundAddressRefused,
  outboundFetch,
  parseOutboundAllow,
} from '../../lib/outbound-fetch';
import {
  abortableSleep,
  commonFailure,
  type HostFailure,
  hostErrors,
  type TokenRefusalWords,
} from '../token-host/failures';

export interface GithubLimits {
  /** The longest single wait for a rate limit; a longer one fails the call. */
  maxWaitMs: number;
  /** How long one request may take before it counts as unanswered. */
  timeoutMs: number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  now(): number;
  /** How requests are sent: only to the addresses the server may reach (lib/outbound-fetch). */
  fetch: typeof fetch;
}

/** The most read of one answer: far above a page of 100 results, far below what hurts. */
export const GITHUB_MAX_ANSWER_BYTES = 10 * 1024 * 1024;

export const DEFAULT_GITHUB_LIMITS: GithubLimits = {
  maxWaitMs: 15 * 60_000,
  timeoutMs: 20_000,
  sleep: abortableSleep,
  now: Date.now,
  fetch: outboundFetch(parseOutboundAllow('')),
};

/** What GitHub's refusals of a token say (the client's errors, and connecting's answers). */
export const GITHUB_REFUSALS: TokenRefusalWords = {
  host: 'GitHub',
  unauthorized: 'Bad credentials',
  forbidden: 'check its permissions',
};

const { rateLimited, unreachable, tokenRefused } = hostErrors(GITHUB_REFUSALS);

/**
 * What a failed GitHub call amounts to (token-host/failures.ts): the token refused, the rate
 * limit spent, no GitHub API at the address, or another HTTP status (Octokit's RequestError,
 * told in its first phrase); null for anything else (our own fault).
 */
export function githubFailure(error: unknown): HostFailure | null {
  const common = commonFailure(error);
  if (common) return common;
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status === 'number')
    return {
      kind: 'answered',
      status,
      message:
        error instanceof Error
          ? `GitHub answered ${status}: ${error.message.split(' - ')[0]}`
          : undefined,
    };
  return null;
}

interface HttpError {
  status: number;
  message: string;
  response?: { headers: Record<string, string | number | undefined> };
  /** What failed underneath a request that got no answer (the fetch's error). */
  cause?: unknown;
}

const isHttpError = (error: unknown): error is HttpError =>
  error instanceof Error && typeof (error as { status?: unknown }).status === 'number';

const MAX_ATTEMPTS = 5;
/** GitHub: "If you exceed a secondary rate limit … wait for at least one minute." */
const SECONDARY_LIMIT_WAIT_MS = 60_000;

type Resource = 'search' | 'core';

export interface GithubClientOptions {
  baseUrl: string;
  token: string;
  limits?: GithubLimits;
  /** Aborts every request and wait (the app closing). */
  signal?: AbortSignal;
}

export function githubClient({
  baseUrl,
  token,
  limits = DEFAULT_GITHUB_LIMITS,
  signal,
}: GithubClientOptions) {
  const octokit = new Octokit({
    auth: token,
    baseUrl,
    userAgent: 'leadtrack',
    request: { fetch: cappedFetch(limits.fetch, GITHUB_MAX_ANSWER_BYTES) },
    // Octokit's request log would name every URL at info level; ours says what matters.
    log: { debug() {}, info() {}, warn() {}, error() {} },
  });
  const spentUntil: Partial<Record<Resource, number>> = {};
  let queue: Promise<unknown> = Promise.resolve();

  const wait = async (ms: number) => {
    if (ms > limits.maxWaitMs) throw rateLimited(new Date(limits.now() + ms));
    if (ms > 0) await limits.sleep(ms, signal);
  };

  const remember = (resource: Resource, headers: Record<string, unknown> | undefined) => {
    if (!headers) return;
    const named = headers['x-ratelimit-resource'];
    const key = named === 'search' || named === 'core' ? named : resource;
    if (String(headers['x-ratelimit-remaining']) === '0') {
      const reset = Number(headers['x-ratelimit-reset']);
      if (Number.isFinite(reset)) spentUntil[key] = reset * 1000;
    } else if (headers['x-ratelimit-remaining'] !== undefined) {
      delete spentUntil[key];
    }
  };

  /** How long to wait before trying a refused request again, or null when it is not a limit. */
  const retryDelay = (error: HttpError): number | null => {
    if (error.status !== 403 && error.status !== 429) return null;
    const headers = error.response?.headers ?? {};
    const retryAfter = Number(headers['retry-after']);
    if (headers['retry-after'] !== undefined && Number.isFinite(retryAfter))
      return Math.max(0, retryAfter) * 1000;
    if (String(headers['x-ratelimit-remaining']) === '0') {
      const reset = Number(headers['x-ratelimit-reset']);
      // A second's margin: the reset is a whole second and clocks differ a little.
      if (Number.isFinite(reset)) return Math.max(0, reset * 1000 - limits.now()) + 1000;
    }
    if (/secondary rate limit/i.test(error.message)) return SECONDARY_LIMIT_WAIT_MS;
    return error.status === 429 ? SECONDARY_LIMIT_WAIT_MS : null;
  };

  /** A refused request worth sending again, and after how long; null to give up. */
  const delayBeforeRetry = (error: HttpError, attempt: number): number | null => {
    if (!error.response || attempt >= MAX_ATTEMPTS) return null;
    // GitHub's occasional 502/503/504: again after a second, then two; then give up.
    if (error.status >= 502 && error.status <= 504) return attempt <= 2 ? attempt * 1000 : null;
    return retryDelay(error);
  };

  const send = async (
    request: (options: object) => Promise<{ headers: Record<string, unknown> }>,
    options: { url: string; baseUrl?: string; request?: object },
  ) => {
    const path = options.url.startsWith('http')
      ? pathUnder(baseUrl, options.url)
      : options.url.split('?')[0];
    const resource: Resource = path?.startsWith('/search/') ? 'search' : 'core';
    for (let attempt = 1; ; attempt++) {
      const until = spentUntil[resource];
      if (until !== undefined) await wait(Math.max(0, until - limits.now()) + 1000);
      delete spentUntil[resource];
      try {
        const timeout = AbortSignal.timeout(limits.timeoutMs);
        const response = await request({
          ...options,
          request: {
            ...options.request,
            signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
          },
        });
        remember(resource, response.headers);
        return response;
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        if (!isHttpError(error)) throw error;
        remember(resource, error.response?.headers);
        delete spentUntil[resource];
        const delay = delayBeforeRetry(error, attempt);
        if (delay === null) throw translate(error, baseUrl);
        await wait(delay);
      }
    }
  };

  octokit.hook.wrap('request', (request, options) => {
    const url = String(options.url);
    if (url.startsWith('http') && pathUnder(baseUrl, url) === null)
      throw unreachable(baseUrl, 'sent a link to another address; it was not followed');
    // One request at a time, in the order asked.
    const turn = queue.then(() => send(request as never, options as never));
    queue = turn.catch(() => undefined);
    return turn as never;
  });

  return {
    octokit,

    /** The token's owner (`GET /user`): checks the token and the address at once. */
    async login(): Promise<string> {
      const { data } = await octokit.rest.users.getAuthenticated();
      if (!data || typeof data.login !== 'string' || data.login === '')
        throw unreachable(baseUrl, "answered, but not as GitHub's API does");
      return data.login;
    },

    /** Every result of an issue search, page after page (`Link: rel="next"`), with the total. */
    async *searchIssues(q: string) {
      for await (const page of octokit.paginate.iterator(
        octokit.rest.search.issuesAndPullRequests,
        {
          q,
          per_page: 100,
          sort: 'created',
          order: 'asc',
          advanced_search: 'true',
        } as never,
      )) {
        const items = page.data as unknown as SearchItem[] & { total_count?: number };
        yield { items: [...items], total: items.total_count ?? items.length };
      }
    },

    /** Every review of a pull request. */
    reviews(owner: string, repo: string, pullNumber: number) {
      return octokit.paginate(
        octokit.rest.pulls.listReviews,
        pullPages(owner, repo, pullNumber),
      ) as Promise<Review[]>;
    },

    /** The files a pull request changes (GitHub lists at most 3,000). */
    files(owner: string, repo: string, pullNumber: number) {
      return octokit.paginate(
        octokit.rest.pulls.listFiles,
        pullPages(owner, repo, pullNumber),
      ) as Promise<{ filename: string }[]>;
    },
  };
}

/** One pull request's list, read in the largest pages GitHub gives. */
function pullPages(owner: string, repo: string, pullNumber: number) {
  return { owner, repo, pull_number: pullNumber, per_page: 100 };
}

export type GithubClient = ReturnType<typeof githubClient>;

/** The fields of a search result this feature reads. */
export interface SearchItem {
  number: number;
  title: string;
  state: string;
  html_url: string;
  repository_url: string;
  created_at: string;
  user: { login: string } | null;
  labels: ({ name?: string } | string)[];
  pull_request?: { html_url?: string | null; merged_at?: string | null };
}

export interface Review {
  id: number;
  user: { login: string } | null;
  state: string;
  submitted_at?: string | null;
  html_url?: string;
}

/** `url`'s path below `baseUrl`, or null when it lies elsewhere. */
function pathUnder(baseUrl: string, url: string): string | null {
  if (url !== baseUrl && !url.startsWith(`${baseUrl}/`) && !url.startsWith(`${baseUrl}?`))
    return null;
  return url.slice(baseUrl.length).split('?')[0] || '/';
}

/** A failed request as one of the three failures callers tell apart. */
function translate(error: HttpError, baseUrl: string): Error {
  if (!error.response) {
    if (error.cause instanceof OutboundAddressRefused)
      return unreachable(baseUrl, error.cause.phrase);
    if (error.cause instanceof AnswerTooLarge) return unreachable(baseUrl, error.cause.message);
    const phrase = /abort|timeout/i.test(error.message)
      ? 'did not answer in time'
      : `could not be reached (${error.message})`;
    return unreachable(baseUrl, phrase);
  }
  if (error.status === 401) return tokenRefused(401);
  if (error.status === 403 || error.status === 429) {
    const headers = error.response.headers;
    if (String(headers['x-ratelimit-remaining']) === '0')
      return rateLimited(new Date(Number(headers['x-ratelimit-reset']) * 1000));
    return tokenRefused(error.status);
  }
  // Anything else keeps its status (a 404 for a pull request gone since the search, …).
  return error as unknown as Error;
}
