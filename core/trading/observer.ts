/**
 * What the trading side reports as it works, for metrics: an interface the app's metrics implement
 * (core/obs/trading_metrics.ts), so this package imports no metrics library.
 * @module
 */
import type { Balance, Side } from "../broker/mod.ts";
import type { JournalOrder } from "./order_state.ts";
import type { OrderOrigin } from "./origin.ts";

/** Receives order transitions, refusals, the kill switch and the account's balance. */
export interface TradingObserver {
  /** An order from `origin` was refused before it was written; `code` names the risk check. */
  riskRejected(side: Side, code: string, origin: OrderOrigin): void;
  /** A journal order moved from `before`'s status to `after`'s (committed). */
  orderChanged(before: JournalOrder, after: JournalOrder): void;
  /** The kill switch was read as `on` while placing an order. */
  killSwitch(on: boolean): void;
  /** The account's balance was read from the broker (for the risk checks or a positions sync). */
  balanceRead(balance: Balance): void;
}

/** The observer that ignores everything: the default. */
export const NO_TRADING_OBSERVER: TradingObserver = {
  riskRejected: () => {},
  orderChanged: () => {},
  killSwitch: () => {},
  balanceRead: () => {},
};
