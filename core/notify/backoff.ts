/**
 * How long to wait before the next attempt: exponential backoff with jitter, never shorter than
 * what the service asked for.
 * @module
 */

/** How often and how patiently a channel is retried. */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly maxAttempts: number;
  /** The wait before the second attempt, before jitter; it doubles per attempt. */
  readonly baseMs: number;
  /** The cap on the doubled wait. */
  readonly maxMs: number;
}

/** 10 attempts over about an hour: 10 s, 20 s, 40 s … capped at 30 min, each jittered. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 10,
  baseMs: 10_000,
  maxMs: 30 * 60_000,
};

/**
 * The wait after failed attempt number `attempt` (1 for the first): `base·2^(attempt−1)` capped at
 * `maxMs`, then "equal jitter" (half fixed, half random) so that many failures at once do not
 * retry in step; at least `retryAfterMs` when the service sent one.
 *
 * @example retryDelayMs(3, DEFAULT_RETRY_POLICY, () => 0.5) // 30_000 (40 s · 0.75)
 */
export function retryDelayMs(
  attempt: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
  retryAfterMs?: number,
): number {
  const exponential = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.round(exponential / 2 + random() * (exponential / 2));
  return Math.max(jittered, retryAfterMs ?? 0);
}
