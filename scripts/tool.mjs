#!/usr/bin/env node
// `npm run db:move|db:backup|db:restore|secrets:rotate -- …`: builds the API if it is missing or stale
// (turbo, quietly), then runs its compiled tool (apps/api/dist/<name>.js) with the
// arguments, and exits with its code.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const [name, ...args] = process.argv.slice(2);
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1' };
const built = spawnSync(
  `${root}node_modules/.bin/turbo`,
  ['run', 'build', '--filter=@leadtrack/api...', '--output-logs=errors-only', '--log-prefix=none'],
  { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] },
);
if (built.status !== 0) {
  console.error('[leadtrack] building the API failed: run npm run build to see why');
  process.exit(built.status ?? 1);
}
const run = spawnSync(process.execPath, [`${root}apps/api/dist/${name}.js`, ...args], {
  // npm runs scripts at the root: file arguments are relative to where it was typed.
  cwd: process.env.INIT_CWD ?? process.cwd(),
  env,
  stdio: 'inherit',
});
process.exit(run.status ?? 1);
