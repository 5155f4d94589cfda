// Logging evidence. Anyone signed in logs entries for themselves only: the owner is always
// the caller, so there is nothing to authorise beyond authentication. Entries made through
// the API are `manual`; `github` and `import` belong to integrations.
//
// Idempotency-Key: a client that retries a create (a timeout, a flaky network) must not log
// the same work twice. Keys are per user (unique (user_id, key)) and remember a SHA-256 of
// the canonical body: the same key and body within 24 hours returns the first entry again,
// the same key with another body is a 409, and an expired key may be used afresh.
import { createHash } from 'node:crypto';
import type { PrismaClient } from '@leadtrack/db';
import type { CreateEvidenceBody } from '@leadtrack/schemas';
import { isUniqueViolation } from '../../lib/database-errors';
import { fromIsoDate } from '../../lib/dates';
import { conflict } from '../../lib/problem';
import type { Caller } from '../../plugins/app/authenticate';
import { evidenceInclude } from './evidence-entry';

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/** The stored form of a create body; optional fields take their stored defaults. */
export function normalise(body: CreateEvidenceBody) {
  return {
    kinds: body.kinds,
    title: body.title,
    description: body.description || null,
    occurredOn: body.occurredOn,
    links: body.links ?? [],
    audience: body.audience ?? null,
  };
}

/**
 * The fingerprint of a body for Idempotency-Key: computed on the normalised body with a
 * fixed key order, so bodies that would store the same entry (key order, whitespace around
 * strings, an omitted optional field versus its default) count as the same.
 */
export function fingerprint(entry: unknown): string {
  return createHash('sha256').update(JSON.stringify(entry)).digest('hex');
}

export async function createEvidence(
  prisma: PrismaClient,
  caller: Caller,
  body: CreateEvidenceBody,
  idempotencyKey?: string,
) {
  const entry = normalise(body);
  const data = {
    ...entry,
    occurredOn: fromIsoDate(entry.occurredOn),
    userId: caller.id,
    source: 'manual' as const,
  };
  if (idempotencyKey === undefined) {
    return prisma.evidence.create({ data, include: evidenceInclude });
  }

  const requestHash = fingerprint(entry);
  const where = { userId_key: { userId: caller.id, key: idempotencyKey } };
  // A lost race is retried: the next read sees whichever concurrent request won.
  for (let attempt = 0; ; attempt++) {
    const seen = await prisma.idempotencyKey.findUnique({
      where,
      include: { evidence: { include: evidenceInclude } },
    });
    const fresh = seen && seen.createdAt.getTime() > Date.now() - IDEMPOTENCY_TTL_MS;
    if (seen && fresh) {
      if (seen.requestHash !== requestHash) {
        throw conflict('This Idempotency-Key was already used with another body.');
      }
      // The retry of a create whose entry was deleted since must not bring it back.
      if (seen.evidence.deletedAt) {
        throw conflict('The entry created with this Idempotency-Key has been deleted since.');
      }
      return seen.evidence;
    }
    try {
      // The entry and its key commit together: a key never points at nothing, and an
      // entry made under a key is never left without it.
      return await prisma.$transaction(async (tx) => {
        // An expired key is replaced, not reused: its row (and old fingerprint) goes.
        if (seen) await tx.idempotencyKey.deleteMany({ where: { id: seen.id } });
        const created = await tx.evidence.create({ data, include: evidenceInclude });
        await tx.idempotencyKey.create({
          data: { userId: caller.id, key: idempotencyKey, requestHash, evidenceId: created.id },
        });
        return created;
      });
    } catch (error) {
      // A concurrent request with the same key inserted it first: this transaction rolled
      // back (no second entry), and the next pass returns the winner's entry, or a 409.
      if (!isUniqueViolation(error) || attempt >= 2) throw error;
    }
  }
}
