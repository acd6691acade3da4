/** KIS-like per-app-key request budget: at most `perSecond` accepted calls in any 1-second window. */
export class RateLimiter {
  readonly perSecond: number;
  #accepted = new Map<string, number[]>();

  /** Creates a budget of `perSecond` calls per key. */
  constructor(perSecond: number) {
    if (!Number.isInteger(perSecond) || perSecond < 1) {
      throw new RangeError(`rate budget must be a positive integer per second, got ${perSecond}`);
    }
    this.perSecond = perSecond;
  }

  /** Records a call for `key` at `nowMs` and tells whether it fits the budget; rejected calls do not count. */
  tryAcquire(key: string, nowMs: number): boolean {
    const recent = (this.#accepted.get(key) ?? []).filter((t) => nowMs - t < 1000);
    const allowed = recent.length < this.perSecond;
    if (allowed) recent.push(nowMs);
    this.#accepted.set(key, recent);
    return allowed;
  }
}

/** Default budgets per environment (PROTOCOL.md §6: real 18/s, mock 1/s as of 2026-04). */
export const DEFAULT_RATE_BUDGET = { real: 18, vts: 1 } as const;
