// The organisation's readiness policy: the single `policy` row (id 1), or the defaults from
// @leadtrack/core while no admin has saved one.
//
// Every readiness request needs the policy, so it is cached per database client under its
// `version`, which every save bumps. Each request's authentication reads the version in the
// same statement as the session (plugins/app/authenticate.ts) and hands it to
// `notePolicyVersion`, which drops a cached policy of another version: a change through any
// API process holds on every other at its next request, at no extra round trip. The jobs,
// which run outside a request, read it fresh.
import { DEFAULT_POLICY, EVIDENCE_KINDS, type EvidenceKind, type Policy } from '@leadtrack/core';
import type { PrismaClient } from '@leadtrack/db';
import type { PolicyBody } from '@leadtrack/schemas';
import { policyChanged } from '../freshness';
import { recordAuditEvent } from './audit';

export const POLICY_ID = 1;

/** The version while no admin has saved a policy (a saved one starts at 1). */
const DEFAULTS_VERSION = 0;

interface Cached {
  policy: Promise<Policy>;
  /** Known once the read answered. */
  version?: number;
}

const cache = new WeakMap<PrismaClient, Cached>();

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

async function loadPolicy(prisma: PrismaClient, entry: Cached): Promise<Policy> {
  const row = await prisma.policy.findUnique({ where: { id: POLICY_ID } });
  entry.version = row?.version ?? DEFAULTS_VERSION;
  return row ? toPolicy(row) : DEFAULT_POLICY;
}

/**
 * The policy version a request read with its session: a cached policy of any other version
 * (or one still being read, whose version is not known yet) is dropped.
 */
export function notePolicyVersion(prisma: PrismaClient, version: number | null): void {
  const hit = cache.get(prisma);
  if (hit && hit.version !== (version ?? DEFAULTS_VERSION)) cache.delete(prisma);
}

/**
 * The policy in force (callers must not mutate it: it is shared between requests); `fresh`
 * reads it from the database whatever is cached (the jobs, outside any request).
 */
export function readPolicy(prisma: PrismaClient, options?: { fresh?: boolean }): Promise<Policy> {
  const hit = cache.get(prisma);
  if (hit && !options?.fresh) return hit.policy;
  const entry: Cached = { policy: Promise.resolve(DEFAULT_POLICY) };
  entry.policy = loadPolicy(prisma, entry);
  cache.set(prisma, entry);
  // A failed read must not be served from the cache (unless a newer one replaced it).
  entry.policy.catch(() => {
    if (cache.get(prisma) === entry) cache.delete(prisma);
  });
  return entry.policy;
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
      update: { ...data, version: { increment: 1 } },
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
  cache.set(prisma, { policy: Promise.resolve(policy), version: row.version });
  // Anyone's readiness may have moved: freshness watches every managed person's.
  policyChanged();
  return policy;
}
