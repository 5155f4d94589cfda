// Secrets people give the instance (a source's token, a private feed address), sealed at
// rest: AES-256-GCM (node:crypto) under a key derived with HKDF-SHA256 from an instance
// secret the instance makes for itself and keeps in its database (instance-secrets.ts), one
// per purpose. The owner's id is the additional authenticated data, so a ciphertext copied
// onto another person's row does not open. Each source declares its own purpose (in its
// folder under src/sources).
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { Database } from '@leadtrack/db';
import { instanceSecret } from './instance-secrets';

/** What a sealed value is for: the instance secret its key comes from, and the HKDF info. */
export interface SealPurpose {
  secretName: string;
  info: string;
  /** Named in the error when a stored value cannot be opened. */
  label: string;
}

const VERSION = 'v1';
const IV_BYTES = 12;

// One derived key per database and purpose (an API process has one database; tests several).
const keys = new WeakMap<Database, Map<string, Promise<Buffer>>>();

function keyFor(db: Database, purpose: SealPurpose): Promise<Buffer> {
  let byPurpose = keys.get(db);
  if (!byPurpose) {
    byPurpose = new Map();
    keys.set(db, byPurpose);
  }
  let key = byPurpose.get(purpose.secretName);
  if (!key) {
    key = instanceSecret(db, purpose.secretName).then((secret) =>
      // instanceSecret answers 48 random bytes as base64url.
      Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'base64url'), '', purpose.info, 32)),
    );
    key.catch(() => byPurpose.delete(purpose.secretName));
    byPurpose.set(purpose.secretName, key);
  }
  return key;
}

/** `v1.<iv>.<tag>.<ciphertext>`, each base64url: what the owner's row stores. */
export async function seal(
  db: Database,
  purpose: SealPurpose,
  ownerId: string,
  value: string,
): Promise<string> {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', await keyFor(db, purpose), iv);
  cipher.setAAD(Buffer.from(ownerId, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), ciphertext]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

/** The value back; throws when the stored value was altered or belongs to another row. */
export async function unseal(
  db: Database,
  purpose: SealPurpose,
  ownerId: string,
  stored: string,
): Promise<string> {
  const [version, iv, tag, ciphertext] = stored.split('.');
  if (version !== VERSION || !iv || !tag || ciphertext === undefined)
    throw new Error(`The stored ${purpose.label} is not in a known format.`);
  const decipher = createDecipheriv(
    'aes-256-gcm',
    await keyFor(db, purpose),
    Buffer.from(iv, 'base64url'),
  );
  decipher.setAAD(Buffer.from(ownerId, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([
    decipher.update(Buffer.from(ciphertext, 'base64url')),
    decipher.final(),
  ]).toString('utf8');
}
