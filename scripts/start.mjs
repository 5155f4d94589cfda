#!/usr/bin/env node
// `npm start`: builds what needs building, applies migrations when DATABASE_URL points at
// Postgres (the embedded database migrates itself), then runs the API and the dashboard.
// `--api-only` runs the API alone. SIGINT/SIGTERM stop both children cleanly.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const apiOnly = process.argv.includes('--api-only');
const apiPort = process.env.API_PORT ?? '3001';
const webPort = process.env.WEB_PORT ?? '3000';
const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: '1',
  TURBO_TELEMETRY_DISABLED: '1',
  API_PORT: apiPort,
  WEB_PORT: webPort,
  API_URL: process.env.API_URL ?? `http://127.0.0.1:${apiPort}`,
  WEB_ORIGIN: process.env.WEB_ORIGIN ?? `http://localhost:${webPort}`,
};

function runStep(label, command, args) {
  console.log(`[leadtrack] ${label}`);
  const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`[leadtrack] ${label} failed`);
    process.exit(result.status ?? 1);
  }
}

const bin = (name) => `${root}node_modules/.bin/${name}`;

runStep('building', bin('turbo'), [
  'run',
  'build',
  '--output-logs=errors-only',
  ...(apiOnly ? ['--filter=@leadtrack/api...'] : []),
]);
if (process.env.DATABASE_URL) runStep('applying migrations', bin('prisma'), ['migrate', 'deploy']);
else console.log('[leadtrack] DATABASE_URL is unset: using the embedded database (.data/)');

const children = [];
function start(name, command, args, cwd) {
  const child = spawn(command, args, { cwd, env, stdio: 'inherit' });
  child.on('exit', (code, signal) => {
    children.splice(children.indexOf(child), 1);
    if (!stopping) {
      console.error(`[leadtrack] ${name} exited (${signal ?? code}); stopping`);
      stop('SIGTERM', code ?? 1);
    } else if (children.length === 0) {
      process.exit(exitCode);
    }
  });
  children.push(child);
}

let stopping = false;
let exitCode = 0;
function stop(signal, code = 0) {
  if (stopping) return;
  stopping = true;
  exitCode = code;
  for (const child of children) child.kill(signal);
  if (children.length === 0) process.exit(exitCode);
}
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));

start('API', bin('tsx'), ['src/server.ts'], `${root}apps/api`);
if (!apiOnly) {
  // apps/web/server.ts: `next start` plus the visitor's real address for the API's rate
  // limits. It listens on WEB_HOST (default 127.0.0.1) and WEB_PORT.
  start('dashboard', bin('tsx'), ['server.ts'], `${root}apps/web`);
  console.log(`[leadtrack] dashboard on http://localhost:${webPort}, API on ${env.API_URL}`);
}
