// Optimistic concurrency over HTTP: a resource's version travels as a strong ETag and comes
// back in If-Match (evidence entries, the working agreement).
import type { FastifyReply } from 'fastify';
import { invalidField } from './problem';

/** The strong ETag of a versioned resource (an entry, an agreement): its version, quoted. */
export const etagOf = (entry: { version: number }) => `"${entry.version}"`;

/** Answers a versioned resource with its ETag; `body` is what is sent (the resource itself). */
export const sendVersioned = (
  reply: FastifyReply,
  resource: { version: number },
  body = resource,
) => reply.header('etag', etagOf(resource)).send(body);

/**
 * If-Match as versions: `"3"` (the ETag as sent), a bare `3`, a list `"3", "4"`, or `*`
 * (any current entry). Weak tags (W/"3") never match an If-Match (RFC 9110 §13.1.1), and
 * anything else is not a version: 400 rather than a 412 that no retry could cure.
 */
export function parseIfMatch(header: string | undefined): number[] | '*' | null {
  if (header === undefined) return null;
  const value = header.trim();
  if (value === '*') return '*';
  const versions: number[] = [];
  for (const part of value.split(',')) {
    const match = /^(?:"(\d{1,9})"|(\d{1,9})|W\/"\d{1,9}")$/.exec(part.trim());
    if (!match) {
      throw invalidField('if-match', 'Expected the entry version as sent in ETag, e.g. "3"');
    }
    const digits = match[1] ?? match[2];
    if (digits !== undefined) versions.push(Number(digits));
  }
  return versions;
}
