// Starting and stopping the API and the dashboard for browser tests: used once per run by
// global-setup.ts, and by tests that need a second pair with other settings. Both run as
// production runs them: compiled JavaScript under plain `node` (global-setup.ts compiles
// the current source first).
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { API_NODE_FLAGS, apiNodeEnv } from '../../scripts/api-node.mjs';
import { freePort, ROOT, waitUntilUp } from '../support/processes';

export { freePort } from '../support/processes';

export const root = ROOT;
export const webDir = `${root}apps/web`;
export const bin = (name: string) => `${root}node_modules/.bin/${name}`;

/**
 * Compiles the API and the dashboard's server (scripts/compile.mjs, about a second each)
 * so the tests run the code as it is now, not an older dist/.
 */
export function compileServers() {
  for (const app of ['api', 'web'])
    execFileSync(process.execPath, [`${root}scripts/compile.mjs`, app], { stdio: 'inherit' });
}

/**
 * Runs `node dist/server.js` in `cwd` (its output prefixed with `[name]`) with node's
 * `flags` and waits until `url` + `readyPath` answers below 500.
 */
async function startCompiled(
  name: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
  url: string,
  readyPath: string,
  flags: readonly string[] = ['--enable-source-maps'],
): Promise<Running> {
  const child = spawn(process.execPath, [...flags, 'dist/server.js'], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = `[${name}] `;
  child.stdout?.on('data', (chunk: Buffer) => {
    if (process.env.BROWSER_TEST_LOGS) process.stdout.write(prefix + chunk.toString());
  });
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(prefix + chunk.toString()));
  await waitUntilUp(`${url}${readyPath}`, {
    child,
    name,
    timeoutMs: 120_000,
    isUp: (res) => res.status < 500,
  });
  return { child, url };
}

export function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
    }, 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export interface Running {
  child: ChildProcess;
  url: string;
}

/** The compiled API on a free port over `databaseUrl`, answering /readyz. */
export async function startApi(
  databaseUrl: string,
  webUrl: string,
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<Running> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // As production runs it: node's flags and environment from scripts/api-node.mjs.
  return startCompiled(
    'API',
    `${root}apps/api`,
    apiNodeEnv({
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      API_HOST: '127.0.0.1',
      API_PORT: String(port),
      LOG_LEVEL: 'warn',
      AUTH_RATE_LIMIT: '1000',
      WEB_ORIGIN: webUrl,
      // The GitHub and calendar stand-ins listen on loopback.
      OUTBOUND_ALLOW: '127.0.0.1',
      ...extraEnv,
    }),
    url,
    '/readyz',
    API_NODE_FLAGS,
  );
}

/**
 * The built dashboard as production runs it (apps/web/dist/server.js: `next start` plus the
 * visitor's real address), on `port`, talking to `apiUrl`.
 */
export async function startWeb(
  apiUrl: string,
  port: number,
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<Running> {
  // localhost (not 127.0.0.1): browsers treat it as a secure context, so the Secure
  // cookies production sets work over plain http.
  const url = `http://localhost:${port}`;
  const env = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: '1',
    NODE_ENV: 'production',
    API_URL: apiUrl,
    WEB_PORT: String(port),
    ...extraEnv,
  };
  return startCompiled('dashboard', webDir, env, url, '/login');
}
