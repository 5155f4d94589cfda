// The global setup's part for the CLI tests: they run the compiled command (dist/), so it is
// compiled first whenever its source is newer than the last build.
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../packages/cli/', import.meta.url));
const TSC = fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url));

function newestMtime(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const stat = statSync(join(dir, name));
    if (stat.isFile()) newest = Math.max(newest, stat.mtimeMs);
  }
  return newest;
}

/**
 * Compiles the CLI (its `build` script: tsc to dist/) when dist/ is missing or older than
 * src/, so the tests always run the current code. Called once per run by the global setup.
 */
export function buildCliIfStale() {
  const built = join(CLI, 'dist', 'cli', 'src', 'main.js');
  let builtAt = 0;
  try {
    builtAt = statSync(built).mtimeMs;
  } catch {
    // not built yet
  }
  const sources = Math.max(
    newestMtime(join(CLI, 'src')),
    statSync(join(CLI, '../core/src/kinds.ts')).mtimeMs,
  );
  if (builtAt >= sources) return;
  execFileSync(process.execPath, [TSC, '-p', CLI], {
    stdio: 'inherit',
  });
}
