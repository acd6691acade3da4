/**
 * The account balance the pages show: the process's shared recent read (core/broker's
 * `recentBalance`, at most one broker call per few seconds), as a page's {@link BrokerRead}.
 * @module
 */
import { type Balance, type Broker, recentBalance as sharedBalance } from "../../broker/mod.ts";
import { type BrokerRead, readBroker } from "./broker_read.ts";

/** A balance read and when it was asked for (epoch ms). */
export interface TimedBalance {
  readonly read: BrokerRead<Balance>;
  readonly at: number;
}

/**
 * `broker`'s recent balance for a page; a failed read is shown as its message, and the next page
 * asks the broker again.
 */
export async function recentBalance(
  broker: Broker,
  options: { readonly maxAgeMs?: number; readonly now?: () => number } = {},
): Promise<TimedBalance> {
  const shared = sharedBalance(broker, options);
  return { read: await readBroker(() => shared.balance), at: shared.at };
}
