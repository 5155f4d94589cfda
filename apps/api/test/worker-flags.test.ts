// Production runs the API with V8's options (scripts/api-node.mjs), which a worker thread
// refuses in its execArgv (ERR_WORKER_INVALID_EXEC_ARGV): the parse pool must still start.
// The pool is started here in a node process run with exactly those flags.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { API_NODE_FLAGS } from '../../../scripts/api-node.mjs';

const API_DIR = fileURLToPath(new URL('..', import.meta.url));
const POOL = new URL('../src/services/imports/parse-pool.ts', import.meta.url).href;

describe('worker threads under the production flags', () => {
  it('parses a file in the parse pool', () => {
    const dir = mkdtempSync(join(tmpdir(), 'leadtrack-worker-'));
    const file = join(dir, 'parse.mts');
    writeFileSync(
      file,
      `
      import { parseInWorker } from '${POOL}';
      const parsed = await parseInWorker({
        format: 'csv',
        content: 'date,title,kinds\\n2026-11-02,Reviewed the queue RFC,review\\n',
        timeZone: 'UTC',
        email: 'a@example.com',
        today: '2026-12-07',
      });
      console.log(JSON.stringify({ entries: parsed.entries.length, errors: parsed.errors.length }));
      process.exit(0);`,
    );
    const run = spawnSync(process.execPath, [...API_NODE_FLAGS, '--import', 'tsx', file], {
      cwd: API_DIR,
      encoding: 'utf8',
      timeout: 60_000,
    });
    rmSync(dir, { recursive: true, force: true });
    expect(API_NODE_FLAGS.some((flag) => flag.startsWith('--max-semi-space-size'))).toBe(true);
    expect(run.stderr).not.toContain('ERR_WORKER_INVALID_EXEC_ARGV');
    expect(run.stdout.trim(), run.stderr).toBe(JSON.stringify({ entries: 1, errors: 0 }));
  });
});
