// The GitLab REST API v4 client every GitLab feature uses: @gitbeaker/rest's resources
// (their paging follows `Link: rel="next"`) over a requester of our own, because
// gitbeaker's retries a 429 after a few milliseconds whatever the answer asks. Ours:
// - sends every request through the app's outbound fetch (public addresses, OUTBOUND_ALLOW),
//   with a timeout, only under the connection's own `/api/v4`;
// - reads each answer up to GITLAB_ANSWER_MAX_BYTES (10 MiB) with lib/outbound-fetch's
//   readCapped, which stops reading past it (a 400 naming baseUrl, or the sync's error);
// - waits out a 429 as it asks (`Retry-After` in seconds or as a date, else `RateLimit-Reset`,
//   a Unix time) and sends the request again, up to MAX_ATTEMPTS; a wait longer than
//   `maxWaitMs` is not made: the call fails with HostRateLimited, naming when it resets.
// Failures are token-host/failures.ts' HostTokenRefused (401/403), HostUnreachable (no GitLab API
// answered), HostRateLimited, or GitlabAnswered (another status).
import { Gitlab } from '@gitbeaker/rest';
import { AnswerTooLarge, OutboundAddressRefused, readCapped } from '../../lib/outbound-fetch';
import {
  commonFailure,
  type HostFailure,
  hostErrors,
  type TokenRefusalWords,
} from '../token-host/failures';

/** The most of one answer read (API.md "Hardening": a code host's answers, 10 MiB). */
export const GITLAB_ANSWER_MAX_BYTES = 10 * 1024 * 1024;

export interface GitlabLimits {
  /** The longest single wait for a rate limit; a longer one fails the call. */
  maxWaitMs: number;
  /** How long one request may take before it counts as unanswered. */
  timeoutMs: number;
  maxBytes: number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  now(): number;
  /** How requests are sent: only to the addresses the server may reach (lib/outbound-fetch). */
  fetch: typeof fetch;
}

/** What GitLab's refusals of a token say (the client's errors, and connecting's answers). */
export const GITLAB_REFUSALS: TokenRefusalWords = {
  host: 'GitLab',
  unauthorized: 'Unauthorized',
  forbidden: 'it needs the read_api scope',
};

const errors = hostErrors(GITLAB_REFUSALS);
const { rateLimited, tokenRefused } = errors;
const unreachable = (phrase: string) => errors.unreachable('this address', phrase);

/** Another answer than 2xx, 401, 403 or 429 (a 404 for a merge request gone meanwhile…). */
export class GitlabAnswered extends Error {
  constructor(
    readonly status: number,
    readonly path: string,
  ) {
    super(`GitLab answered ${status} to GET ${path}.`);
    this.name = 'GitlabAnswered';
  }
}

const MAX_ATTEMPTS = 5;
/** A 429 that says nothing of when to come back: a minute, as GitLab's limits are per minute. */
const UNSAID_WAIT_MS = 60_000;

/** How long a 429 asks to wait: `Retry-After` (seconds or a date), else `RateLimit-Reset`. */
export function retryAfterMs(headers: Headers, now: number): number {
  const retryAfter = headers.get('retry-after')?.trim();
  if (retryAfter) {
    if (/^\d+$/.test(retryAfter)) return Number(retryAfter) * 1000;
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }
  const reset = headers.get('ratelimit-reset')?.trim();
  if (reset && /^\d+$/.test(reset)) return Math.max(0, Number(reset) * 1000 - now);
  return UNSAID_WAIT_MS;
}

/** camelCase search options (gitbeaker's) as GitLab's snake_case query, arrays as `key[]`. */
function queryOf(params: Record<string, unknown> | undefined): URLSearchParams {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params ?? {})) {
    if (value === undefined || value === null) continue;
    const name = key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    if (Array.isArray(value)) for (const v of value) query.append(`${name}[]`, String(v));
    else query.set(name, String(value));
  }
  return query;
}

type GitlabOptions = ConstructorParameters<typeof Gitlab>[0];
type RequesterFn = NonNullable<GitlabOptions['requesterFn']>;

interface RequestOptions {
  searchParams?: Record<string, unknown>;
  signal?: AbortSignal;
}

export interface GitlabClientOptions {
  /** The instance's root (the API is `<baseUrl>/api/v4`). */
  baseUrl: string;
  token: string;
  limits: GitlabLimits;
  /** Aborts every request and wait (the app closing). */
  signal?: AbortSignal;
}

