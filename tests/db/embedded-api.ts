// The real API process (apps/api/src/server.ts) on an embedded database folder.
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { spawnApi } from '../support/processes';

export interface EmbeddedApi {
  child: ChildProcess;
  /** Resolves with the exit code and signal. */
  exited: Promise<[number | null, NodeJS.Signals | null]>;
  /** What it printed (stdout and stderr): for failure messages. */
  output(): string;
  url: string;
}

/**
 * Starts the API on the folder `dataDir`, listening on `port`, without DATABASE_URL; `env`
 * goes on top (a value of undefined removes a variable). The caller stops it.
 */
export function startEmbeddedApi(
  dataDir: string,
  port: number,
  env: Record<string, string | undefined> = {},
): EmbeddedApi {
  const { child, output } = spawnApi(['src/server.ts'], {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    API_PORT: String(port),
    LEADTRACK_DATA_DIR: dataDir,
    DATABASE_URL: undefined,
    ...env,
  });
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  return { child, exited, output, url: `http://127.0.0.1:${port}` };
}
