/**
 * Rate limits kept in KV, so every instance sharing the store counts the same requests: a
 * fixed-window request budget per caller, and login lockouts per user name and per address that
 * double with each failure past a free allowance.
 * @module
 */
import { z } from "zod";
import { commitOrConflict, KEYS, retryOnConflict } from "../store/mod.ts";

/** A budget: at most `limit` requests per `windowMs`. */
export interface Budget {
  readonly limit: number;
  readonly windowMs: number;
}

/** Where a caller stands after one request. */
export interface BudgetState {
  readonly allowed: boolean;
  readonly limit: number;
  readonly remaining: number;
  /** Seconds until the window resets. */
  readonly resetSeconds: number;
}

/** Counts one request of `caller` against `budget` at `now` (epoch ms). */
export async function consumeBudget(
  kv: Deno.Kv,
  caller: string,
  budget: Budget,
  now: number,
): Promise<BudgetState> {
  const window = Math.floor(now / budget.windowMs);
  const key = KEYS.rateWindow(caller, window);
  // Checked against the read, so instances racing on one window each count their request once.
  const count = await retryOnConflict(async () => {
    const entry = await kv.get<number>(key);
    const next = (entry.value ?? 0) + 1;
    // The window's key outlives the window a little, then KV drops it.
    const op = kv.atomic().check(entry).set(key, next, { expireIn: 2 * budget.windowMs });
    await commitOrConflict(op, "rate window");
    return next;
  });
  const resetSeconds = Math.max(1, Math.ceil(((window + 1) * budget.windowMs - now) / 1000));
  return {
    allowed: count <= budget.limit,
    limit: budget.limit,
    remaining: Math.max(0, budget.limit - count),
    resetSeconds,
  };
}

/** How many failures are free before a lockout, and how long the first lockout lasts. */
export interface LockoutPolicy {
  readonly freeFailures: number;
  readonly firstLockMs: number;
  readonly maxLockMs: number;
}

/** Per user name: 5 free failures, then 30 s, 60 s, 120 s … up to 15 minutes. */
export const USER_LOCKOUT: LockoutPolicy = {
  freeFailures: 5,
  firstLockMs: 30_000,
  maxLockMs: 15 * 60_000,
};

/** Per address: 20 free failures (a household behind one router), then the same doubling. */
export const ADDRESS_LOCKOUT: LockoutPolicy = {
  freeFailures: 20,
  firstLockMs: 30_000,
  maxLockMs: 15 * 60_000,
};

const failuresSchema = z.object({ failures: z.int(), lockedUntil: z.int() });

// Failures are forgotten a day after the last one.
const FAILURE_MEMORY_MS = 24 * 60 * 60 * 1000;

/** Login failures and lockouts, per user name and per client address. */
export class LoginGuard {
  readonly #kv: Deno.Kv;
  readonly #now: () => number;

  /** A guard on `kv`, timed by `now`. */
  constructor(kv: Deno.Kv, now: () => number) {
    this.#kv = kv;
    this.#now = now;
  }

  /** Seconds until `username` from `address` may try again, or 0 when it may now. */
  async lockedFor(username: string, address: string): Promise<number> {
    const entries = await this.#kv.getMany([
      KEYS.loginFailures("user", username),
      KEYS.loginFailures("ip", address),
    ]);
    const until = Math.max(
      ...entries.map((e) => e.value === null ? 0 : failuresSchema.parse(e.value).lockedUntil),
    );
    return Math.max(0, Math.ceil((until - this.#now()) / 1000));
  }

  /** Counts a failed login of `username` from `address`, locking either past its allowance. */
  async recordFailure(username: string, address: string): Promise<void> {
    await this.#fail(KEYS.loginFailures("user", username), USER_LOCKOUT);
    await this.#fail(KEYS.loginFailures("ip", address), ADDRESS_LOCKOUT);
  }

  /** Forgets the failures of `username` after a successful login (the address's stay). */
  async recordSuccess(username: string): Promise<void> {
    await this.#kv.delete(KEYS.loginFailures("user", username));
  }

  #fail(key: Deno.KvKey, policy: LockoutPolicy): Promise<void> {
    return retryOnConflict(async () => {
      const entry = await this.#kv.get(key);
      const failures = (entry.value === null ? 0 : failuresSchema.parse(entry.value).failures) + 1;
      const over = failures - policy.freeFailures;
      const lockMs = over <= 0
        ? 0
        : Math.min(policy.maxLockMs, policy.firstLockMs * 2 ** Math.min(over - 1, 30));
      const value = { failures, lockedUntil: this.#now() + lockMs };
      const op = this.#kv.atomic().check(entry).set(key, value, { expireIn: FAILURE_MEMORY_MS });
      await commitOrConflict(op, "login failures");
    });
  }
}
