// Runs the real `leadtrack` command (packages/cli/bin/leadtrack.js, the file npm links as the
// bin) as a child process, with its own HOME and config folder, against an API that listens
// on a real socket.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect } from 'vitest';
import { call, TEST_PASSWORD, type TestUser } from './http';
import type { TestApp } from './test-app';

export const CLI_BIN = fileURLToPath(
  new URL('../../packages/cli/bin/leadtrack.js', import.meta.url),
);

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** Piped to stdin (then closed); stdin is empty otherwise. */
  input?: string;
  /** On top of the home's variables; a value of undefined removes one. */
  env?: Record<string, string | undefined>;
}

// Every home a test file made, removed after the file (cliHome is also called inside tests,
// where a hook cannot be registered).
const homes: string[] = [];
afterAll(() => {
  for (const home of homes.splice(0)) rmSync(home, { recursive: true, force: true });
});

/**
 * A person's machine for the CLI: an empty HOME and XDG_CONFIG_HOME under a temporary
 * folder (removed after the file), and `run` to start the command there.
 */
export function cliHome(options: { xdg?: boolean } = {}) {
  const home = mkdtempSync(join(tmpdir(), 'leadtrack-cli-'));
  homes.push(home);
  const configHome = options.xdg === false ? join(home, '.config') : join(home, 'xdg');
  const baseEnv: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: home,
    ...(options.xdg !== false && { XDG_CONFIG_HOME: configHome }),
    LANG: 'C.UTF-8',
  };
  return {
    home,
    configFile: join(configHome, 'leadtrack', 'config.json'),
    run: (args: string[], opts: CliOptions = {}) =>
      runCli(args, { ...opts, env: { ...baseEnv, ...opts.env } }),
  };
}

/** One invocation; resolves when the process exits (never rejects on a non-zero exit). */
export async function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  const env = Object.fromEntries(
    Object.entries(options.env ?? { PATH: process.env.PATH }).filter(([, v]) => v !== undefined),
  ) as Record<string, string>;
  const child = spawn(process.execPath, [CLI_BIN, ...args], { env, stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  child.stdin.end(options.input ?? '');
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

/** Asserts a failure: the exit code, and one `leadtrack: …` line (then field lines) on stderr. */
export function expectCliFailure(result: CliResult, code: number, message: RegExp) {
  expect(result.code, result.stderr || result.stdout).toBe(code);
  expect(result.stderr).toMatch(/^leadtrack: /);
  expect(result.stderr.split('\n')[0]).toMatch(message);
  expect(result.stderr).not.toMatch(/\n[ \t]+at /); // no stack trace
  expect(result.stdout).toBe('');
}

/** Asserts the API refused several fields: exit 1, a first line, then each message on its own. */
export function expectFieldErrors(result: CliResult, messages: string[]) {
  expect(result.code, result.stderr).toBe(1);
  expect(result.stdout).toBe('');
  expect(result.stderr.split('\n')).toEqual([
    `leadtrack: The API refused ${messages.length} fields:`,
    ...messages.map((message) => `  ${message}`),
    '',
  ]);
}

/** Makes the test app listen on a loopback port; its address as the README's examples give it. */
export async function listenOn(app: TestApp): Promise<string> {
  if (!app.server.listening) await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

/** A personal access token of `user`, as `leadtrack login` takes it. */
export async function personalToken(app: TestApp, user: TestUser, name = 'cli test') {
  const made = await call(app, 'POST', '/api/v1/me/tokens', {
    token: user,
    body: { name, currentPassword: TEST_PASSWORD },
  });
  expect(made.status, made.text).toBe(201);
  return made.body.token as string;
}
