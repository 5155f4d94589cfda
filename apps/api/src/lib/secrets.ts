// Random secrets and their stored form. Secrets here are 256-bit random values, so a
// fast SHA-256 is enough to store them (argon2 is for low-entropy passwords).
import { createHash, randomBytes } from 'node:crypto';

export const PAT_PREFIX = 'lt_pat_';

export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
