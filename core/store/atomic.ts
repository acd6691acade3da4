/**
 * Writing safely: the value-size guard, commits that turn a failed check into a typed conflict,
 * and the retry loop for optimistic concurrency.
 * @module
 */
import { serialize } from "node:v8";
import { StoreConflictError, ValueTooLargeError } from "./errors.ts";

/**
 * The largest serialised value the store writes. KV refuses values over 65,536 bytes after its own
 * framing, which adds a few bytes to V8's serialisation; the margin keeps us clear of that edge.
 */
export const MAX_VALUE_BYTES = 65_000;

/**
 * Throws {@link ValueTooLargeError} when `value` serialises (V8 structured clone, as KV stores it)
 * to more than {@link MAX_VALUE_BYTES}.
 */
export function assertValueFits(key: Deno.KvKey, value: unknown): void {
  const bytes = serialize(value).byteLength;
  if (bytes > MAX_VALUE_BYTES) throw new ValueTooLargeError(key, bytes, MAX_VALUE_BYTES);
}

/**
 * `op.set(key, value)` after the size guard; every store write goes through it.
 *
 * @example
 * setChecked(kv.atomic().check(entry), entry.key, next).commit();
 */
export function setChecked(op: Deno.AtomicOperation, key: Deno.KvKey, value: unknown) {
  assertValueFits(key, value);
  return op.set(key, value);
}

/** Commits `op`; a failed check becomes a {@link StoreConflictError} naming `what`. */
export async function commitOrConflict(
  op: Deno.AtomicOperation,
  what: string,
): Promise<Deno.KvCommitResult> {
  const result = await op.commit();
  if (!result.ok) throw new StoreConflictError(what);
  return result;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** True for SQLite's transient "database is locked", raised when processes share one KV file. */
export function isKvBusy(error: unknown): boolean {
  return error instanceof Error && /database is locked/i.test(error.message);
}

/**
 * Runs one KV operation again while another handle holds the file's lock; a locked operation
 * wrote nothing, so repeating it is safe.
 */
export async function whileKvBusy<T>(
  operation: () => Promise<T>,
  sleep: (ms: number) => Promise<void> = realSleep,
): Promise<T> {
  for (let attempt = 1;; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (!isKvBusy(error) || attempt >= 200) throw error;
      await sleep(Math.min(2 * attempt, 50));
    }
  }
}

/** How often and how patiently {@link retryOnConflict} tries. */
export interface RetryOptions {
  /** Tries in all, default 20. */
  readonly attempts?: number;
  /** Waits between tries (default: real timers). */
  readonly sleep?: (ms: number) => Promise<void>;
}

/**
 * Runs `attempt` (read, decide, commit with checks) again after a {@link StoreConflictError} or a
 * busy KV file, each time re-reading what it checks; the last failure is thrown. A conflict wrote
 * nothing, so running again is safe.
 *
 * @example
 * await retryOnConflict(async () => {
 *   const entry = await kv.get<number>(["n"]);
 *   await commitOrConflict(kv.atomic().check(entry).set(["n"], (entry.value ?? 0) + 1), "n");
 * });
 */
export async function retryOnConflict<T>(
  attempt: () => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const attempts = options.attempts ?? 20;
  const sleep = options.sleep ?? realSleep;
  for (let tried = 1;; tried++) {
    try {
      return await attempt();
    } catch (error) {
      const retryable = error instanceof StoreConflictError || isKvBusy(error);
      if (!retryable || tried >= attempts) throw error;
      await sleep(Math.min(2 * tried, 50) + Math.random() * 5);
    }
  }
}
