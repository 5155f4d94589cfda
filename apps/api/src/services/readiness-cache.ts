// Computed readiness, kept per (user, data version, asOf, policy). A user's data version
// is bumped by database triggers on every change to their evidence, its acknowledgements
// or their check-ins (prisma/migrations/*_weekly_aggregates), so an entry can only
// be found while it is still the right answer, in any API process. Bounded by entries and
// by bytes (a long history makes a large answer), least recently used first out.
import type { IsoDate, Policy, Readiness } from '@leadtrack/core';

export interface CachedReadiness {
  readiness: Readiness;
  lastEvidenceOn: IsoDate | null;
}

// A two-year timeline is ~25 KB serialised; 2,000 of those would be 50 MB. The byte budget
// holds however long the histories are (a timeline is one row per week of history).
export const READINESS_CACHE_ENTRIES = 2_000;
export const READINESS_CACHE_BYTES = 64 * 1024 * 1024;

/**
 * An entry's approximate size: its serialised length. Objects take more on the heap than
 * their JSON, but in proportion, which is what a budget needs.
 */
export function approximateBytes(value: CachedReadiness): number {
  return JSON.stringify(value).length;
}

export class ReadinessCache {
  readonly #entries = new Map<string, { value: CachedReadiness; bytes: number }>();
  #bytes = 0;

  constructor(
    readonly maxEntries = READINESS_CACHE_ENTRIES,
    readonly maxBytes = READINESS_CACHE_BYTES,
  ) {}

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
    return hit?.value;
  }

  set(key: string, value: CachedReadiness): void {
    this.#remove(key);
    const bytes = approximateBytes(value);
    // An answer larger than the whole budget is not kept at all.
    if (bytes > this.maxBytes) return;
    this.#entries.set(key, { value, bytes });
    this.#bytes += bytes;
    while (this.#entries.size > this.maxEntries || this.#bytes > this.maxBytes) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#remove(oldest);
    }
  }

  #remove(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#entries.delete(key);
    this.#bytes -= entry.bytes;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The approximate bytes held, as counted by approximateBytes. */
  get bytes(): number {
    return this.#bytes;
  }
}
