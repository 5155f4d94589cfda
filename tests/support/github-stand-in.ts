// A local stand-in for GitHub's REST API (node:http), answering as the documented API does
// (https://docs.github.com/rest): GET /user; GET /search/issues with `is:pr`,
// `reviewed-by:`, `author:`/`-author:` and `updated:`/`created:` ranges, `Link` paging and
// the 1,000-result cap (422 past it); GET /repos/{o}/{r}/pulls/{n}/reviews and …/files,
// paged; the rate-limit headers (`x-ratelimit-limit/-remaining/-reset/-used/-resource`), a
// spent search budget refused with 403, and faults a test queues (a 403 with
// `x-ratelimit-remaining: 0`, a 429 with `retry-after`). Every request is logged with its
// time, so a test can see what the client asked and when. GitHub Enterprise is the same
// API under `/api/v3` (`prefix`).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StandInReview {
  user: string;
  state?: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';
  submittedAt: string;
}

export interface StandInPull {
  repo: string; // owner/name
  number: number;
  title: string;
  author: string;
  createdAt: string;
  /** Defaults to the latest of createdAt and the reviews' times. */
  updatedAt?: string;
  state?: 'open' | 'closed';
  mergedAt?: string | null;
  labels?: string[];
  files?: string[];
  reviews?: StandInReview[];
}

export interface StandInFault {
  /** Which requests it answers: a path prefix such as `/search/issues` or `/user`. */
  path: string;
  status: number;
  headers?: Record<string, string>;
  message?: string;
}

export interface StandInOptions {
  /** `/api/v3` for a GitHub Enterprise shape; '' for api.github.com's. */
  prefix?: string;
  /** Results per page at most (GitHub: 100); smaller to see paging with little data. */
  maxPerPage?: number;
  /** Search requests per window (GitHub: 30 a minute) and the window's length. */
  searchLimit?: number;
  searchWindowMs?: number;
}

export interface LoggedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  at: number;
  status: number;
  authorization: string | undefined;
}

const DOCS = 'https://docs.github.com/rest';
const SEARCH_CAP = 1_000;

interface RangeBound {
  from: number;
  to: number;
}

/** `2026-01-05..2026-01-11`, `2026-01-05T00:00:00Z..2026-01-11T23:59:59Z`, `>=2026-01-05`. */
function parseRange(value: string): RangeBound | null {
  const start = (s: string) => Date.parse(s.length === 10 ? `${s}T00:00:00Z` : s);
  const end = (s: string) =>
    s.length === 10 ? Date.parse(`${s}T23:59:59.999Z`) : Date.parse(s) + 999;
  if (value.startsWith('>=')) return { from: start(value.slice(2)), to: Number.POSITIVE_INFINITY };
  const [a, b] = value.split('..');
  if (!a || !b) return null;
  const bound = {
    from: a === '*' ? 0 : start(a),
    to: b === '*' ? Number.POSITIVE_INFINITY : end(b),
  };
  return Number.isNaN(bound.from) || Number.isNaN(bound.to) ? null : bound;
}

