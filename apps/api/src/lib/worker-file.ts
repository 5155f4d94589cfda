// Where a worker thread's code is, from the source (tsx, vitest) and compiled alike. A
// worker is a file `src/…/<name>.worker.ts` beside the module that starts it; the build
// (scripts/compile.mjs) turns it into `dist/<name>.worker.js` beside `dist/server.js`,
// which is then that module's own import.meta.url (the bundle has no chunks).
import { fileURLToPath } from 'node:url';

export interface WorkerFile {
  /** The worker's file: piscina's `filename`, or `new Worker(filename, …)`. */
  filename: string;
  /** The thread's node options: from the source, tsx's loader so it can run TypeScript. */
  execArgv: string[];
}

/** The worker `<name>.worker.*` for the module at `callerUrl` (its `import.meta.url`). */
export function workerFile(name: string, callerUrl: string): WorkerFile {
  const source = callerUrl.endsWith('.ts');
  return {
    filename: fileURLToPath(new URL(`./${name}.worker.${source ? 'ts' : 'js'}`, callerUrl)),
    execArgv: source ? [...process.execArgv, '--import', 'tsx'] : [...process.execArgv],
  };
}
