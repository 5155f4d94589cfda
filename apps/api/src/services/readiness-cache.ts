// Computed readiness, kept per (user, data version, asOf, policy). A user's data version
// is bumped by database triggers on every change to their evidence, its acknowledgements
// or their check-ins (prisma/migrations/*_readiness_data_version), so an entry can only
// be found while it is still the right answer, in any API process. Bounded, least
// recently used first out.
import type { IsoDate, Policy, Readiness } from '@leadtrack/core';

export interface CachedReadiness {
  readiness: Readiness;
  lastEvidenceOn: IsoDate | null;
}

// A two-year timeline is ~25 KB serialised; 2,000 entries stay well under 100 MB.
export const READINESS_CACHE_ENTRIES = 2_000;

export class ReadinessCache {
  readonly #entries = new Map<string, CachedReadiness>();

  constructor(readonly maxEntries = READINESS_CACHE_ENTRIES) {}

  static key(userId: string, dataVersion: string, asOf: IsoDate, policy: Policy): string {
    return [
      userId,
      dataVersion,
      asOf,
      policy.requiredKinds.join(','),
      policy.windowWeeks,
      policy.thresholdWeeks,
      policy.requireVisibility,
    ].join('|');
  }

  get(key: string): CachedReadiness | undefined {
    const hit = this.#entries.get(key);
    if (hit) {
      // Map keeps insertion order: re-inserting marks the entry as recently used.
      this.#entries.delete(key);
      this.#entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, value: CachedReadiness): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    while (this.#entries.size > this.maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
  }

  get size(): number {
    return this.#entries.size;
  }
}
