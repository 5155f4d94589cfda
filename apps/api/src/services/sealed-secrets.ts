// Secrets people give the instance (a source's token, a private feed address), sealed at
// rest: AES-256-GCM (node:crypto) under a key derived with HKDF-SHA256, one per purpose, from
// - LEADTRACK_SECRET_KEY (32 bytes, base64) when it is set: the key then lives outside the
//   database it protects. Stored as `v2.<key id>.<iv>.<tag>.<ciphertext>`;
// - else an instance secret the instance makes for itself and keeps in its own database
//   (instance-secrets.ts): the embedded quick start's default. Stored as `v1.<iv>.<tag>.<ciphertext>`.
// Values sealed under the database's key still open once LEADTRACK_SECRET_KEY is set, until
// `npm run secrets:rotate` (tools/secrets-rotate.ts) re-seals them and removes that key.
// The owner's id is the additional authenticated data, so a ciphertext copied onto another
// person's row does not open. Each source declares its own purpose (in its folder under
// src/sources) and where its secret is stored (`Source.secret`).
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import type { Database } from '@leadtrack/db';
import { instanceSecret } from './instance-secrets';

/** What a sealed value is for: the instance secret its key comes from, and the HKDF info. */
export interface SealPurpose {
  secretName: string;
  info: string;
  /** Named in the error when a stored value cannot be opened. */
  label: string;
}

/** A stored value that does not open: said in a sentence a person can act on. */
export class SecretUnreadable extends Error {
  constructor(
    message: string,
    /** `key`: sealed under a key this server does not hold; `value`: altered or unknown. */
    readonly reason: 'key' | 'value' = 'key',
  ) {
    super(message);
  }
}

/** LEADTRACK_SECRET_KEY's length. */
export const SECRET_KEY_BYTES = 32;
const DATABASE_KEY = 'v1';
const ENVIRONMENT_KEY = 'v2';
const IV_BYTES = 12;

/** A key's public name (stored beside each value it seals): 8 bytes of its SHA-256. */
export function keyId(key: Buffer): string {
  return createHash('sha256')
    .update('leadtrack secret key id\0')
    .update(key)
    .digest()
    .subarray(0, 8)
    .toString('base64url');
}

/** LEADTRACK_SECRET_KEY's text as its 32 bytes; throws a sentence naming what is wrong. */
export function parseSecretKey(text: string): Buffer {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed))
    throw new Error('must be base64 (for example the output of `openssl rand -base64 32`)');
  const key = Buffer.from(trimmed, 'base64');
  if (key.length !== SECRET_KEY_BYTES)
    throw new Error(`must be ${SECRET_KEY_BYTES} bytes in base64 (it holds ${key.length})`);
  return key;
}

/** The keys a database's values are sealed and opened with. */
export interface Keyring {
  /** LEADTRACK_SECRET_KEY, or null: seal under the database's own key. */
  environment: Buffer | null;
  /** The database's own key for `name` (null when it has none); made on first use when `create`. */
  database(name: string, create: boolean): Promise<Buffer | null>;
}

/** The database's own keys (instance_secrets): what the embedded quick start seals under. */
export function databaseKeys(db: Database): Keyring['database'] {
  return async (name, create) => {
    if (create) return Buffer.from(await instanceSecret(db, name), 'base64url');
    const rows = await db.query<{ value: string }>(
      'SELECT value FROM instance_secrets WHERE name = $1',
      [name],
    );
    return rows[0] ? Buffer.from(rows[0].value, 'base64url') : null;
  };
}

const configured = new WeakMap<Database, Buffer | null>();

/** The app (or a tool) says which LEADTRACK_SECRET_KEY its database's values are sealed with. */
export function useSecretKey(db: Database, key: Buffer | undefined): void {
  configured.set(db, key ?? null);
}

function keyringOf(db: Database): Keyring {
  return { environment: configured.get(db) ?? null, database: databaseKeys(db) };
}

function derive(material: Buffer, purpose: SealPurpose): Buffer {
  return Buffer.from(hkdfSync('sha256', material, '', purpose.info, 32));
}

function encrypt(key: Buffer, ownerId: string, value: string) {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(ownerId, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64url'));
}

/** `value` sealed for `ownerId` under `keys` (the environment's key when it has one). */
export async function sealWith(
  keys: Keyring,
  purpose: SealPurpose,
  ownerId: string,
  value: string,
): Promise<string> {
  if (keys.environment)
    return [
      ENVIRONMENT_KEY,
      keyId(keys.environment),
      ...encrypt(derive(keys.environment, purpose), ownerId, value),
    ].join('.');
  const material = await keys.database(purpose.secretName, true);
  if (!material) throw new Error(`The instance secret ${purpose.secretName} could not be made.`);
  return [DATABASE_KEY, ...encrypt(derive(material, purpose), ownerId, value)].join('.');
}

/** Which key sealed `stored`: 'database', or the environment key's id; null when unknown. */
export function sealedUnder(stored: string): 'database' | string | null {
  const [version, id] = stored.split('.');
  if (version === DATABASE_KEY) return 'database';
  if (version === ENVIRONMENT_KEY && id) return id;
  return null;
}

/** The value back; throws SecretUnreadable saying why (another key, altered, another row). */
export async function unsealWith(
  keys: Keyring,
  purpose: SealPurpose,
  ownerId: string,
  stored: string,
): Promise<string> {
  const parts = stored.split('.');
  let key: Buffer;
  let rest: string[];
  if (parts[0] === ENVIRONMENT_KEY && parts.length === 5) {
    const id = parts[1];
    if (!keys.environment)
      throw new SecretUnreadable(
        `The stored ${purpose.label} was sealed under a LEADTRACK_SECRET_KEY (key id ${id}), and this server has none set: start it with that key, or connect again.`,
      );
    if (keyId(keys.environment) !== id)
      throw new SecretUnreadable(
        `The stored ${purpose.label} was sealed under another LEADTRACK_SECRET_KEY (key id ${id}; this server's is ${keyId(keys.environment)}): start it with that key, or connect again.`,
      );
    key = derive(keys.environment, purpose);
    rest = parts.slice(2);
  } else if (parts[0] === DATABASE_KEY && parts.length === 4) {
    const material = await keys.database(purpose.secretName, false);
    if (!material)
      throw new SecretUnreadable(
        `The stored ${purpose.label} was sealed under the database's own key, which is gone (npm run secrets:rotate removes it): connect again.`,
      );
    key = derive(material, purpose);
    rest = parts.slice(1);
  } else {
    throw new SecretUnreadable(`The stored ${purpose.label} is not in a known format.`, 'value');
  }
  const [iv = '', tag = '', ciphertext = ''] = rest;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(ownerId, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([
      decipher.update(Buffer.from(ciphertext, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
  } catch {
    throw new SecretUnreadable(
      `The stored ${purpose.label} does not open (altered, or not this person's): connect again.`,
      'value',
    );
  }
}

/** `v1.…` or `v2.<key id>.…`: what the owner's row stores. */
export function seal(
  db: Database,
  purpose: SealPurpose,
  ownerId: string,
  value: string,
): Promise<string> {
  return sealWith(keyringOf(db), purpose, ownerId, value);
}

/** The value back; throws SecretUnreadable when it was altered, belongs to another row or key. */
export function unseal(
  db: Database,
  purpose: SealPurpose,
  ownerId: string,
  stored: string,
): Promise<string> {
  return unsealWith(keyringOf(db), purpose, ownerId, stored);
}
