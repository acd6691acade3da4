import { parseKstDateTime } from "../../krx/mod.ts";
import { type Clock, systemClock } from "./clock.ts";
import type { KisCredentials } from "./credentials.ts";
import { appKeyId } from "./kv_keys.ts";
import { whileKvBusy } from "./kv_retry.ts";
import { type KisMetricsSink, NO_KIS_METRICS } from "./metrics_sink.ts";
import { issueAccessToken } from "./oauth.ts";

/** Settings of a token manager. */
export interface TokenManagerOptions {
  readonly kv: Deno.Kv;
  readonly restUrl: string;
  readonly credentials: KisCredentials;
  readonly clock?: Clock;
  /**
   * Least time between two issuances for one app key, over all processes. KIS states 1/min and
   * 5/min in different places; the default follows the stricter.
   */
  readonly minIssueIntervalMs?: number;
  /** A token this close to `access_token_token_expired` is replaced. */
  readonly refreshMarginMs?: number;
  /** How often a process waiting for another one's issuance looks again. */
  readonly pollMs?: number;
  /** Where issuances and the expiry of the token in use are reported; default nowhere. */
  readonly metrics?: KisMetricsSink;
}

interface CachedToken {
  readonly accessToken: string;
  readonly expiresAt: number;
}

interface IssueMark {
  readonly at: number;
}

/**
 * The access token of one app key, cached in Deno KV and shared by every process that uses the
 * key; a new one is issued at most once per `minIssueIntervalMs`. The token this manager last
 * read or issued is also held in memory and served without a KV read until it enters the refresh
 * margin; a token KIS refuses is dropped from memory too ({@link invalidate}), so the retry reads
 * whatever another process put in KV since.
 */
export class TokenManager {
  readonly #kv: Deno.Kv;
  readonly #restUrl: string;
  readonly #credentials: KisCredentials;
  readonly #clock: Clock;
  readonly #minIssueIntervalMs: number;
  readonly #refreshMarginMs: number;
  readonly #pollMs: number;
  readonly #metrics: KisMetricsSink;
  #keys: Promise<{ token: Deno.KvKey; issued: Deno.KvKey }> | null = null;
  /** The token last read from KV or issued here. */
  #held: CachedToken | null = null;

  /** Creates the manager; nothing is fetched until the first `get`. */
  constructor(options: TokenManagerOptions) {
    this.#kv = options.kv;
    this.#restUrl = options.restUrl;
    this.#credentials = options.credentials;
    this.#clock = options.clock ?? systemClock;
    this.#minIssueIntervalMs = options.minIssueIntervalMs ?? 5 * 60_000;
    this.#refreshMarginMs = options.refreshMarginMs ?? 10 * 60_000;
    this.#pollMs = options.pollMs ?? 200;
    this.#metrics = options.metrics ?? NO_KIS_METRICS;
  }

  #kvKeys(): Promise<{ token: Deno.KvKey; issued: Deno.KvKey }> {
    return this.#keys ??= appKeyId(this.#credentials.appKey).then((id) => ({
      token: ["kis", "token", id],
      issued: ["kis", "token_issued", id],
    }));
  }

  /** A usable access token: the shared cached one, or a new one when it is missing or expiring. */
  async get(): Promise<string> {
    const held = this.#held;
    if (held !== null && held.expiresAt - this.#refreshMarginMs > this.#clock.now()) {
      this.#metrics.tokenInUse(held.expiresAt);
      return held.accessToken;
    }
    const keys = await this.#kvKeys();
    for (;;) {
      const [cached, mark] = await whileKvBusy(
        this.#clock,
        () => this.#kv.getMany<[CachedToken, IssueMark]>([keys.token, keys.issued]),
      );
      const now = this.#clock.now();
      const token = cached.value;
      if (token && token.expiresAt - this.#refreshMarginMs > now) {
        this.#held = token;
        this.#metrics.tokenInUse(token.expiresAt);
        return token.accessToken;
      }
      const sinceIssue = mark.value ? now - mark.value.at : Infinity;
      if (sinceIssue < this.#minIssueIntervalMs) {
        // Another process is issuing, or issued too recently: an expiring token still serves.
        if (token && token.expiresAt > now) {
          this.#metrics.tokenInUse(token.expiresAt);
          return token.accessToken;
        }
        await this.#clock.sleep(Math.min(this.#pollMs, this.#minIssueIntervalMs - sinceIssue));
        continue;
      }
      const claim = await whileKvBusy(this.#clock, () =>
        this.#kv.atomic().check(mark)
          .set(keys.issued, { at: now } satisfies IssueMark).commit());
      if (!claim.ok) continue;
      return await this.#issue(keys.token);
    }
  }

  async #issue(tokenKey: Deno.KvKey): Promise<string> {
    const issued = await issueAccessToken(this.#restUrl, this.#credentials);
    const expiresAt = parseKstDateTime(issued.expiresAtKst);
    const token: CachedToken = { accessToken: issued.accessToken, expiresAt };
    await whileKvBusy(this.#clock, () => this.#kv.set(tokenKey, token));
    this.#held = token;
    this.#metrics.tokenIssued(expiresAt);
    this.#metrics.tokenInUse(expiresAt);
    return issued.accessToken;
  }

  /** Drops `accessToken` from the cache after KIS rejected it, unless another process already replaced it. */
  async invalidate(accessToken: string): Promise<void> {
    if (this.#held?.accessToken === accessToken) this.#held = null;
    const { token } = await this.#kvKeys();
    const cached = await whileKvBusy(this.#clock, () => this.#kv.get<CachedToken>(token));
    if (cached.value?.accessToken !== accessToken) return;
    await whileKvBusy(this.#clock, () => this.#kv.atomic().check(cached).delete(token).commit());
  }
}
