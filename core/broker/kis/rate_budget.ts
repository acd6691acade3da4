import { type Clock, systemClock } from "./clock.ts";
import { appKeyId } from "./kv_keys.ts";
import { whileKvBusy } from "./kv_retry.ts";

/** Settings of a request budget. */
export interface RateBudgetOptions {
  /** Sustained requests per second. */
  readonly perSecond: number;
  /** Requests that may go out back to back after a quiet spell; 1 keeps strict spacing. */
  readonly burst?: number;
  readonly clock?: Clock;
}

interface BucketState {
  readonly tokens: number;
  readonly at: number;
}

/**
 * A token bucket for one app key, kept in Deno KV so every process using the key draws from the
 * same budget. In any window of `t` ms at most `burst + perSecond * t / 1000` requests are granted.
 */
export class RateBudget {
  readonly #kv: Deno.Kv;
  readonly #appKey: string;
  readonly #perSecond: number;
  readonly #burst: number;
  readonly #clock: Clock;

  /** Creates the budget; nothing is written until the first `take`. */
  constructor(kv: Deno.Kv, appKey: string, options: RateBudgetOptions) {
    if (!(options.perSecond > 0)) {
      throw new RangeError(`rate budget perSecond must be positive, got ${options.perSecond}`);
    }
    const burst = options.burst ?? 1;
    if (!(burst >= 1)) throw new RangeError(`rate budget burst must be at least 1, got ${burst}`);
    this.#kv = kv;
    this.#appKey = appKey;
    this.#perSecond = options.perSecond;
    this.#burst = burst;
    this.#clock = options.clock ?? systemClock;
  }

  /** Waits until one request may go out, and spends it. */
  async take(): Promise<void> {
    const key = ["kis", "rate_budget", await appKeyId(this.#appKey)];
    for (;;) {
      const entry = await whileKvBusy(this.#clock, () => this.#kv.get<BucketState>(key));
      const now = this.#clock.now();
      const state = entry.value ?? { tokens: this.#burst, at: now };
      const elapsed = Math.max(0, now - state.at);
      const tokens = Math.min(this.#burst, state.tokens + (elapsed * this.#perSecond) / 1000);
      if (tokens >= 1) {
        const written = await whileKvBusy(this.#clock, () =>
          this.#kv.atomic().check(entry)
            .set(key, { tokens: tokens - 1, at: Math.max(now, state.at) } satisfies BucketState)
            .commit());
        if (written.ok) return;
        continue;
      }
      await this.#clock.sleep(Math.ceil(((1 - tokens) * 1000) / this.#perSecond));
    }
  }
}
