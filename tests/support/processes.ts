// For tests that start real processes (the API server, `npm start`, the dashboard): the
// repository's root, a free loopback port, and waiting until a URL answers.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A port nothing listens on right now (the OS picks it; the probe is closed before returning). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface WaitOptions {
  timeoutMs?: number;
  /** The process expected to answer: if it exits first, waiting stops with its exit code. */
  child?: ChildProcess;
  /** How the process is named in the error. */
  name?: string;
  /** Which answers count as "up" (default: a 2xx). */
  isUp?: (res: Response) => boolean;
}

/** Polls `url` until it answers as `isUp` says, and returns that answer. */
export async function waitUntilUp(url: string, options: WaitOptions = {}): Promise<Response> {
  const { timeoutMs = 30_000, child, name = url, isUp = (res) => res.ok } = options;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}`);
    try {
      const res = await fetch(url, { redirect: 'manual' });
      if (isUp(res)) return res;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${name} did not answer at ${url} within ${timeoutMs} ms`);
}

/**
 * Starts a script of apps/api from source with node itself (no wrapper, so the signals a
 * test sends reach it), with `env` on top of the test's environment (an undefined value
 * removes the variable); what it prints (stdout and stderr) is collected.
 */
export function spawnApi(args: string[], env: Record<string, string | undefined>) {
  const full: NodeJS.ProcessEnv = { ...process.env, ...env };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete full[key];
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: `${ROOT}apps/api`,
    env: full,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  return { child, output: () => output };
}

/**
 * Runs a tool from apps/api/src/tools from source (what `npm run db:…` and
 * `npm run secrets:rotate` run compiled) with `env` as `spawnApi` takes it; its exit code
 * and everything it printed.
 */
export async function runApiTool(
  name: string,
  args: string[],
  env: Record<string, string | undefined>,
): Promise<{ code: number; output: string }> {
  const { child, output } = spawnApi([`src/tools/${name}.ts`, ...args], env);
  const [code] = await once(child, 'exit');
  return { code: code as number, output: output() };
}
