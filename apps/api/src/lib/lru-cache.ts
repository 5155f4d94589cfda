// A least-recently-used map bounded by entries and by approximate bytes (each value's size
// as `sizeOf` measures it), for the per-process caches of computed answers
// (services/readiness-cache.ts) and of serialised response bodies (lib/body-cache.ts).
export class LruCache<V> {
  readonly #entries = new Map<string, { value: V; bytes: number }>();
  #bytes = 0;

  constructor(
    readonly maxEntries: number,
    readonly maxBytes: number,
    readonly sizeOf: (value: V) => number,
  ) {}

  get(key: string): V | undefined {
    const hit = this.#entries.get(key);
    if (hit) {
      // Map keeps insertion order: re-inserting marks the entry as recently used.
      this.#entries.delete(key);
      this.#entries.set(key, hit);
    }
    return hit?.value;
  }

  set(key: string, value: V): void {
    this.#remove(key);
    const bytes = this.sizeOf(value);
    // A value larger than the whole budget is not kept at all.
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

  /** The approximate bytes held, as counted by sizeOf. */
  get bytes(): number {
    return this.#bytes;
  }
}
