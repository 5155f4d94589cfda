// Several real API processes on one database, as behind a load balancer: each is the
// server users run (apps/api/src/server.ts), started from the environment on its own port,
// and called over HTTP with fetch.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { freePort, ROOT, waitUntilUp } from './processes';

export interface ApiProcess {
  port: number;
  child: ChildProcess;
  /** What it printed (stdout and stderr): for failure messages. */
  output(): string;
}

export interface ProcessResponse {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are untyped JSON; tests assert their shape.
  body: any;
  text: string;
}

/** Starts one API server process with `env` on a free port, once it answers /readyz. */
export async function startApiProcess(env: Record<string, string>): Promise<ApiProcess> {
  const port = await freePort();
  let output = '';
  const child = spawn(`${ROOT}node_modules/.bin/tsx`, ['src/server.ts'], {
    cwd: `${ROOT}apps/api`,
    env: { ...process.env, LOG_LEVEL: 'warn', NODE_ENV: 'test', ...env, API_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const started = { port, child, output: () => output };
  try {
    // Three at once on a loaded machine: tsx compiles the source in each.
    await waitUntilUp(`http://127.0.0.1:${port}/readyz`, {
      child,
      name: 'the API process',
      timeoutMs: 120_000,
    });
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n${output}`);
  }
  return started;
}

/** SIGTERM, and waits until it exited. */
export async function stopApiProcess(api: ApiProcess): Promise<void> {
  if (api.child.exitCode !== null) return;
  const exited = once(api.child, 'exit');
  api.child.kill('SIGTERM');
  await exited;
}

export interface ProcessCallOptions {
  token?: string;
  body?: unknown;
  /** The client address the API sees (X-Forwarded-For from loopback, a trusted proxy). */
  from?: string;
  headers?: Record<string, string>;
}

/** One call to `/api/v1<path>` on `api`. */
export async function callProcess(
  api: ApiProcess,
  method: string,
  path: string,
  options: ProcessCallOptions = {},
): Promise<ProcessResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.from) headers['x-forwarded-for'] = options.from;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`http://127.0.0.1:${api.port}/api/v1${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await res.text();
  const body = /json/.test(res.headers.get('content-type') ?? '') && text ? JSON.parse(text) : null;
  return { status: res.status, headers: res.headers, body, text };
}
