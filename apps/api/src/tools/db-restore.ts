// `npm run db:restore -- <file>`: a db:backup file into LEADTRACK_DATA_DIR, which must be
// missing or empty; then migrated to this version. Start the API on that folder after.
import { readFile } from 'node:fs/promises';
import { restoreEmbedded } from '@leadtrack/db';
import { loadEnv } from '../env';
import { fail } from '../lib/tool-exit';

const [file] = process.argv.slice(2);
if (!file) fail('usage: npm run db:restore -- <file>   (into LEADTRACK_DATA_DIR, empty)', 2);
const config = loadEnv();
if (config.DATABASE_URL) fail('DATABASE_URL is set: db:restore restores the embedded database.', 2);
const data = await readFile(file).catch(() => fail(`Cannot read ${file}.`, 2));
try {
  await restoreEmbedded(config.LEADTRACK_DATA_DIR, new Blob([data]));
} catch (error) {
  fail((error as Error).message, 1);
}
console.log(`restored ${file} into ${config.LEADTRACK_DATA_DIR}`);
