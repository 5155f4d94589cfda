// A fixed-window counter of failures per key (in this process), for limits that must not
// be spent by successful attempts: the per-email sign-in budget counts wrong passwords
// only, so a person's own correct sign-ins never lock them out.

/** How many keys are tracked at most: the oldest window is forgotten first. */
const MAX_KEYS = 50_000;

export class FailureBudget {
  private readonly windows = new Map<string, { failures: number; resetsAt: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Seconds until the key may try again; 0 while it still has failures to spend. */
  retryAfterSeconds(key: string, now = Date.now()): number {
    const window = this.windows.get(key);
    if (!window || window.resetsAt <= now || window.failures < this.max) return 0;
    return Math.max(1, Math.ceil((window.resetsAt - now) / 1000));
  }

  recordFailure(key: string, now = Date.now()): void {
    const window = this.windows.get(key);
    if (window && window.resetsAt > now) {
      window.failures += 1;
      return;
    }
    // Re-inserted so that Map order stays oldest-window first.
    this.windows.delete(key);
    if (this.windows.size >= MAX_KEYS) {
      const oldest = this.windows.keys().next().value;
      if (oldest !== undefined) this.windows.delete(oldest);
    }
    this.windows.set(key, { failures: 1, resetsAt: now + this.windowMs });
  }
}
