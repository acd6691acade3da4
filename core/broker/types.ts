/**
 * The broker boundary's types: the `Broker` interface and the domain values it speaks (quotes,
 * bars, orders, fills, balances, streams), in integer KRW and whole shares.
 * @module
 */
import type {
  DateRange,
  IsoDate,
  OrderRoute,
  SessionPhase,
  SymbolCode,
  Venue,
} from "../krx/mod.ts";

/**
 * Whose prices a quote or a realtime feed shows: KRX's, Nextrade's, or both venues integrated
 * (KIS market codes `J`, `NX`, `UN`).
 */
export type QuoteSource = "KRX" | "NXT" | "integrated";

/** Buy or sell. */
export type Side = "buy" | "sell";

/** Direction of the last price against the previous close, as the exchange reports it. */
export type PriceDirection = "upper_limit" | "up" | "flat" | "lower_limit" | "down";

/** A snapshot of one symbol's current price; all money in integer KRW. */
export interface Quote {
  readonly symbol: SymbolCode;
  readonly price: number;
  readonly change: number;
  readonly direction: PriceDirection;
  /** Percent change against the previous close, e.g. 1.25 for +1.25 %. */
  readonly changeRate: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly volume: number;
  readonly tradedValue: number;
  readonly upperLimit: number;
  readonly lowerLimit: number;
  readonly basePrice: number;
  readonly tickSize: number;
  readonly halted: boolean;
}

/** Bar length for period charts. */
export type BarPeriod = "day" | "week" | "month" | "year";

/** The period bars whose dates fall in a {@link DateRange}; `period` defaults to `day`. */
export interface BarRange extends DateRange {
  readonly period?: BarPeriod;
}

