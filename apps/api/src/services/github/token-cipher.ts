// GitHub tokens at rest: AES-256-GCM (node:crypto) under a key derived with HKDF-SHA256 from
// the instance secret `github-token-key`, which the instance makes for itself and keeps in
// its database (services/instance-secrets.ts). The owner's id is the additional
// authenticated data, so a ciphertext copied onto another person's row does not decrypt.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { Database } from '@leadtrack/db';
import { instanceSecret } from '../instance-secrets';

const SECRET_NAME = 'github-token-key';
const VERSION = 'v1';
const IV_BYTES = 12;

// One derived key per database (an API process has one; tests have several).
const keys = new WeakMap<Database, Promise<Buffer>>();

function keyFor(db: Database): Promise<Buffer> {
  let key = keys.get(db);
  if (!key) {
    key = instanceSecret(db, SECRET_NAME).then((secret) =>
      // instanceSecret answers 48 random bytes as base64url.
      Buffer.from(
        hkdfSync('sha256', Buffer.from(secret, 'base64url'), '', 'leadtrack github token v1', 32),
      ),
    );
    key.catch(() => keys.delete(db));
    keys.set(db, key);
  }
  return key;
}

/** `v1.<iv>.<tag>.<ciphertext>`, each base64url: what `github_integrations` stores. */
export async function encryptToken(db: Database, userId: string, token: string): Promise<string> {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', await keyFor(db), iv);
  cipher.setAAD(Buffer.from(userId, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), ciphertext]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

/** The token back; throws when the stored value was altered or belongs to another row. */
export async function decryptToken(db: Database, userId: string, stored: string): Promise<string> {
  const [version, iv, tag, ciphertext] = stored.split('.');
  if (version !== VERSION || !iv || !tag || ciphertext === undefined)
    throw new Error('The stored GitHub token is not in a known format.');
  const decipher = createDecipheriv('aes-256-gcm', await keyFor(db), Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(userId, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([
    decipher.update(Buffer.from(ciphertext, 'base64url')),
    decipher.final(),
  ]).toString('utf8');
}
