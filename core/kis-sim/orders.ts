import type { IsoDate, OrderRoute, Venue } from "../krx/mod.ts";
import type { SimSymbol } from "./symbols.ts";

/** Buy or sell. */
export type SimSide = "buy" | "sell";

/** The simulated order types: KIS `ORD_DVSN` 00 (limit) and 01 (market). */
export type OrderType = "limit" | "market";

/** What an order-journal row is: a new order, a revision (moves remaining qty) or a cancel. */
export type OrderAction = "new" | "revise" | "cancel";

/** One execution of an order. */
export interface SimFill {
  readonly qty: number;
  readonly price: number;
  readonly at: Date;
}

/** An order-journal row; `remaining` is what can still fill. */
export interface SimOrder {
  readonly odno: string;
  readonly orgNo: string;
  readonly accountId: string;
  readonly symbol: SimSymbol;
  /** Where the order was sent (`EXCG_ID_DVSN_CD`). */
  readonly route: OrderRoute;
  /** Where it rests and fills: the route's venue, or the one smart routing chose. */
  readonly venue: Venue;
  readonly side: SimSide;
  readonly type: OrderType;
  /** Limit price in won; 0 for market orders. */
  readonly price: number;
  /** Per-share price reserved against cash for buys (limit price, or the upper limit for market). */
  readonly reservePrice: number;
  readonly qty: number;
  readonly date: IsoDate;
  readonly orderedAt: Date;
  readonly action: OrderAction;
  /** The order this row revises or cancels. */
  readonly originalOdno: string | null;
  remaining: number;
  filledQty: number;
  filledAmount: number;
  /** Quantity cancelled, revised away, or expired at the close. */
  cancelledQty: number;
  readonly fills: SimFill[];
}

/** What a caller decides about a new journal row; the exchange fills in numbers, times and state. */
export type OrderDraft = Pick<
  SimOrder,
  | "accountId"
  | "symbol"
  | "route"
  | "venue"
  | "side"
  | "type"
  | "price"
  | "reservePrice"
  | "qty"
  | "action"
  | "originalOdno"
>;

/**
 * `ORD_EXG_GB` of a fill notice: 1 KRX, 2 NXT, 3 SOR to KRX, 4 SOR to NXT (PROTOCOL.md §7.8).
 */
export function ordExgGb(route: OrderRoute, venue: Venue): "1" | "2" | "3" | "4" {
  if (route === "SOR") return venue === "KRX" ? "3" : "4";
  return venue === "KRX" ? "1" : "2";
}

/** `ORD_DVSN` of an order type. */
export function ordDvsn(type: OrderType): "00" | "01" {
  return type === "limit" ? "00" : "01";
}
