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

/**
 * The share of a budget one process claims from KV at a time (at least one request). A process
 * spends its claim locally and claims again when it runs out, so a busy caller costs one KV commit
 * per claim rather than per request; what a process has claimed and not spent when the window ends
 * lapses with the window.
 */
export const CLAIM_SHARE = 0.01;

/** One caller's requests in one window that this process may admit: numbers `next` to `end - 1`. */
interface Allowance {
  readonly window: number;
  next: number;
  end: number;
  /** The window's count reached the limit: there is nothing left to claim. */
  full: boolean;
  /** The claim being committed, and how many requests wait for it. */
  claim?: { waiting: number; readonly done: Promise<void> };
}

/** Per KV handle, each caller's allowance in its latest window. */
const allowances = new WeakMap<Deno.Kv, Map<string, Allowance>>();

/**
 * Counts one request of `caller` against `budget` at `now` (epoch ms). Each request gets its own
 * number in the window's count, across every process sharing the store: the process claims a
 * block of numbers from KV ({@link CLAIM_SHARE} of the limit, or as many as requests are waiting,
 * whichever is more) and hands them out, so a burst's requests do not each commit; a request
 * whose number is past the limit is refused. Once the window's count reached the limit, further
 * requests are refused here without asking KV again (the count only grows within a window).
 */
export async function consumeBudget(
  kv: Deno.Kv,
  caller: string,
  budget: Budget,
  now: number,
): Promise<BudgetState> {
  const window = Math.floor(now / budget.windowMs);
  const allowance = allowanceOf(kv, caller, window);
  let number: number | undefined;
  while (number === undefined) {
    if (allowance.next < allowance.end) number = allowance.next++;
    else if (allowance.full) number = budget.limit + 1;
    else await claimMore(kv, caller, allowance, budget);
  }
  const resetSeconds = Math.max(1, Math.ceil(((window + 1) * budget.windowMs - now) / 1000));
  return {
    allowed: number <= budget.limit,
    limit: budget.limit,
    remaining: Math.max(0, budget.limit - number),
    resetSeconds,
  };
}

/** The caller's allowance in `window`, new when its last one was of an earlier window. */
function allowanceOf(kv: Deno.Kv, caller: string, window: number): Allowance {
  let perKv = allowances.get(kv);
  if (perKv === undefined) allowances.set(kv, perKv = new Map());
  const current = perKv.get(caller);
  if (current !== undefined && current.window === window) return current;
  // Callers gone quiet keep their last window's allowance until some caller's window turns.
  for (const [other, allowance] of perKv) if (allowance.window < window) perKv.delete(other);
  const fresh: Allowance = { window, next: 1, end: 1, full: false };
  perKv.set(caller, fresh);
  return fresh;
}

/** Waits for the allowance's claim in flight, starting one when there is none. */
function claimMore(
  kv: Deno.Kv,
  caller: string,
  allowance: Allowance,
  budget: Budget,
): Promise<void> {
  if (allowance.claim !== undefined) {
    allowance.claim.waiting++;
    return allowance.claim.done;
  }
  const key = KEYS.rateWindow(caller, allowance.window);
  const block = Math.max(1, Math.floor(budget.limit * CLAIM_SHARE));
  const claim: { waiting: number; done: Promise<void> } = {
    waiting: 1,
    // Sized when sent, after the requests of the same turn of the event loop joined it.
    done: Promise.resolve()
      .then(() => addToWindow(kv, key, () => Math.max(block, claim.waiting), budget.windowMs))
      .then(({ before, n }) => {
        allowance.next = before + 1;
        allowance.end = Math.min(before + n, budget.limit) + 1;
        allowance.full = before + n >= budget.limit;
      })
      .finally(() => allowance.claim = undefined),
  };
  allowance.claim = claim;
  return claim.done;
}

/** Adds `size()` to the window's count with a check on what was read; the count before, and n. */
function addToWindow(
  kv: Deno.Kv,
  key: Deno.KvKey,
  size: () => number,
  windowMs: number,
): Promise<{ before: number; n: number }> {
  // Checked against the read, so processes claiming from one window each get numbers of their own.
  return retryOnConflict(async () => {
    const entry = await kv.get<number>(key);
    const before = entry.value ?? 0;
    const n = size();
    // The window's key outlives the window a little, then KV drops it.
    const op = kv.atomic().check(entry).set(key, before + n, { expireIn: 2 * windowMs });
    await commitOrConflict(op, "rate window");
    return { before, n };
  });
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
