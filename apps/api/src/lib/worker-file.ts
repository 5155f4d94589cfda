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

// V8's options apply to the whole process, workers included, and a worker given one in its
// execArgv refuses to start (ERR_WORKER_INVALID_EXEC_ARGV): production runs the API with
// some (scripts/api-node.mjs), so the thread gets the process's node options without them.
const V8_OPTION = /^--(max-semi-space-size|max-old-space-size|optimize-for-size)(=|$)/;

/** The process's node options a worker thread accepts. */
export function workerExecArgv(): string[] {
  return process.execArgv.filter((arg) => !V8_OPTION.test(arg));
}

/** The worker `<name>.worker.*` for the module at `callerUrl` (its `import.meta.url`). */
export function workerFile(name: string, callerUrl: string): WorkerFile {
  const source = callerUrl.endsWith('.ts');
  const execArgv = workerExecArgv();
  return {
    filename: fileURLToPath(new URL(`./${name}.worker.${source ? 'ts' : 'js'}`, callerUrl)),
    execArgv: source ? [...execArgv, '--import', 'tsx'] : execArgv,
  };
}