/** The requester gitbeaker's resources call: GET only (the client never writes). */
function requesterOf({ baseUrl, token, limits, signal }: GitlabClientOptions): RequesterFn {
  const apiRoot = `${baseUrl}/api/v4/`;
  const get = async (prefix: string, endpoint: string, options: RequestOptions = {}) => {
    // The resource's own root (`…/api/v4/projects` for project resources), as gitbeaker's.
    const url = new URL(endpoint, prefix.endsWith('/') ? prefix : `${prefix}/`);
    if (!url.href.startsWith(apiRoot)) throw new GitlabAnswered(400, endpoint);
    url.search = queryOf(options.searchParams).toString();
    for (let attempt = 1; ; attempt++) {
      let res: Response;
      try {
        res = await limits.fetch(url, {
          headers: { 'private-token': token, accept: 'application/json' },
          signal: AbortSignal.any([
            AbortSignal.timeout(limits.timeoutMs),
            ...(signal ? [signal] : []),
          ]),
        });
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        if (error instanceof OutboundAddressRefused) throw unreachable(error.phrase);
        const message = error instanceof Error ? error.message : String(error);
        throw unreachable(
          /abort|timeout/i.test(`${(error as Error)?.name} ${message}`)
            ? 'did not answer in time'
            : `could not be reached (${(error as { cause?: Error }).cause?.message ?? message})`,
        );
      }
      if (res.status === 429 && attempt < MAX_ATTEMPTS) {
        await res.body?.cancel().catch(() => undefined);
        const wait = retryAfterMs(res.headers, limits.now());
        if (wait > limits.maxWaitMs) throw rateLimited(new Date(limits.now() + wait));
        await limits.sleep(wait, signal);
        continue;
      }
      let text: string;
      try {
        text = Buffer.from(await readCapped(res, limits.maxBytes)).toString('utf8');
      } catch (error) {
        // Past the limit the server stops reading: no GitLab answer it could use.
        if (error instanceof AnswerTooLarge) throw unreachable(error.message);
        throw error;
      }
      if (res.status === 429) throw rateLimited(new Date(limits.now() + UNSAID_WAIT_MS));
      if (res.status === 401 || res.status === 403) throw tokenRefused(res.status);
      if (!res.ok) throw new GitlabAnswered(res.status, url.pathname);
      let body: unknown;
      try {
        body = text === '' ? {} : JSON.parse(text);
      } catch {
        throw unreachable(`answered ${url.pathname} with something else than JSON`);
      }
      return { body, headers: Object.fromEntries(res.headers.entries()), status: res.status };
    }
  };
  const refuse = async () => {
    throw new Error('The GitLab client only reads.');
  };
  return ((service: { url: string }) => ({
    get: (endpoint: string, options?: RequestOptions) => get(service.url, endpoint, options),
    post: refuse,
    put: refuse,
    patch: refuse,
    delete: refuse,
  })) as unknown as RequesterFn;
}

/** A user as `GET /user` and merge requests show them. */
export interface GitlabUser {
  id: number;
  username: string;
}

/** A merge request as `GET /merge_requests` lists it (the fields read). */
export interface GitlabMergeRequest {
  id: number;
  iid: number;
  project_id: number;
  title: string;
  state: string;
  created_at: string;
  web_url: string;
  labels?: string[];
  author: GitlabUser;
  references?: { full?: string };
}

export interface GitlabNote {
  id: number;
  body: string;
  /** `DiffNote` (on the diff), `DiscussionNote` (a thread), or null (a plain comment). */
  type: string | null;
  system: boolean;
  created_at: string;
  author: GitlabUser;
}

export interface GitlabApprovals {
  approved_by?: { user: GitlabUser; approved_at?: string | null }[];
}

/** The searches the client makes: a person's reviews, or what they opened, since a time. */
type MergeRequestSearch =
  | { reviewerUsername: string; updatedAfter: string }
  | { authorUsername: string; createdAfter: string };

/** The most pages of one list read (100 a page): bounded work per merge request and sync. */
const MAX_PAGES = 20;

export function gitlabClient(options: GitlabClientOptions) {
  const api = new Gitlab({
    host: options.baseUrl,
    token: options.token,
    requesterFn: requesterOf(options),
    // The limits are ours (the requester): none of gitbeaker's in-memory queues.
    rateLimits: {},
  });
  const list = { perPage: 100, maxPages: MAX_PAGES };
  /** Merge requests anywhere (`scope: all`) that `search` finds. */
  const mergeRequests = async (search: MergeRequestSearch): Promise<GitlabMergeRequest[]> =>
    (await api.MergeRequests.all({
      scope: 'all',
      ...search,
      ...list,
    })) as unknown as GitlabMergeRequest[];
  return {
    async user(): Promise<GitlabUser> {
      return (await api.Users.showCurrentUser()) as unknown as GitlabUser;
    },
    /** Merge requests anywhere with `username` among their reviewers, updated since `after`. */
    reviewing: (username: string, after: Date) =>
      mergeRequests({ reviewerUsername: username, updatedAfter: after.toISOString() }),
    /** Merge requests `username` opened since `after`. */
    authored: (username: string, after: Date) =>
      mergeRequests({ authorUsername: username, createdAfter: after.toISOString() }),
    async approvals(mr: GitlabMergeRequest): Promise<GitlabApprovals> {
      return (await api.MergeRequestApprovals.showConfiguration(mr.project_id, {
        mergerequestIId: mr.iid,
      })) as unknown as GitlabApprovals;
    },
    async notes(mr: GitlabMergeRequest): Promise<GitlabNote[]> {
      return (await api.MergeRequestNotes.all(mr.project_id, mr.iid, {
        sort: 'asc',
        orderBy: 'created_at',
        ...list,
      })) as unknown as GitlabNote[];
    },
  };
}

export type GitlabClient = ReturnType<typeof gitlabClient>;

/** What a failed GitLab call amounts to (token-host/failures.ts); null for our own faults. */
export function gitlabFailure(error: unknown): HostFailure | null {
  const common = commonFailure(error);
  if (common) return common;
  if (error instanceof GitlabAnswered)
    return { kind: 'answered', status: error.status, message: error.message };
  return null;
}
