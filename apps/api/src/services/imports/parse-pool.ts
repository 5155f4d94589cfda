// Files are parsed in a worker thread (piscina), so the event loop keeps answering other
// requests while a 5 MiB file is read. The worker is `parse.worker.ts` beside this module,
// found from source (tsx, vitest: the .ts file with tsx's loader) and compiled alike
// (`dist/parse.worker.js` beside `dist/server.js`): lib/worker-file.ts. One pool per
// process, its threads started on first use and ended when idle.
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { workerFile } from '../../lib/worker-file';
import type { ParsedImport, ParseInput } from './parse-file';

let pool: Piscina<ParseInput, ParsedImport> | undefined;

function parsePool(): Piscina<ParseInput, ParsedImport> {
  if (!pool) {
    const { filename, execArgv } = workerFile('parse', import.meta.url);
    pool = new Piscina({
      filename,
      execArgv,
      minThreads: 0,
      // One core is left to the event loop (and Postgres) on a small machine.
      maxThreads: Math.max(1, Math.min(4, availableParallelism() - 1)),
      idleTimeout: 30_000,
      // A file that would take more memory than this fails alone, not the API.
      resourceLimits: { maxOldGenerationSizeMb: 1024 },
    });
  }
  return pool;
}

/** parseFile in a worker thread. */
export function parseInWorker(input: ParseInput): Promise<ParsedImport> {
  return parsePool().run(input);
}