export class GithubStandIn {
  readonly requests: LoggedRequest[] = [];
  readonly tokens = new Map<string, string>();
  pulls: StandInPull[] = [];
  private faults: StandInFault[] = [];
  private server = createServer((req, res) => {
    this.handle(req, res).catch((error) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });
  private origin = '';
  private searchBudget = { remaining: 0, resetAt: 0 };

  constructor(private readonly options: StandInOptions = {}) {}

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.origin = `http://127.0.0.1:${port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The address to connect with (what `baseUrl` is for the real one). */
  get baseUrl(): string {
    return `${this.origin}${this.options.prefix ?? ''}`;
  }

  /** A token that GET /user answers for as `login`. */
  addUser(token: string, login: string): void {
    this.tokens.set(token, login);
  }

  /** The next request under `path` gets this answer instead (faults are used once, in order). */
  fail(fault: StandInFault): void {
    this.faults.push(fault);
  }

  /** Forgets the requests logged so far. */
  clearLog(): void {
    this.requests.length = 0;
  }

  /** The logged requests under a path prefix. */
  requestsTo(path: string): LoggedRequest[] {
    return this.requests.filter((r) => r.path.startsWith(path));
  }

  private htmlUrl(pull: StandInPull) {
    return `${this.origin}/${pull.repo}/pull/${pull.number}`;
  }

  private updatedAt(pull: StandInPull): string {
    if (pull.updatedAt) return pull.updatedAt;
    return [pull.createdAt, ...(pull.reviews ?? []).map((r) => r.submittedAt)]
      .sort()
      .at(-1) as string;
  }

  private rateHeaders(resource: 'core' | 'search'): Record<string, string> {
    if (resource === 'core') {
      return {
        'x-ratelimit-limit': '5000',
        'x-ratelimit-remaining': '4999',
        'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 3600),
        'x-ratelimit-used': '1',
        'x-ratelimit-resource': 'core',
      };
    }
    const limit = this.options.searchLimit ?? 30;
    return {
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': String(this.searchBudget.remaining),
      'x-ratelimit-reset': String(this.searchBudget.resetAt),
      'x-ratelimit-used': String(limit - this.searchBudget.remaining),
      'x-ratelimit-resource': 'search',
    };
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', this.origin);
    const prefix = this.options.prefix ?? '';
    const path = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : url.pathname;
    const entry: LoggedRequest = {
      method: req.method ?? 'GET',
      path,
      query: url.searchParams,
      at: Date.now(),
      status: 0,
      authorization: req.headers.authorization,
    };
    this.requests.push(entry);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      entry.status = status;
      res.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        'x-github-media-type': 'github.v3; format=json',
        ...headers,
      });
      res.end(JSON.stringify(body));
    };
    if (!url.pathname.startsWith(prefix))
      return send(404, { message: 'Not Found', documentation_url: DOCS });

    const token = /^(?:token|bearer) (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const login = token ? this.tokens.get(token) : undefined;
    if (!login) {
      return send(401, { message: 'Bad credentials', documentation_url: DOCS, status: '401' });
    }
    const resource = path.startsWith('/search/') ? 'search' : 'core';

    const fault = this.faults.findIndex((f) => path.startsWith(f.path));
    if (fault >= 0) {
      const [f] = this.faults.splice(fault, 1);
      if (f) {
        return send(
          f.status,
          {
            message: f.message ?? 'API rate limit exceeded for user ID 1.',
            documentation_url: DOCS,
          },
          { ...this.rateHeaders(resource), ...f.headers },
        );
      }
    }

    if (resource === 'search') {
      const now = Date.now();
      if (now >= this.searchBudget.resetAt * 1000) {
        this.searchBudget = {
          remaining: this.options.searchLimit ?? 30,
          resetAt: Math.ceil((now + (this.options.searchWindowMs ?? 60_000)) / 1000),
        };
      }
      if (this.searchBudget.remaining === 0) {
        return send(
          403,
          { message: `API rate limit exceeded for user ID 1.`, documentation_url: DOCS },
          this.rateHeaders('search'),
        );
      }
      this.searchBudget.remaining -= 1;
    }

    if (req.method === 'GET' && path === '/user') {
      return send(
        200,
        {
          login,
          id: 1,
          node_id: 'MDQ6VXNlcjE=',
          type: 'User',
          html_url: `${this.origin}/${login}`,
          name: null,
        },
        this.rateHeaders('core'),
      );
    }
    if (req.method === 'GET' && path === '/search/issues') return this.search(url, send);
    const pullPath = /^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)\/(reviews|files)$/.exec(path);
    if (req.method === 'GET' && pullPath) {
      const [, owner, repo, number, what] = pullPath;
      const pull = this.pulls.find(
        (p) => p.repo === `${owner}/${repo}` && p.number === Number(number),
      );
      if (!pull) return send(404, { message: 'Not Found', documentation_url: DOCS, status: '404' });
      const all: unknown[] =
        what === 'reviews'
          ? (pull.reviews ?? []).map((r, i) => ({
              id: pull.number * 1000 + i,
              node_id: `PRR_${pull.number}_${i}`,
              user: { login: r.user, id: 2, type: 'User' },
              body: '',
              state: r.state ?? 'APPROVED',
              html_url: `${this.htmlUrl(pull)}#pullrequestreview-${i}`,
              pull_request_url: `${this.baseUrl}/repos/${pull.repo}/pulls/${pull.number}`,
              submitted_at: r.state === 'PENDING' ? undefined : r.submittedAt,
              commit_id: 'ecdd80bb57125d7ba9641ffaa4d7d2c19d3f3091',
            }))
          : (pull.files ?? []).map((filename) => ({
              sha: 'bbcd538c8e72b8c175046e27cc8f907076331401',
              filename,
              status: 'added',
              additions: 10,
              deletions: 0,
              changes: 10,
            }));
      return this.page(url, all, send, (page) => page, 'core');
    }
    return send(404, { message: 'Not Found', documentation_url: DOCS, status: '404' });
  }

  private search(url: URL, send: (s: number, b: unknown, h?: Record<string, string>) => void) {
    const q = url.searchParams.get('q') ?? '';
    // GitHub's answer to a query it cannot read: 422 naming the query.
    const invalidQuery = (message: string) =>
      send(422, {
        message: 'Validation Failed',
        errors: [{ message, resource: 'Search', field: 'q', code: 'invalid' }],
        documentation_url: DOCS,
      });
    let found = [...this.pulls];
    for (const term of q.split(/\s+/).filter(Boolean)) {
      const negated = term.startsWith('-');
      const [key, value = ''] = (negated ? term.slice(1) : term).split(/:(.*)/s);
      let keep: (p: StandInPull) => boolean;
      if (key === 'is' && value === 'pr') keep = () => true;
      else if (key === 'author') keep = (p) => p.author.toLowerCase() === value.toLowerCase();
      else if (key === 'reviewed-by')
        keep = (p) =>
          (p.reviews ?? []).some(
            (r) => r.user.toLowerCase() === value.toLowerCase() && r.state !== 'PENDING',
          );
      else if (key === 'updated' || key === 'created') {
        const range = parseRange(value);
        if (!range) return invalidQuery(`Invalid range: ${value}`);
        keep = (p) => {
          const t = Date.parse(key === 'updated' ? this.updatedAt(p) : p.createdAt);
          return t >= range.from && t <= range.to;
        };
      } else {
        return invalidQuery(`Unknown qualifier: ${term}`);
      }
      found = found.filter((p) => (negated ? !keep(p) : keep(p)));
    }
    found.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    const items = found.map((p) => ({
      url: `${this.baseUrl}/repos/${p.repo}/issues/${p.number}`,
      repository_url: `${this.baseUrl}/repos/${p.repo}`,
      html_url: this.htmlUrl(p),
      id: p.number,
      number: p.number,
      title: p.title,
      state: p.state ?? 'open',
      user: { login: p.author, id: 3, type: 'User' },
      labels: (p.labels ?? []).map((name, i) => ({ id: i, name, color: 'ededed', default: false })),
      created_at: p.createdAt,
      updated_at: this.updatedAt(p),
      closed_at: null,
      pull_request: {
        url: `${this.baseUrl}/repos/${p.repo}/pulls/${p.number}`,
        html_url: this.htmlUrl(p),
        merged_at: p.mergedAt ?? null,
      },
      score: 1,
    }));
    return this.page(
      url,
      items,
      send,
      (pageItems) => ({ total_count: items.length, incomplete_results: false, items: pageItems }),
      'search',
    );
  }

  /** One page of `all` with GitHub's `Link` header (search stops at the 1,000th result). */
  private page<T>(
    url: URL,
    all: T[],
    send: (s: number, b: unknown, h?: Record<string, string>) => void,
    shape: (items: T[]) => unknown,
    resource: 'core' | 'search',
  ) {
    const perPage = Math.min(
      Number(url.searchParams.get('per_page') ?? 30),
      this.options.maxPerPage ?? 100,
    );
    const page = Number(url.searchParams.get('page') ?? 1);
    const reachable = resource === 'search' ? Math.min(all.length, SEARCH_CAP) : all.length;
    if (resource === 'search' && (page - 1) * perPage >= SEARCH_CAP) {
      return send(422, {
        message: 'Only the first 1000 search results are available',
        documentation_url: DOCS,
      });
    }
    const last = Math.max(1, Math.ceil(reachable / perPage));
    const link = (p: number, rel: string) => {
      const next = new URL(url.href);
      next.searchParams.set('page', String(p));
      next.searchParams.set('per_page', String(perPage));
      return `<${this.origin}${next.pathname}${next.search}>; rel="${rel}"`;
    };
    const links: string[] = [];
    if (page > 1) links.push(link(page - 1, 'prev'), link(1, 'first'));
    if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
    const headers = {
      ...this.rateHeaders(resource),
      ...(links.length ? { link: links.join(', ') } : {}),
    };
    return send(200, shape(all.slice((page - 1) * perPage, page * perPage)), headers);
  }
}

export async function startGithubStandIn(options: StandInOptions = {}) {
  return new GithubStandIn(options).start();
}
