import type { Clock } from "./clock.ts";

/** True for SQLite's transient "database is locked", raised when processes share one KV file. */
export function isKvBusy(error: unknown): boolean {
  return error instanceof Error && /database is locked/i.test(error.message);
}

/**
 * Runs one KV operation, running it again while another process holds the KV file's lock; a
 * locked operation wrote nothing, so repeating it is safe. Gives up after `attempts` tries.
 *
 * @example
 * const entry = await whileKvBusy(clock, () => kv.get(["kis", "token", id]));
 */
export async function whileKvBusy<T>(
  clock: Clock,
  operation: () => Promise<T>,
  attempts = 50,
): Promise<T> {
  for (let attempt = 1;; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (!isKvBusy(error) || attempt >= attempts) throw error;
      await clock.sleep(Math.min(5 * attempt, 50));
    }
  }
}
