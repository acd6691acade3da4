/**
 * The account balance the pages show, read from the broker at most once per few seconds. KIS
 * allows a handful of requests per second per app key, shared with trading; page views (and the
 * health page's auto-refresh) must not spend that budget, so they share one recent read.
 * @module
 */
import type { Balance, Broker } from "../../broker/mod.ts";
import { type BrokerRead, readBroker } from "./broker_read.ts";

/** How old a balance the pages may show. */
export const BALANCE_MAX_AGE_MS = 5_000;

/** A balance read and when it was asked for (epoch ms). */
export interface TimedBalance {
  readonly read: BrokerRead<Balance>;
  readonly at: number;
}

const recent = new WeakMap<Broker, { readonly at: number; readonly read: Promise<TimedBalance> }>();

/**
 * `broker`'s balance, shared with every caller within `maxAgeMs` of the read (callers during a
 * read wait for it); a failed read is not kept, so the next page asks again.
 */
export function recentBalance(
  broker: Broker,
  options: { readonly maxAgeMs?: number; readonly now?: () => number } = {},
): Promise<TimedBalance> {
  const now = options.now ?? Date.now;
  const at = now();
  const cached = recent.get(broker);
  if (cached && at - cached.at < (options.maxAgeMs ?? BALANCE_MAX_AGE_MS)) return cached.read;
  const read = readBroker(() => broker.getBalance()).then((result) => {
    if (!result.ok) recent.delete(broker);
    return { read: result, at };
  });
  recent.set(broker, { at, read });
  return read;
}
