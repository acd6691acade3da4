/**
 * The exit sell of a `notify_and_exit` alert, placed through the order journal under one
 * idempotency key per alert: a trigger handled twice finds the first order instead of selling
 * again.
 * @module
 */
import {
  type BalanceReading,
  type JointWrite,
  JointWriteConflictError,
  type JournalOrder,
  type OrderJournal,
  type PlacementView,
  type PriceReading,
} from "../trading/mod.ts";
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

/** What the caller of {@link placeExit} already has in hand. */
export interface ExitContext {
  /**
   * The trade (or quote) that fired the alert, at the store-clock instant it was evaluated: the
   * price slippage is measured against and, while fresh, the price the journal checks the market
   * sell against instead of reading a quote.
   */
  readonly trigger?: PriceReading;
  /**
   * The account's balance, being read since the trigger was decided (the watcher starts it beside
   * the trigger's commit); without it the exit reads the balance itself.
   */
  readonly balance?: Promise<BalanceReading>;
  /**
   * The trigger was committed just now, and that commit proved the alert had never fired: no exit
   * can exist under its key, so the key is not read first (the journal's own read of the key still
   * guards against a second order).
   */
  readonly firedNow?: boolean;
  /**
   * The trigger's own writes, committed with the exit's intent (see {@link JointWrite}); when they
   * were not, {@link placeExit} throws {@link JointWriteConflictError} instead of failing.
   */
  readonly joint?: JointWrite;
  /** The journal's placement view of the exit's key, being read beside the balance. */
  readonly placement?: Promise<PlacementView>;
}

/**
 * Sells `alert`'s position at market through `journal`. An exit placed before (same alert, same
 * key) is returned as it is, without reading the position again: the position has changed by then,
 * and a second request with another quantity under the same key would be refused. One that
 * reconciliation resolved `not_sent` (its process stopped between the intent and the broker) is
 * placed again with the same request. The balance read
 * to size the sell is handed to the journal's risk checks, so the exit reads the account once; the
 * trade that fired it stands in for a quote (see {@link ExitContext}).
 *
 * @throws {JointWriteConflictError} when `context.joint` was given and not committed.
 */
export async function placeExit(
  alert: Alert,
  journal: OrderJournal,
  context: ExitContext = {},
): Promise<ExitOutcome> {
  const idempotencyKey = exitKeyOf(alert.id);
  const { trigger } = context;
  try {
    if (context.firedNow !== true) {
      const earlier = await journal.byIdempotencyKey(idempotencyKey);
      if (earlier?.status === "not_sent") {
        // reconciliation proved it never reached KIS (its process stopped first): the same sell
        // again, the one request the key may name
        const order = await journal.placeOrder({
          idempotencyKey,
          order: earlier.request,
          ...(earlier.signalPrice === undefined ? {} : { signalPrice: earlier.signalPrice }),
        });
        return { status: "placed", order };
      }
      if (earlier !== null) return { status: "placed", order: earlier };
    }
    const reading = await (context.balance ?? journal.readBalance());
    const holding = reading.balance.holdings.find((h) => h.symbol === alert.symbol);
    const quantity = exitQuantity(alert, holding?.orderableQuantity ?? 0);
    if (quantity === 0) return { status: "nothing_held" };
    const placement = await context.placement;
    const order = await journal.placeOrder({
      idempotencyKey,
      order: { type: "market", side: "sell", symbol: alert.symbol, quantity },
      ...(trigger === undefined ? {} : { signalPrice: trigger.price }),
    }, {
      balance: reading,
      ...(trigger === undefined ? {} : { lastTrade: trigger }),
      ...(context.joint === undefined ? {} : { joint: context.joint }),
      ...(placement === undefined ? {} : { placement }),
    });
    return { status: "placed", order };
  } catch (error) {
    if (error instanceof JointWriteConflictError) throw error;
    return { status: "failed", reason: error instanceof Error ? error.message : String(error) };
  }
}
