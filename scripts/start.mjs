#!/usr/bin/env node
// `npm start`: builds what is missing or stale (turbo: the Prisma client, the compiled API,
// the dashboard), migrates PostgreSQL when DATABASE_URL is set (the embedded database
// migrates itself), then runs the API and the dashboard as compiled JavaScript with `node`.
// `--api-only` (`npm run start:api`) runs the API alone.
//
// Signals: the servers run in process groups of their own, so a signal to this launcher's
// group (a terminal's Ctrl-C, `kill -- -PGID`) reaches them once, passed on from here; a
// repeated signal (npm forwards its own copy) changes nothing. They also hold an IPC channel
// to this process and stop when it closes, so they never outlive the launcher.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { API_NODE_FLAGS, apiNodeEnv } from './api-node.mjs';

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
const say = (line) => console.log(`[leadtrack] ${line}`);
const bin = (name) => `${root}node_modules/.bin/${name}`;

let stopping = false;
let exitCode = 0;
const children = [];

function runStep(label, command, args) {
  say(label);
  const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`[leadtrack] ${label} failed`);
    process.exit(result.status ?? 1);
  }
}

// A first build (the dashboard's above all) takes a minute or more: turbo shows each
// task's own output as it runs; what is already built comes from its cache at once.
const firstBuild = !existsSync(`${root}apps/api/dist/server.js`);
runStep(
  firstBuild ? 'building (the first build takes a minute or two)' : 'building what changed',
  bin('turbo'),
  [
    'run',
    'build',
    '--output-logs=new-only',
    ...(apiOnly
      ? ['--filter=@leadtrack/api...']
      : ['--filter=@leadtrack/api...', '--filter=@leadtrack/web...']),
  ],
);
if (process.env.DATABASE_URL)
  runStep('applying migrations', process.execPath, [`${root}apps/api/dist/migrate.js`]);
else
  say(
    `DATABASE_URL is unset: using the embedded database (${process.env.LEADTRACK_DATA_DIR ?? '.data/'})`,
  );

function start(name, cwd, flags = ['--enable-source-maps'], childEnv = env) {
  const child = spawn(process.execPath, [...flags, 'dist/server.js'], {
    cwd,
    env: childEnv,
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    detached: true,
  });
  child.on('exit', (code, signal) => {
    children.splice(children.indexOf(child), 1);
    if (!stopping) {
      console.error(`[leadtrack] ${name} exited (${signal ?? code}); stopping`);
      stop('SIGTERM', code || 1);
    } else {
      if (code !== 0) exitCode ||= code ?? 1;
      if (children.length === 0) process.exit(exitCode);
    }
  });
  children.push(child);
  return child;
}

function stop(signal, code = 0) {
  if (stopping) return; // one signal passed on, never a second
  stopping = true;
  exitCode = code;
  say(`stopping (${signal})`);
  for (const child of children) child.kill(signal);
  if (children.length === 0) process.exit(exitCode);
}
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGHUP', () => stop('SIGTERM'));

async function answers(url) {
  try {
    const res = await fetch(url, { redirect: 'manual' });
    await res.body?.cancel();
    return res.status < 500;
  } catch {
    return false;
  }
}

/** Polls until every URL answers (below 500), or a child exits first. */
async function waitFor(urls) {
  while (!stopping) {
    if ((await Promise.all(urls.map(answers))).every(Boolean)) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

/** Where this machine reaches a server listening on `host` (any address: loopback). */
function local(host, port) {
  if (!host || host === '0.0.0.0' || host === '::') return `http://127.0.0.1:${port}`;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

start('API', `${root}apps/api`, API_NODE_FLAGS, apiNodeEnv(env));
const apiUrl = local(process.env.API_HOST, apiPort);
if (apiOnly) {
  if (await waitFor([`${apiUrl}/readyz`])) say(`API on ${apiUrl}`);
} else {
  // apps/web/dist/server.js: `next start` plus the visitor's real address for the API's
  // rate limits. It listens on WEB_HOST (default 127.0.0.1) and WEB_PORT.
  start('dashboard', `${root}apps/web`);
  const webUrl = local(process.env.WEB_HOST, webPort);
  if (await waitFor([`${apiUrl}/readyz`, `${webUrl}/login`]))
    say(`dashboard on http://localhost:${webPort}, API on ${env.API_URL}`);
}
