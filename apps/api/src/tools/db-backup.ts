// `npm run db:backup -- <file>`: a consistent copy of the embedded database
// (LEADTRACK_DATA_DIR) as a gzipped tar, while the API runs (it makes the copy and hands it
// over its backup socket, lib/backup-socket.ts) or, when no API holds the folder, by
// opening it here. PostgreSQL is backed up with pg_dump instead.
import { rename, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { openDatabase } from '@leadtrack/db';
import { loadEnv } from '../env';
import { backupSocketPath } from '../lib/backup-socket';
import { fail } from '../lib/tool-exit';

const [file] = process.argv.slice(2);
if (!file) fail('usage: npm run db:backup -- <file>', 2);
const config = loadEnv();
if (config.DATABASE_URL) fail('DATABASE_URL is set: back PostgreSQL up with pg_dump.', 2);
const dataDir = config.LEADTRACK_DATA_DIR;

function fromRunningApi(): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(backupSocketPath(dataDir));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => resolve(Buffer.concat(chunks)));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'ECONNREFUSED') resolve(null);
      else reject(error);
    });
  });
}

async function fromFolder(): Promise<Buffer> {
  const database = await openDatabase({ dataDir });
  try {
    const blob = await database.dumpDataDir?.();
    if (!blob) throw new Error('not an embedded database');
    return Buffer.from(await blob.arrayBuffer());
  } finally {
    await database.close();
  }
}

const viaApi = await fromRunningApi();
const data = viaApi ?? (await fromFolder());
if (data.length === 0) fail('The running API sent no backup: see its log.', 1);
await writeFile(`${file}.partial`, data, { mode: 0o600 });
await rename(`${file}.partial`, file);
console.log(
  `backed up ${dataDir} to ${file} (${data.length} bytes, ${viaApi ? 'from the running API' : 'the API was not running'})`,
);
