// A local stand-in for GitLab's REST API v4 (node:http), answering as the documented API
// does (https://docs.gitlab.com/api/rest/): GET /api/v4/user; GET /api/v4/merge_requests
// with scope=all and reviewer_username/updated_after or author_username/created_after,
// paged with x-page/x-per-page/x-next-page/x-total/x-total-pages and `Link`;
// GET /api/v4/projects/:id/merge_requests/:iid/approvals (`approved_by` with `approved_at`)
// and …/notes (paged; `system`, `type`: DiffNote, DiscussionNote or null); 401 for an
// unknown token; and faults a test queues (a 429 with `Retry-After`). Every request is
// logged with its time, so a test can see what the client asked and when.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StandInNote {
  author: string;
  at: string;
  body?: string;
  type?: 'DiffNote' | 'DiscussionNote' | null;
  system?: boolean;
}

export interface StandInMergeRequest {
  /** `group/project` */
  project: string;
  iid: number;
  title?: string;
  author: string;
  createdAt: string;
  /** Defaults to the latest of createdAt, the approvals' and the notes' times. */
  updatedAt?: string;
  state?: 'opened' | 'merged' | 'closed';
  labels?: string[];
  reviewers?: string[];
  approvals?: { user: string; at: string }[];
  notes?: StandInNote[];
}

export interface StandInFault {
  /** Which requests it answers: a path prefix such as `/api/v4/merge_requests`. */
  path: string;
  status: number;
  headers?: Record<string, string>;
}

export interface LoggedRequest {
  path: string;
  query: URLSearchParams;
  at: number;
  status: number;
}

const userOf = (username: string) => ({
  id: [...username].reduce((n, c) => n * 31 + c.charCodeAt(0), 7) % 100_000,
  username,
  name: username,
  state: 'active',
  avatar_url: null,
  web_url: `https://gitlab.example/${username}`,
});

