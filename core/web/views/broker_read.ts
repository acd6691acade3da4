/**
 * A broker read for a page: its value, or the message the page shows when the broker cannot
 * answer (an error, or no answer within the deadline), so a page says so instead of failing or
 * hanging on a broker that retries.
 * @module
 */
import { BrokerError } from "../../broker/mod.ts";

/** A broker read's value, or why there is none. */
export type BrokerRead<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: string };

/** How long a page waits for the broker by default. */
export const BROKER_DEADLINE_MS = 4_000;

/**
 * Runs `read`; a {@link BrokerError}, or no answer within `deadlineMs`, becomes `{ ok: false }`
 * with a message; anything else (a bug) is thrown.
 */
export async function readBroker<T>(
  read: () => Promise<T>,
  deadlineMs = BROKER_DEADLINE_MS,
): Promise<BrokerRead<T>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<BrokerRead<T>>((resolve) => {
    timer = setTimeout(
      () => resolve({ ok: false, error: `no answer within ${deadlineMs} ms` }),
      deadlineMs,
    );
  });
  const answer = (async (): Promise<BrokerRead<T>> => {
    try {
      return { ok: true, value: await read() };
    } catch (error) {
      if (error instanceof BrokerError) return { ok: false, error: error.message };
      throw error;
    }
  })();
  try {
    return await Promise.race([answer, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
