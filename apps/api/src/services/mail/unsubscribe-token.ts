// The signed token of a one-click unsubscribe link: who (a user id) and which kind of
// message, with an HMAC-SHA256 over both under a key the instance makes for itself
// (instance-secrets.ts), so a link works without signing in and cannot be forged for
// someone else. Tokens do not expire: an old message's link must still work.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Database } from '@leadtrack/db';
import { MESSAGE_KINDS, type MessageKind } from '@leadtrack/schemas';
import { instanceSecret } from '../instance-secrets';

const SECRET_NAME = 'unsubscribe-links';
const keys = new WeakMap<Database, Promise<string>>();

function keyOf(db: Database): Promise<string> {
  let key = keys.get(db);
  if (!key) {
    key = instanceSecret(db, SECRET_NAME);
    // A failed read (database down) is not kept: the next message tries again.
    key.catch(() => keys.delete(db));
    keys.set(db, key);
  }
  return key;
}

function mac(key: string, payload: string): Buffer {
  return createHmac('sha256', key).update(payload).digest();
}

export async function signUnsubscribeToken(
  db: Database,
  userId: string,
  kind: MessageKind,
): Promise<string> {
  const payload = Buffer.from(`${userId}:${kind}`).toString('base64url');
  return `${payload}.${mac(await keyOf(db), payload).toString('base64url')}`;
}

/** The user and kind a token names, or null when it is malformed or not ours. */
export async function verifyUnsubscribeToken(
  db: Database,
  token: string,
): Promise<{ userId: string; kind: MessageKind } | null> {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return null;
  const expected = mac(await keyOf(db), payload);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const decoded = Buffer.from(payload, 'base64url').toString();
  const at = decoded.lastIndexOf(':');
  const userId = decoded.slice(0, at);
  const kind = decoded.slice(at + 1) as MessageKind;
  if (at <= 0 || !MESSAGE_KINDS.includes(kind)) return null;
  return { userId, kind };
}
