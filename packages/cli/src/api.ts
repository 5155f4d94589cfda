// The one HTTP client of the CLI: the bearer token, JSON in and out, a single retry when the
// network fails on a request that is safe to repeat, and every failure turned into a
// CliError with its exit code (see errors.ts).
import type { Credentials } from './config.js';
import { CliError, EXIT, type FieldError } from './errors.js';
import { VERSION } from './version.js';

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  /** Milliseconds before the request counts as unanswered (default 30 s). */
  timeoutMs?: number;
}

interface Problem {
  title?: string;
  detail?: string;
  status?: number;
  errors?: FieldError[];
}

const RETRY_DELAY_MS = 300;

/**
 * A request may be sent twice only when repeating it changes nothing: GET, PUT and DELETE
 * by HTTP's definition, and a POST carrying an Idempotency-Key (the API answers the
 * first result again).
 */
function safeToRepeat(options: RequestOptions): boolean {
  const method = options.method ?? 'GET';
  return method !== 'POST' || Boolean(options.headers?.['Idempotency-Key']);
}

/** Why fetch failed, in words: the socket error's code (ECONNREFUSED…) or a timeout. */
function networkReason(error: unknown): string {
  if (error instanceof DOMException && error.name === 'TimeoutError') return 'no answer in time';
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}

export class ApiClient {
  constructor(readonly credentials: Credentials) {}

  /** `http://host:port/api/v1`: what error messages name. */
  get base(): string {
    return `${this.credentials.url}/api/v1`;
  }

  async request<T>(path: string, options: RequestOptions = {}): Promise<T> {
    const response = await this.send(path, options);
    if (response.status === 204) return undefined as T;
    const type = response.headers.get('content-type') ?? '';
    if (!/json/.test(type)) {
      throw new CliError(
        `${this.base}${path} did not answer as the Leadtrack API (${response.status}, ${type || 'no content type'}): check the address with \`leadtrack login\`.`,
        EXIT.refused,
      );
    }
    return (await response.json()) as T;
  }

  private async send(path: string, options: RequestOptions): Promise<Response> {
    const url = new URL(`${this.base}${path}`);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const init: RequestInit = {
      method: options.method ?? 'GET',
      headers: {
        accept: 'application/json',
        authorization: `Bearer ${this.credentials.token}`,
        'user-agent': `leadtrack-cli/${VERSION}`,
        ...(options.body !== undefined && { 'content-type': 'application/json' }),
        ...options.headers,
      },
      ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
    };
    const attempts = safeToRepeat(options) ? 2 : 1;
    let response: Response | undefined;
    for (let attempt = 1; !response; attempt++) {
      try {
        response = await fetch(url, {
          ...init,
          signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
        });
      } catch (error) {
        if (attempt < attempts) {
          await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
          continue;
        }
        throw new CliError(
          `Cannot reach ${this.base} (${networkReason(error)}): is the API running at that address?`,
          EXIT.unreachable,
        );
      }
    }
    if (response.ok) return response;
    throw await this.failure(response);
  }

  private async failure(response: Response): Promise<CliError> {
    const status = response.status;
    let problem: Problem = {};
    if (/json/.test(response.headers.get('content-type') ?? '')) {
      problem = ((await response.json().catch(() => ({}))) ?? {}) as Problem;
    }
    const said = problem.detail || problem.title;
    if (status === 401) {
      return new CliError(
        `The API refused the token (401): it is wrong, expired or revoked. Run \`leadtrack login\` again.`,
        EXIT.notLoggedIn,
        { status },
      );
    }
    if (status === 502 || status === 503 || status === 504) {
      return new CliError(
        `${this.base} is unavailable (${status})${said ? `: ${said.replace(/\.$/, '')}` : ''}. Try again shortly.`,
        EXIT.unreachable,
        { status },
      );
    }
    if (!said) {
      return new CliError(
        `${this.base} answered ${status} ${response.statusText}: is that the Leadtrack API?`,
        EXIT.refused,
        { status },
      );
    }
    const errors = Array.isArray(problem.errors) ? problem.errors : [];
    // The detail of a validation problem already joins every message: print them one a line.
    const message =
      errors.length > 1 ? `The API refused ${errors.length} fields:` : (errors[0]?.message ?? said);
    return new CliError(message, EXIT.refused, {
      status,
      ...(errors.length > 0 && { errors }),
      ...(errors.length > 1 && { lines: errors.map((e) => e.message) }),
    });
  }
}
