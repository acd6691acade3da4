import { type Clock, systemClock } from "./clock.ts";
import { appKeyId } from "./kv_keys.ts";
import { whileKvBusy } from "./kv_retry.ts";
import { type KisMetricsSink, NO_KIS_METRICS } from "./metrics_sink.ts";

/**
 * How a budget keeps its bucket: `shared` commits every request to KV, so any number of processes
 * draw from one bucket; `leased` holds the bucket for a while and spends from memory.
 */
export type RateBudgetSharing = "shared" | "leased";

/** Settings of a request budget. */
export interface RateBudgetOptions {
  /** Sustained requests per second. */
  readonly perSecond: number;
  /** Requests that may go out back to back after a quiet spell; 1 keeps strict spacing. */
  readonly burst?: number;
  readonly clock?: Clock;
  /**
   * `shared` (default): one KV commit per request. `leased`: one KV commit per lease (taken, or
   * renewed beside the requests once half of it has passed); meanwhile other budgets of the app
   * key wait. For one
   * process that owns the key (a single worker, the embedded demo); processes that share a key
   * all the time should stay `shared`, or the lease holder keeps the others waiting.
   */
  readonly sharing?: RateBudgetSharing;
  /** How long a lease holds (default 5 s); a process that dies holding it blocks others as long. */
  readonly leaseMs?: number;
  /** Hears the limit and each grant with its wait, for metrics (default: nothing). */
  readonly metrics?: KisMetricsSink;
}

/** The bucket in KV; `holder` and `until` name a lease while one is held. */
interface BucketState {
  readonly tokens: number;
  readonly at: number;
  readonly holder?: string;
  readonly until?: number;
}

type Bucket = { tokens: number; at: number };

/** A lease this budget holds: its bucket, spent from memory, and when it ends (budget clock). */
type Lease = { bucket: Bucket; until: number };

/**
 * A token bucket for one app key, kept in Deno KV so every process using the key draws from the
 * same budget. In any window of `t` ms at most `burst + perSecond * t / 1000` requests are granted,
 * across every budget of the key on the same KV, whatever their sharing.
 */
export class RateBudget {
  readonly #kv: Deno.Kv;
  readonly #appKey: string;
  readonly #perSecond: number;
  readonly #burst: number;
  readonly #clock: Clock;
  readonly #sharing: RateBudgetSharing;
  readonly #leaseMs: number;
  readonly #metrics: KisMetricsSink;
  readonly #id = crypto.randomUUID();
  #key: Promise<Deno.KvKey> | null = null;
  /** The bucket while this budget holds the lease, spent from memory until near `until`. */
  #lease: Lease | null = null;
  /** A renewal of the lease under way beside the requests, if any. */
  #renewing: Promise<void> | null = null;

  /** Creates the budget; nothing is written until the first `take`. */
  constructor(kv: Deno.Kv, appKey: string, options: RateBudgetOptions) {
    if (!(options.perSecond > 0)) {
      throw new RangeError(`rate budget perSecond must be positive, got ${options.perSecond}`);
    }
    const burst = options.burst ?? 1;
    if (!(burst >= 1)) throw new RangeError(`rate budget burst must be at least 1, got ${burst}`);
    const leaseMs = options.leaseMs ?? 5_000;
    if (!(leaseMs >= 2)) {
      throw new RangeError(`rate budget leaseMs must be at least 2, got ${leaseMs}`);
    }
    this.#kv = kv;
    this.#appKey = appKey;
    this.#perSecond = options.perSecond;
    this.#burst = burst;
    this.#clock = options.clock ?? systemClock;
    this.#sharing = options.sharing ?? "shared";
    this.#leaseMs = leaseMs;
    this.#metrics = options.metrics ?? NO_KIS_METRICS;
    this.#metrics.rateLimit(options.perSecond);
  }

  /** Waits until one request may go out, and spends it; reports the wait by the budget's clock. */
  async take(): Promise<void> {
    const start = this.#clock.now();
    await this.#take();
    this.#metrics.rateTaken((this.#clock.now() - start) / 1000);
  }

  async #take(): Promise<void> {
    for (;;) {
      const now = this.#clock.now();
      const lease = this.#lease;
      // spent from memory until a tenth of the lease is left; from its half on it is renewed beside
      // the requests, so a request waits for KV only when a renewal did not land in time
      if (lease !== null && now < lease.until - this.#leaseMs / 10) {
        if (now >= lease.until - this.#leaseMs / 2) this.#renewBeside(lease);
        const tokens = this.#refill(lease.bucket, now);
        if (tokens >= 1) {
          lease.bucket = { tokens: tokens - 1, at: Math.max(now, lease.bucket.at) };
          return;
        }
        await this.#clock.sleep(this.#waitFor(tokens));
        continue;
      }
      if (await this.#takeThroughKv(now)) return;
    }
  }

  /** Starts renewing `lease` unless a renewal is under way; a failed one is left to the next take. */
  #renewBeside(lease: Lease): void {
    this.#renewing ??= this.#renew(lease).catch(() => {}).finally(() => this.#renewing = null);
  }

