// Computed readiness, kept per (user, data version, asOf, policy). A user's data version
// is bumped by database triggers on every change to their evidence, its acknowledgements
// or their check-ins (prisma/migrations/*_weekly_aggregates), so an entry can only
// be found while it is still the right answer, in any API process. Bounded by entries and
// by bytes (a long history makes a large answer), least recently used first out.
import type { IsoDate, Readiness } from '@leadtrack/core';
import { LruCache } from '../lib/lru-cache';

export interface CachedReadiness {
  readiness: Readiness;
  lastEvidenceOn: IsoDate | null;
}

// A two-year timeline is ~25 KB serialised; 2,000 of those would be 50 MB. The byte budget
// holds however long the histories are (a timeline is one row per week of history).
export const READINESS_CACHE_ENTRIES = 2_000;
export const READINESS_CACHE_BYTES = 64 * 1024 * 1024;

/**
 * An entry's approximate size, in proportion to its serialised length (what a budget
 * needs) without serialising it: a timeline row is ~300 bytes of JSON, the status and
 * signals under ~2 KB. Measuring by JSON.stringify cost as much as serialising the answer.
 */
export function approximateBytes(value: CachedReadiness): number {
  return 2_048 + value.readiness.weeks.length * 300;
}

export class ReadinessCache extends LruCache<CachedReadiness> {
  constructor(maxEntries = READINESS_CACHE_ENTRIES, maxBytes = READINESS_CACHE_BYTES) {
    super(maxEntries, maxBytes, approximateBytes);
  }
}
