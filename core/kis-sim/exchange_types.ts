import type { IsoDate, OrderRoute } from "../krx/mod.ts";
import type { SimAccount } from "./accounts.ts";
import type { SimReply } from "./errors.ts";
import type { TradePrint } from "./market.ts";
import type { OrderType, SimFill, SimOrder, SimSide } from "./orders.ts";

/** What an account holder hears about an order: its acknowledgement or one fill. */
export interface SimOrderNotice {
  readonly kind: "ack" | "fill";
  readonly order: SimOrder;
  readonly account: SimAccount;
  /** The fill, for `kind: "fill"`. */
  readonly fill: SimFill | null;
  readonly at: Date;
}

/** Everything that happened while the exchange caught up with the clock. */
export interface ExchangeEvents {
  readonly prints: TradePrint[];
  readonly notices: SimOrderNotice[];
}

/** A new order as the REST layer parsed it. */
export interface SimOrderRequest {
  readonly accountId: string;
  readonly code: string;
  /** `EXCG_ID_DVSN_CD`: KRX, NXT or smart routing (SOR). */
  readonly route: OrderRoute;
  readonly side: SimSide;
  readonly type: OrderType;
  /** Limit price in won (ignored for market orders). */
  readonly price: number;
  readonly qty: number;
}

/** A revision or cancel of `originalOdno`; `qty: "all"` means everything still open. */
export interface ReviseRequest {
  readonly accountId: string;
  readonly originalOdno: string;
  /** `EXCG_ID_DVSN_CD` as sent; it must be the original order's route. */
  readonly route: OrderRoute;
  readonly action: "revise" | "cancel";
  readonly qty: number | "all";
  readonly type: OrderType;
  readonly price: number;
}

/** Either the accepted journal row (plus what it caused) or KIS's rejection. */
export type OrderResult =
  | { readonly ok: true; readonly order: SimOrder; readonly notices: SimOrderNotice[] }
  | { readonly ok: false; readonly error: SimReply };

/**
 * An exchange's ledger: the accounts and journal rows changed since a ledger last wrote it
 * (`takeChanges`), or every one of them, oldest first (`restore`).
 */
export interface LedgerState {
  readonly accounts: readonly SimAccount[];
  readonly orders: readonly SimOrder[];
  /** The order number the next journal row gets (numbers are never reused). */
  readonly nextOdno: number;
  /** The market's date when the changes were taken. */
  readonly date: IsoDate;
}
