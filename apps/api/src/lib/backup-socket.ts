// db:backup while the API runs on the embedded database: only this process may open the
// folder (its lock), so the copy is made here, by PGlite's own dump, and handed over a Unix
// socket in a folder only this user can enter. The tool (tools/db-backup.ts) connects,
// reads the gzipped tar to the end, and writes it out.
import { createHash } from 'node:crypto';
import { mkdir, stat, unlink } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Database } from '@leadtrack/db';
import type { FastifyBaseLogger } from 'fastify';

/** Where the API on the embedded database in `dataDir` offers its backups. */
export function backupSocketPath(dataDir: string): string {
  const key = createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 16);
  const uid = process.getuid?.() ?? 'user';
  return join(tmpdir(), `leadtrack-${uid}-${key}`, 'backup.sock');
}

/** Serves backups of `database` until the returned function closes the socket. */
export async function serveBackups(
  database: Database,
  dataDir: string,
  log: FastifyBaseLogger,
): Promise<() => Promise<void>> {
  const dump = database.dumpDataDir;
  if (!dump) return async () => {};
  const path = backupSocketPath(dataDir);
  const folder = join(path, '..');
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const owner = await stat(folder);
  if (owner.uid !== process.getuid?.() || (owner.mode & 0o077) !== 0) {
    log.warn(
      { folder },
      "the backup folder is not this user's alone: db:backup needs the API stopped",
    );
    return async () => {};
  }
  // We hold the data folder's lock: a socket left here is a crashed predecessor's.
  await unlink(path).catch(() => {});
  const server = createServer((socket) => {
    socket.on('error', () => {});
    dump()
      .then(async (blob) => {
        socket.end(Buffer.from(await blob.arrayBuffer()));
      })
      .catch((err: unknown) => {
        log.error({ err }, 'backup failed');
        socket.destroy();
      });
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(path, done);
  });
  return () => new Promise<void>((done) => server.close(() => done()));
}
