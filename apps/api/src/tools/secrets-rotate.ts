// `npm run secrets:rotate`: re-seals every stored integration secret (each source's
// `secret` in src/sources, services/secret-rotation.ts) under a new LEADTRACK_SECRET_KEY,
// in one transaction, and removes the database's own keys. The current key is
// LEADTRACK_SECRET_KEY (unset: values are under the database's own key, the quick start's
// default); the new one is LEADTRACK_NEW_SECRET_KEY, or `--generate` makes one and prints it.
// Stop the API first (its processes hold the old key); start it again with the new key.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { openDatabase } from '@leadtrack/db';
import { loadEnv } from '../env';
import { fail } from '../lib/tool-exit';
import {
  keyId,
  parseSecretKey,
  SECRET_KEY_BYTES,
  SecretUnreadable,
} from '../services/sealed-secrets';
import { rotateSecrets } from '../services/secret-rotation';

const USAGE = `usage: LEADTRACK_NEW_SECRET_KEY=<32 bytes, base64> npm run secrets:rotate
   or: npm run secrets:rotate -- --generate   (makes the new key and prints it once)
The current key is LEADTRACK_SECRET_KEY (unset: the database's own key).`;

const { values } = parseArgs({
  options: { generate: { type: 'boolean', default: false }, help: { type: 'boolean' } },
});
if (values.help) fail(USAGE, 0);
const config = (() => {
  try {
    return loadEnv();
  } catch (error) {
    return fail((error as Error).message, 2);
  }
})();
const given = process.env.LEADTRACK_NEW_SECRET_KEY?.trim();
if (given && values.generate) fail('Either LEADTRACK_NEW_SECRET_KEY or --generate, not both.', 2);
if (!given && !values.generate) fail(USAGE, 2);
let next: Buffer;
try {
  next = given ? parseSecretKey(given) : randomBytes(SECRET_KEY_BYTES);
} catch (error) {
  fail(`LEADTRACK_NEW_SECRET_KEY ${(error as Error).message}`, 2);
}
const current = config.LEADTRACK_SECRET_KEY ?? null;
if (current?.equals(next)) fail('The new key is the current one: nothing to rotate.', 2);

const database = await openDatabase({
  url: config.DATABASE_URL,
  dataDir: config.LEADTRACK_DATA_DIR,
  maxConnections: 2,
}).catch((error: unknown) => fail((error as Error).message, 1));
try {
  const result = await rotateSecrets(database, current, next);
  for (const { place, count } of result.rows) console.log(`${place} ${count} re-encrypted`);
  if (result.removedDatabaseKeys.length)
    console.log(`removed the database's own keys: ${result.removedDatabaseKeys.join(', ')}`);
  console.log(
    `sealed under key ${result.keyId} (was ${current ? keyId(current) : "the database's own key"})`,
  );
  if (values.generate)
    console.log(
      `Set LEADTRACK_SECRET_KEY=${next.toString('base64')} for every API process, and keep it safe: without it the stored secrets do not open.`,
    );
  else console.log('Start every API process with LEADTRACK_SECRET_KEY set to the new key.');
} catch (error) {
  await database.close();
  if (error instanceof SecretUnreadable) fail(error.message, 1);
  fail(`Nothing was changed: ${(error as Error).message}`, 1);
}
await database.close();