export class GitlabStandIn {
  readonly requests: LoggedRequest[] = [];
  readonly tokens = new Map<string, string>();
  mergeRequests: StandInMergeRequest[] = [];
  private faults: StandInFault[] = [];
  private projectIds = new Map<string, number>();
  private origin = '';
  private server = createServer((req, res) => {
    this.handle(req, res).catch((error) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });

  constructor(private readonly options: { maxPerPage?: number } = {}) {}

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The instance's address (what `baseUrl` is for a self-managed one). */
  get baseUrl(): string {
    return this.origin;
  }

  addUser(token: string, username: string): void {
    this.tokens.set(token, username);
  }

  /** Answers the next request under `path` with `status` (once). */
  fail(fault: StandInFault): void {
    this.faults.push(fault);
  }

  /** A merge request's web address, as GitLab shows it. */
  urlOf(project: string, iid: number): string {
    return `${this.origin}/${project}/-/merge_requests/${iid}`;
  }

  private projectId(project: string): number {
    let id = this.projectIds.get(project);
    if (id === undefined) {
      id = this.projectIds.size + 100;
      this.projectIds.set(project, id);
    }
    return id;
  }

  private updatedAt(mr: StandInMergeRequest): string {
    if (mr.updatedAt) return mr.updatedAt;
    const times = [
      mr.createdAt,
      ...(mr.approvals ?? []).map((a) => a.at),
      ...(mr.notes ?? []).map((n) => n.at),
    ];
    return times.sort((a, b) => Date.parse(a) - Date.parse(b)).at(-1) as string;
  }

  private mergeRequestJson(mr: StandInMergeRequest) {
    return {
      id: this.projectId(mr.project) * 1000 + mr.iid,
      iid: mr.iid,
      project_id: this.projectId(mr.project),
      title: mr.title ?? `Change ${mr.iid}`,
      description: '',
      state: mr.state ?? 'opened',
      created_at: mr.createdAt,
      updated_at: this.updatedAt(mr),
      labels: mr.labels ?? [],
      author: userOf(mr.author),
      reviewers: (mr.reviewers ?? []).map(userOf),
      references: { short: `!${mr.iid}`, full: `${mr.project}!${mr.iid}` },
      web_url: this.urlOf(mr.project, mr.iid),
    };
  }

  private send(res: ServerResponse, status: number, body: unknown, headers = {}) {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  }

  /** One page of `items` with GitLab's offset-paging headers and `Link`. */
  private sendPage(res: ServerResponse, url: URL, items: unknown[]) {
    const perPage = Math.min(
      Number(url.searchParams.get('per_page') ?? 20),
      this.options.maxPerPage ?? 100,
    );
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1));
    const totalPages = Math.max(1, Math.ceil(items.length / perPage));
    const linkTo = (n: number) => {
      const next = new URL(url);
      next.searchParams.set('page', String(n));
      next.searchParams.set('per_page', String(perPage));
      return `${this.origin}${next.pathname}${next.search}`;
    };
    const links = [
      ...(page < totalPages ? [`<${linkTo(page + 1)}>; rel="next"`] : []),
      `<${linkTo(1)}>; rel="first"`,
      `<${linkTo(totalPages)}>; rel="last"`,
    ];
    this.send(res, 200, items.slice((page - 1) * perPage, page * perPage), {
      'x-page': String(page),
      'x-per-page': String(perPage),
      'x-next-page': page < totalPages ? String(page + 1) : '',
      'x-prev-page': page > 1 ? String(page - 1) : '',
      'x-total': String(items.length),
      'x-total-pages': String(totalPages),
      link: links.join(', '),
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', this.origin);
    const log: LoggedRequest = {
      path: url.pathname,
      query: url.searchParams,
      at: Date.now(),
      status: 0,
    };
    this.requests.push(log);
    res.on('finish', () => {
      log.status = res.statusCode;
    });
    const fault = this.faults.findIndex((f) => url.pathname.startsWith(f.path));
    if (fault >= 0) {
      const [f] = this.faults.splice(fault, 1);
      return this.send(
        res,
        f?.status ?? 500,
        { message: `${f?.status} Too Many Requests` },
        f?.headers,
      );
    }
    const username = this.tokens.get(String(req.headers['private-token'] ?? ''));
    if (!username) return this.send(res, 401, { message: '401 Unauthorized' });
    if (url.pathname === '/api/v4/user') return this.send(res, 200, userOf(username));
    if (url.pathname === '/api/v4/merge_requests') {
      const q = url.searchParams;
      if (q.get('scope') !== 'all')
        return this.send(res, 400, { error: 'scope is expected to be all' });
      const reviewer = q.get('reviewer_username');
      const author = q.get('author_username');
      const updatedAfter = Date.parse(q.get('updated_after') ?? '1970-01-01T00:00:00Z');
      const createdAfter = Date.parse(q.get('created_after') ?? '1970-01-01T00:00:00Z');
      const found = this.mergeRequests.filter(
        (mr) =>
          (!reviewer || (mr.reviewers ?? []).includes(reviewer)) &&
          (!author || mr.author === author) &&
          Date.parse(this.updatedAt(mr)) >= updatedAfter &&
          Date.parse(mr.createdAt) >= createdAfter,
      );
      return this.sendPage(
        res,
        url,
        found.map((mr) => this.mergeRequestJson(mr)),
      );
    }
    const match = /^\/api\/v4\/projects\/(\d+)\/merge_requests\/(\d+)\/(approvals|notes)$/.exec(
      url.pathname,
    );
    const mr = match
      ? this.mergeRequests.find(
          (m) => this.projectId(m.project) === Number(match[1]) && m.iid === Number(match[2]),
        )
      : undefined;
    if (!match || !mr) return this.send(res, 404, { message: '404 Not found' });
    if (match[3] === 'approvals')
      return this.send(res, 200, {
        id: this.projectId(mr.project) * 1000 + mr.iid,
        iid: mr.iid,
        project_id: this.projectId(mr.project),
        approved: (mr.approvals ?? []).length > 0,
        approved_by: (mr.approvals ?? []).map((a) => ({ user: userOf(a.user), approved_at: a.at })),
      });
    const notes = (mr.notes ?? []).map((n, i) => ({
      id: i + 1,
      body: n.body ?? (n.system ? 'changed the description' : 'Looks good'),
      type: n.type ?? null,
      system: n.system ?? false,
      created_at: n.at,
      updated_at: n.at,
      author: userOf(n.author),
      noteable_type: 'MergeRequest',
      noteable_iid: mr.iid,
    }));
    return this.sendPage(res, url, notes);
  }
}

export async function startGitlabStandIn(options: { maxPerPage?: number } = {}) {
  return new GitlabStandIn(options).start();
}
