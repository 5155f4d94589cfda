// UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. Prisma makes
// these for `@default(uuid(7))` columns; rows inserted with raw SQL take theirs from here,
// so ids keep sorting by creation time whichever path wrote them.
import { randomBytes } from 'node:crypto';

export function uuid7(now: number = Date.now()): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = 0x70 | ((bytes[6] ?? 0) & 0x0f);
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
