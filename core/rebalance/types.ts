import type { InstrumentKind, IsoDate, Market, SymbolCode } from "../krx/mod.ts";
import type { Side } from "../broker/mod.ts";

/** A symbol's price as the plan needs it; the broker's `Quote` has these fields. */
export interface PriceQuote {
  /** Last traded price, integer KRW on the tick grid. */
  readonly price: number;
  /** Base of today's price limits (normally the previous close). */
  readonly basePrice: number;
  /** Trading halted (거래정지): the symbol cannot be traded and is refused. */
  readonly halted?: boolean;
}

/** One position of the account; the broker's `Holding` has these fields. */
export interface HeldPosition {
  readonly symbol: SymbolCode;
  readonly quantity: number;
  /** Shares not already under a sell order; default `quantity`. */
  readonly orderableQuantity?: number;
  /** For a symbol without a target: the krx rules its exit sells under (default stock, KOSPI). */
  readonly instrument?: InstrumentKind;
  readonly market?: Market;
}

/** What the planner is given: the account now and today's prices. Nothing is fetched. */
export interface RebalanceInput {
  /** The trading day the orders are for; its tick table, price limits and sell tax apply. */
  readonly date: IsoDate;
  /**
   * Cash after D+2 settlement (예수금 D+2, the balance's `settledCashD2`), integer KRW: what the
   * account's equity counts and, before today's sells, what buys can spend.
   */
  readonly cash: number;
  readonly holdings: readonly HeldPosition[];
  /** A quote for every symbol held or targeted. */
  readonly quotes: Readonly<Record<string, PriceQuote>>;
}

/** What an order costs or brings in, estimated at its price; all integer KRW. */
interface OrderEstimate {
  readonly side: Side;
  readonly symbol: SymbolCode;
  readonly qty: number;
  /** Price × quantity at the order's price (a market order's: the last price). */
  readonly value: number;
  readonly fee: number;
  /** Sell tax (0 on buys and on ETF/ETN sales). */
  readonly tax: number;
}

/** One planned order: a limit order on the tick grid, or a market order. */
export type PlannedOrder =
  | OrderEstimate & { readonly type: "limit"; readonly price: number }
  | OrderEstimate & {
    readonly type: "market";
    /** Last price, at which the order is estimated. */
    readonly lastPrice: number;
    /** Price at which a market buy's cash is held: the day's upper limit (as KIS computes it). */
    readonly reservePrice: number;
  };

/** Why a symbol gets no order, or that it gets one. */
export type SymbolStatus =
  | "traded"
  /** Its weight is within the drift band. */
  | "within_band"
  /** Its whole-share goal is what it holds. */
  | "at_target"
  /** The order would be worth less than the minimum trade size. */
  | "below_minimum"
  /** A buy for which no whole share was left in the cash. */
  | "no_cash"
  /** A sell of shares all already under other sell orders. */
  | "not_orderable"
  /** Every trade would leave it further from its target once fees and tax are paid. */
  | "no_improvement";

/** One symbol's weights before and after the plan, in basis points of equity. */
export interface SymbolDrift {
  readonly symbol: SymbolCode;
  readonly price: number;
  readonly targetBasisPoints: number;
  readonly heldQty: number;
  readonly currentBasisPoints: number;
  /** Current minus target: positive when over-weight. */
  readonly driftBasisPoints: number;
  readonly status: SymbolStatus;
  readonly afterQty: number;
  readonly afterBasisPoints: number;
  readonly afterDriftBasisPoints: number;
}

/** A rebalancing plan: sells first, then buys, and the account expected once all have filled. */
export interface RebalancePlan {
  readonly date: IsoDate;
  /** Cash plus holdings at their last prices. */
  readonly equity: number;
  readonly cash: number;
  /** Cash the buys could spend: `cash`, plus the sells' net proceeds when those count. */
  readonly buyingPower: number;
  readonly orders: readonly PlannedOrder[];
  /** Every symbol held or targeted, by code. */
  readonly symbols: readonly SymbolDrift[];
  /** Cash once every order has filled at its estimate and settled (D+2). */
  readonly cashAfter: number;
  /** `cashAfter` plus holdings after the plan at the last prices. */
  readonly equityAfter: number;
}
