/**
 * The exit sell of a `notify_and_exit` alert, placed through the order journal under one
 * idempotency key per alert: a trigger handled twice finds the first order instead of selling
 * again.
 * @module
 */
import type { JournalOrder, OrderJournal } from "../trading/mod.ts";
import type { Alert } from "./schema.ts";
import { exitKeyOf } from "./repository.ts";

/** What became of an exit. */
export type ExitOutcome =
  | { readonly status: "placed"; readonly order: JournalOrder }
  | { readonly status: "nothing_held" }
  | { readonly status: "failed"; readonly reason: string };

/**
 * The shares to sell: all of the position that can be sold now, or the alert's `shares` capped at
 * that (a position sold down since the alert was written sells what is left).
 */
export function exitQuantity(alert: Alert, orderable: number): number {
  const action = alert.action;
  if (action.kind !== "notify_and_exit") return 0;
  return action.quantity.kind === "all" ? orderable : Math.min(action.quantity.shares, orderable);
}

/**
 * Sells `alert`'s position at market through `journal`; `triggerPrice` (the tick that fired it,
 * integer KRW) is the price its slippage is measured against. An exit placed before (same alert, same
 * key) is returned as it is, without reading the position again: the position has changed by then,
 * and a second request with another quantity under the same key would be refused. The balance read
 * to size the sell is handed to the journal's risk checks, so the exit reads the account once.
 */
export async function placeExit(
  alert: Alert,
  journal: OrderJournal,
  triggerPrice?: number,
): Promise<ExitOutcome> {
  const idempotencyKey = exitKeyOf(alert.id);
  try {
    const earlier = await journal.byIdempotencyKey(idempotencyKey);
    if (earlier !== null) return { status: "placed", order: earlier };
    const reading = await journal.readBalance();
    const holding = reading.balance.holdings.find((h) => h.symbol === alert.symbol);
    const quantity = exitQuantity(alert, holding?.orderableQuantity ?? 0);
    if (quantity === 0) return { status: "nothing_held" };
    const order = await journal.placeOrder({
      idempotencyKey,
      order: { type: "market", side: "sell", symbol: alert.symbol, quantity },
      ...(triggerPrice === undefined ? {} : { signalPrice: triggerPrice }),
    }, { balance: reading });
    return { status: "placed", order };
  } catch (error) {
    return { status: "failed", reason: error instanceof Error ? error.message : String(error) };
  }
}
