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

/** Requests of one caller and window waiting to be counted by one commit. */
interface Batch {
  size: number;
  /** The window's count before this batch's requests, once committed. */
  readonly counted: Promise<number>;
}

/** Per KV handle and window key: the batch still taking requests, and the last commit's end. */
const batches = new WeakMap<Deno.Kv, Map<string, { open?: Batch; tail: Promise<unknown> }>>();

/**
 * Counts one request of `caller` against `budget` at `now` (epoch ms). Requests of one caller
 * arriving in this process while its previous count is being committed are counted together by
 * the next commit (one KV write for the lot, in arrival order), so a busy caller's requests do not
 * race each other for the window's key; instances sharing the store still each check what they
 * read.
 */
export async function consumeBudget(
  kv: Deno.Kv,
  caller: string,
  budget: Budget,
  now: number,
): Promise<BudgetState> {
  const window = Math.floor(now / budget.windowMs);
  const key = KEYS.rateWindow(caller, window);
  const batch = joinBatch(kv, key, budget.windowMs);
  const position = ++batch.size;
  const count = (await batch.counted) + position;
  const resetSeconds = Math.max(1, Math.ceil(((window + 1) * budget.windowMs - now) / 1000));
  return {
    allowed: count <= budget.limit,
    limit: budget.limit,
    remaining: Math.max(0, budget.limit - count),
    resetSeconds,
  };
}

/** The batch of `key` still taking requests, or a new one committed after the previous. */
function joinBatch(kv: Deno.Kv, key: Deno.KvKey, windowMs: number): Batch {
  let perKv = batches.get(kv);
  if (perKv === undefined) batches.set(kv, perKv = new Map());
  const id = JSON.stringify(key);
  const slot = perKv.get(id) ?? { tail: Promise.resolve() };
  if (slot.open) return slot.open;
  const batch: Batch = {
    size: 0,
    counted: slot.tail.then(() => {
      // From here on, later requests form the next batch.
      slot.open = undefined;
      return addToWindow(kv, key, batch.size, windowMs);
    }),
  };
  slot.open = batch;
  const tail = batch.counted.catch(() => {});
  slot.tail = tail;
  perKv.set(id, slot);
  tail.then(() => {
    if (slot.tail === tail) perKv.delete(id);
  });
  return batch;
}

/** Adds `n` to the window's count with a check on what was read; the count before. */
function addToWindow(kv: Deno.Kv, key: Deno.KvKey, n: number, windowMs: number): Promise<number> {
  // Checked against the read, so instances racing on one window each count their requests once.
  return retryOnConflict(async () => {
    const entry = await kv.get<number>(key);
    const before = entry.value ?? 0;
    // The window's key outlives the window a little, then KV drops it.
    const op = kv.atomic().check(entry).set(key, before + n, { expireIn: 2 * windowMs });
    await commitOrConflict(op, "rate window");
    return before;
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