/** A bar's prices in KRW and its volume in shares. */
export interface Ohlcv {
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

/** One period bar; `date` is the bar's business date in Asia/Seoul. */
export interface DailyBar extends Ohlcv {
  readonly date: IsoDate;
  readonly tradedValue: number;
}

/** One one-minute bar of today's session; `time` is `HH:MM:SS` in Asia/Seoul at the bar's end. */
export interface MinuteBar extends Ohlcv {
  readonly date: IsoDate;
  readonly time: string;
}

/**
 * A new cash order: a limit order carries its price, a market order none. `route` picks the
 * venue (KRX, Nextrade, or smart order routing); without it the broker's routing setting applies.
 */
export type OrderRequest =
  | {
    readonly type: "limit";
    readonly side: Side;
    readonly symbol: SymbolCode;
    readonly quantity: number;
    readonly price: number;
    readonly route?: OrderRoute;
  }
  | {
    readonly type: "market";
    readonly side: Side;
    readonly symbol: SymbolCode;
    readonly quantity: number;
    readonly route?: OrderRoute;
  };

/**
 * What identifies an accepted order at the broker, needed to revise or cancel it; `route` is
 * where it was sent (without it, the broker's routing setting is assumed).
 */
export interface OrderRef {
  readonly orderNo: string;
  readonly branchNo: string;
  readonly route?: OrderRoute;
}

/** The broker's answer to a new, revised or cancelled order; `acceptedAt` is `HH:MM:SS` KST. */
export interface OrderAck extends OrderRef {
  readonly route: OrderRoute;
  readonly acceptedAt: string;
}

/** A change to an open order; omitting `quantity` applies it to everything still open. */
export type OrderRevision =
  | { readonly type: "limit"; readonly price: number; readonly quantity?: number }
  | { readonly type: "market"; readonly quantity?: number };

/** Where an order stands; exactly one of these at a time. */
export type OrderState =
  | { readonly status: "open"; readonly remainingQuantity: number }
  | {
    readonly status: "partially_filled";
    readonly filledQuantity: number;
    readonly remainingQuantity: number;
  }
  | { readonly status: "filled"; readonly filledQuantity: number }
  | { readonly status: "cancelled"; readonly filledQuantity: number }
  | { readonly status: "rejected"; readonly rejectedQuantity: number };

/** One order of the account's order history, with its fills summed. */
export interface OrderRecord extends OrderRef {
  readonly route: OrderRoute;
  readonly date: IsoDate;
  /** `HH:MM:SS` KST. */
  readonly time: string;
  readonly originalOrderNo: string;
  readonly symbol: SymbolCode;
  readonly name: string;
  readonly side: Side;
  readonly type: "limit" | "market" | "other";
  readonly quantity: number;
  /** Order price; 0 for market orders. */
  readonly price: number;
  readonly filledQuantity: number;
  readonly filledAmount: number;
  /** Volume-weighted fill price, possibly fractional; 0 without fills. */
  readonly averageFillPrice: number;
  readonly state: OrderState;
}

/** One position of the account. */
export interface Holding {
  readonly symbol: SymbolCode;
  readonly name: string;
  readonly quantity: number;
  readonly orderableQuantity: number;
  /** Average purchase price, possibly fractional. */
  readonly averagePrice: number;
  readonly purchaseAmount: number;
  readonly price: number;
  readonly evaluationAmount: number;
  readonly profitLoss: number;
}

/** Account totals in integer KRW. */
export interface BalanceSummary {
  /** Cash deposit today. */
  readonly deposit: number;
  /** Cash after D+2 settlement. */
  readonly settledCashD2: number;
  readonly securitiesValue: number;
  readonly totalValue: number;
  readonly purchaseAmount: number;
  readonly profitLoss: number;
}

/** Holdings and totals of the account. */
export interface Balance {
  readonly holdings: readonly Holding[];
  readonly summary: BalanceSummary;
}

/** How much can be bought of one symbol at one price, without margin. */
export interface Buyable {
  readonly symbol: SymbolCode;
  readonly cash: number;
  readonly maxAmount: number;
  readonly maxQuantity: number;
  /** The unit price the broker used for `maxQuantity`. */
  readonly unitPrice: number;
}

/** A realtime trade (체결) of one symbol; `time` is `HH:MM:SS` KST. */
export interface TradeTick {
  readonly type: "trade";
  readonly symbol: SymbolCode;
  readonly time: string;
  readonly price: number;
  readonly change: number;
  readonly direction: PriceDirection;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly ask: number;
  readonly bid: number;
  /** Quantity of this trade. */
  readonly quantity: number;
  readonly cumulativeVolume: number;
  readonly cumulativeValue: number;
}

/** One price level of an order book. */
export interface BookLevel {
  readonly price: number;
  readonly quantity: number;
}

/** A realtime 10-level order book (호가); best level first on both sides. */
export interface OrderBookTick {
  readonly type: "orderbook";
  readonly symbol: SymbolCode;
  readonly time: string;
  readonly asks: readonly BookLevel[];
  readonly bids: readonly BookLevel[];
  readonly totalAskQuantity: number;
  readonly totalBidQuantity: number;
}

/**
 * A realtime notice about one of the account's orders: `fill` reports a trade of `quantity` at `price`;
 * `accepted`, `revised`, `cancelled` and `rejected` acknowledge the order itself.
 */
export interface OrderNotice {
  readonly type: "order_notice";
  readonly event: "fill" | "accepted" | "revised" | "cancelled" | "rejected";
  readonly account: string;
  readonly orderNo: string;
  readonly originalOrderNo: string;
  readonly side: Side;
  readonly symbol: SymbolCode;
  readonly time: string;
  /** Filled quantity for fills, order quantity otherwise. */
  readonly quantity: number;
  /** Fill price for fills, order price otherwise. */
  readonly price: number;
  readonly orderQuantity: number;
  /** Where the order was sent (`ORD_EXG_GB`); null when KIS does not say. */
  readonly route: OrderRoute | null;
  /** The venue that acknowledged or filled it; null when KIS does not say. */
  readonly venue: Venue | null;
}

/** Anything a realtime stream delivers. */
export type StreamEvent = TradeTick | OrderBookTick | OrderNotice;

/** What a realtime stream should carry. */
export interface StreamRequest {
  readonly trades?: readonly SymbolCode[];
  readonly orderBooks?: readonly SymbolCode[];
  /** Notices about the account's own orders and fills. */
  readonly orderNotices?: boolean;
  /** Whose trades and books (default KRX's); NXT and integrated feeds need a real account. */
  readonly quoteSource?: QuoteSource;
}

/** A live stream of events; iterate it, and `close()` it to unsubscribe. */
export interface BrokerStream extends AsyncIterable<StreamEvent> {
  /** Unsubscribes and ends the iteration. */
  close(): Promise<void>;
}

/**
 * A brokerage account and its market data. Implementations throw `BrokerError` for every failure.
 */
export interface Broker {
  /**
   * The KRX session phases in which this broker takes regular orders on the KRX route: KRX's own
   * (from the 08:30 pre-open) for a real account; the regular session only for KIS's mock server.
   */
  readonly orderPhases: readonly SessionPhase[];
  /** Current price of one symbol, on KRX unless `source` names Nextrade or both integrated. */
  getQuote(symbol: SymbolCode, source?: QuoteSource): Promise<Quote>;
  /** Period bars between `from` and `to` inclusive, oldest first, paging back as far as needed. */
  getDailyBars(symbol: SymbolCode, range: BarRange): Promise<DailyBar[]>;
  /** Today's one-minute bars up to now, oldest first. */
  getMinuteBars(symbol: SymbolCode): Promise<MinuteBar[]>;
  /** Places a cash order. */
  placeOrder(order: OrderRequest): Promise<OrderAck>;
  /** Changes price or quantity of an open order. */
  reviseOrder(ref: OrderRef, revision: OrderRevision): Promise<OrderAck>;
  /** Cancels what is still open of an order (or `quantity` of it). */
  cancelOrder(ref: OrderRef, quantity?: number): Promise<OrderAck>;
  /** Holdings and account totals. */
  getBalance(): Promise<Balance>;
  /** What can be bought of `symbol` at `price` (market price when omitted). */
  getBuyable(symbol: SymbolCode, price?: number): Promise<Buyable>;
  /** Orders with their fills between `from` and `to` inclusive, oldest first. */
  getOrders(range: DateRange): Promise<OrderRecord[]>;
  /** Opens a realtime stream of trades, order books and order notices. */
  stream(request: StreamRequest): Promise<BrokerStream>;
}