  /**
   * Extends `lease` if KV still names this budget its holder: one read and one commit, the bucket
   * written as spent so far. A lease found held by another budget (this one lapsed) is dropped.
   */
  async #renew(lease: Lease): Promise<void> {
    const key = await this.#bucketKey();
    const entry = await whileKvBusy(this.#clock, () => this.#kv.get<BucketState>(key));
    if (this.#lease !== lease) return;
    if (entry.value?.holder !== this.#id) {
      this.#lease = null;
      return;
    }
    const until = this.#clock.now() + this.#leaseMs;
    const held = { ...lease.bucket, holder: this.#id, until } satisfies BucketState;
    const written = await whileKvBusy(
      this.#clock,
      () => this.#kv.atomic().check(entry).set(key, held).commit(),
    );
    if (written.ok && this.#lease === lease) lease.until = until;
  }

  /** Hands a held lease back with the bucket as spent, so other budgets need not wait for it. */
  async release(): Promise<void> {
    await this.#renewing;
    const lease = this.#lease;
    if (lease === null) return;
    this.#lease = null;
    const key = await this.#bucketKey();
    const entry = await whileKvBusy(this.#clock, () => this.#kv.get<BucketState>(key));
    if (entry.value?.holder !== this.#id) return;
    await whileKvBusy(
      this.#clock,
      () => this.#kv.atomic().check(entry).set(key, lease.bucket satisfies BucketState).commit(),
    );
  }

  /**
   * One read and at most one commit: a request granted (`shared`), or the lease taken or renewed
   * (`leased`, then false so the caller spends from memory); false after a wait or a lost race.
   */
  async #takeThroughKv(now: number): Promise<boolean> {
    const key = await this.#bucketKey();
    const entry = await whileKvBusy(this.#clock, () => this.#kv.get<BucketState>(key));
    const state = entry.value;
    if (state?.holder !== undefined && state.holder !== this.#id && state.until! > now) {
      this.#lease = null;
      await this.#clock.sleep(Math.min(state.until! - now, this.#leaseMs));
      return false;
    }
    const bucket = this.#bucketFrom(state, now);
    const tokens = this.#refill(bucket, now);
    const at = Math.max(now, bucket.at);
    if (this.#sharing === "leased") {
      const until = now + this.#leaseMs;
      const held = { tokens, at, holder: this.#id, until } satisfies BucketState;
      const written = await whileKvBusy(
        this.#clock,
        () => this.#kv.atomic().check(entry).set(key, held).commit(),
      );
      // a lost race leaves the lease as it was: a concurrent take of this budget may have won it
      if (written.ok) this.#lease = { bucket: { tokens, at }, until };
      return false;
    }
    if (tokens < 1) {
      await this.#clock.sleep(this.#waitFor(tokens));
      return false;
    }
    const written = await whileKvBusy(
      this.#clock,
      () =>
        this.#kv.atomic().check(entry).set(key, { tokens: tokens - 1, at } satisfies BucketState)
          .commit(),
    );
    return written.ok;
  }

  /** The bucket to go on from: KV's, this budget's own while it held the lease, or after a lapse. */
  #bucketFrom(state: BucketState | null, now: number): Bucket {
    if (state === null) return { tokens: this.#burst, at: now };
    if (state.holder === this.#id && this.#lease !== null) return this.#lease.bucket;
    // a lapsed lease of another budget (or of a process that died) spent an unknown part of the
    // bucket before its end: an empty bucket at that end is never more than it left
    if (state.holder !== undefined) return { tokens: 0, at: Math.max(state.at, state.until!) };
    return { tokens: state.tokens, at: state.at };
  }

  #refill(bucket: Bucket, now: number): number {
    const elapsed = Math.max(0, now - bucket.at);
    return Math.min(this.#burst, bucket.tokens + (elapsed * this.#perSecond) / 1000);
  }

  #waitFor(tokens: number): number {
    return Math.ceil(((1 - tokens) * 1000) / this.#perSecond);
  }

  #bucketKey(): Promise<Deno.KvKey> {
    return this.#key ??= appKeyId(this.#appKey).then((id) => ["kis", "rate_budget", id]);
  }
}
