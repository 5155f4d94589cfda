// Serialised response bodies kept per process, for hot reads whose answer is a function of
// data versions the request reads anyway (readiness: users.data_version, bumped by database
// triggers on every change to what it reads; the evidence page: the owner's data_version).
// The key names every input of the answer, so an entry can only be found while it is still
// the right answer, in any API process; a warm request then costs its reads of versions and
// writing a string, not a computation and a serialisation of ~25 KB.
//
// The key's hash is also the answer's strong ETag: a client sending it back in
// If-None-Match gets a 304 without a body.
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { LruCache } from './lru-cache';
import { perDatabase } from './per-database';

export interface CachedBody {
  body: string;
  etag: string;
}

export const BODY_CACHE_ENTRIES = 4_000;
export const BODY_CACHE_BYTES = 64 * 1024 * 1024;

export class BodyCache extends LruCache<CachedBody> {
  constructor(maxEntries = BODY_CACHE_ENTRIES, maxBytes = BODY_CACHE_BYTES) {
    // UTF-16 strings: two bytes a character, plus the key's share.
    super(maxEntries, maxBytes, (value) => value.body.length * 2 + 64);
  }

  /** The cached body under `key`, or `make`'s, serialised and kept. */
  async getOrMake(key: string, make: () => Promise<string> | string): Promise<CachedBody> {
    const hit = this.get(key);
    if (hit) return hit;
    const made = { body: await make(), etag: etagOfKey(key) };
    this.set(key, made);
    return made;
  }
}

/** The process's body cache for `db` (one per database client). */
export const bodyCacheOf = perDatabase(() => new BodyCache());

function etagOfKey(key: string): string {
  return `"${createHash('sha256').update(key).digest('base64url').slice(0, 27)}"`;
}

/** The 304 a route with a cached body documents. */
export const NOT_MODIFIED = {
  304: z.null().describe('Not modified (If-None-Match held the ETag)'),
};

// Weak comparison (RFC 9110 13.1.2): a W/ prefix does not matter; `*` matches any.
function notModified(header: string, etag: string): boolean {
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}

/**
 * Sends a cached JSON body as is (no serialiser runs on a string with a JSON content type),
 * with its ETag; a 304 without a body when If-None-Match names that ETag.
 */
export function sendBody(request: FastifyRequest, reply: FastifyReply, cached: CachedBody) {
  reply.header('etag', cached.etag);
  const match = request.headers['if-none-match'];
  if (match !== undefined && notModified(match, cached.etag)) {
    return reply.code(304).send();
  }
  return reply.type('application/json; charset=utf-8').send(cached.body);
}
