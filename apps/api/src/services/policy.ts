// The organisation's readiness policy: the single `policy` row (id 1), or the defaults from
// @leadtrack/core while no admin has saved one.
//
// Every readiness request needs the policy, so it is cached per database client for a few
// seconds. A PUT through this process refreshes the cache at once; another API process
// sees the change within POLICY_CACHE_MS.
import { DEFAULT_POLICY, EVIDENCE_KINDS, type EvidenceKind, type Policy } from '@leadtrack/core';
import type { PrismaClient } from '@leadtrack/db';
import type { PolicyBody } from '@leadtrack/schemas';
import { recordAuditEvent } from './audit';

export const POLICY_ID = 1;
export const POLICY_CACHE_MS = 5_000;

const cache = new WeakMap<PrismaClient, { policy: Promise<Policy>; expires: number }>();

// Canonical kind order, so the policy reads the same whatever order it was saved in.
function canonicalKinds(kinds: readonly EvidenceKind[]): EvidenceKind[] {
  return EVIDENCE_KINDS.filter((k) => kinds.includes(k));
}

function toPolicy(row: {
  requiredKinds: EvidenceKind[];
  windowWeeks: number;
  thresholdWeeks: number;
  requireVisibility: boolean;
}): Policy {
  return {
    requiredKinds: canonicalKinds(row.requiredKinds),
    windowWeeks: row.windowWeeks,
    thresholdWeeks: row.thresholdWeeks,
    requireVisibility: row.requireVisibility,
  };
}

async function loadPolicy(prisma: PrismaClient): Promise<Policy> {
  const row = await prisma.policy.findUnique({ where: { id: POLICY_ID } });
  return row ? toPolicy(row) : DEFAULT_POLICY;
}

/** The policy in force (callers must not mutate it: it is shared between requests). */
export function readPolicy(prisma: PrismaClient, now = Date.now()): Promise<Policy> {
  const hit = cache.get(prisma);
  if (hit && hit.expires > now) return hit.policy;
  const policy = loadPolicy(prisma);
  const entry = { policy, expires: now + POLICY_CACHE_MS };
  cache.set(prisma, entry);
  // A failed read must not be served from the cache (unless a newer one replaced it).
  policy.catch(() => {
    if (cache.get(prisma) === entry) cache.delete(prisma);
  });
  return policy;
}

/**
 * Replaces the policy (the body is validated against POLICY_LIMITS by its schema), and
 * records the change in the audit log in the same transaction.
 */
export async function writePolicy(
  prisma: PrismaClient,
  body: PolicyBody,
  actorId: string,
): Promise<Policy> {
  const data = { ...body, requiredKinds: canonicalKinds(body.requiredKinds) };
  const row = await prisma.$transaction(async (tx) => {
    const before = await tx.policy.findUnique({ where: { id: POLICY_ID } });
    const saved = await tx.policy.upsert({
      where: { id: POLICY_ID },
      create: { id: POLICY_ID, ...data },
      update: data,
    });
    await recordAuditEvent(tx, {
      actorId,
      action: 'policy.changed',
      details: {
        from: { ...(before ? toPolicy(before) : DEFAULT_POLICY) },
        to: { ...toPolicy(saved) },
      },
    });
    return saved;
  });
  const policy = toPolicy(row);
  cache.set(prisma, { policy: Promise.resolve(policy), expires: Date.now() + POLICY_CACHE_MS });
  return policy;
}
