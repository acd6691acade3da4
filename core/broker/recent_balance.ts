/**
 * The account balance read from the broker at most once per few seconds, shared by every reader in
 * the process (the dashboard's pages and the API). KIS allows a handful of requests per second per
 * app key, shared with trading: reads for display must not spend that budget, nor wait for it.
 * @module
 */
import type { Balance, Broker } from "./types.ts";

/** How old a balance readers may be given. */
export const BALANCE_MAX_AGE_MS = 5_000;

/** A balance read (settled or in flight) and when it was asked for (epoch ms). */
export interface RecentBalance {
  readonly balance: Promise<Balance>;
  readonly at: number;
}

const recent = new WeakMap<Broker, RecentBalance>();

/**
 * `broker`'s balance, shared with every caller within `maxAgeMs` of the read (callers during a
 * read wait for it); a failed read is forgotten, so the next caller asks again.
 *
 * @example portfolioOf(await recentBalance(broker).balance)
 */
export function recentBalance(
  broker: Broker,
  options: { readonly maxAgeMs?: number; readonly now?: () => number } = {},
): RecentBalance {
  const at = (options.now ?? Date.now)();
  const cached = recent.get(broker);
  if (cached && at - cached.at < (options.maxAgeMs ?? BALANCE_MAX_AGE_MS)) return cached;
  const read: RecentBalance = { balance: broker.getBalance(), at };
  read.balance.catch(() => {
    if (recent.get(broker) === read) recent.delete(broker);
  });
  recent.set(broker, read);
  return read;
}
