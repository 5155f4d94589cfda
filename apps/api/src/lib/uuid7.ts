// UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then random bits, so ids made
// here sort by creation like the ones Prisma makes for `@default(uuid(7))`. For rows
// inserted with raw SQL, which Prisma's client-side default does not reach.
import { randomFillSync } from 'node:crypto';

const bytes = new Uint8Array(16);
const hex = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
// Random bytes drawn 4 KiB at a time: one randomFillSync per id cost an import's 10,000
// suggestion ids a tenth of a second of the event loop.
const pool = new Uint8Array(4096);
let taken = pool.length;

export function uuid7(now = Date.now()): string {
  if (taken + 10 > pool.length) {
    randomFillSync(pool);
    taken = 0;
  }
  bytes.set(pool.subarray(taken, taken + 10), 6);
  taken += 10;
  // 48-bit big-endian milliseconds (Number holds them exactly).
  let ms = now;
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = 0x70 | ((bytes[6] as number) & 0x0f); // version 7
  bytes[8] = 0x80 | ((bytes[8] as number) & 0x3f); // variant 10
  let s = '';
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) s += '-';
    s += hex[bytes[i] as number];
  }
  return s;
}
