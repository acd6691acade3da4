import type { DateRange, SymbolCode } from "../krx/mod.ts";
import type {
  Balance,
  BarRange,
  BrokerStream,
  Buyable,
  DailyBar,
  MinuteBar,
  OrderAck,
  OrderRecord,
  OrderRef,
  OrderRequest,
  OrderRevision,
  Quote,
  QuoteSource,
  StreamRequest,
} from "./types.ts";

/**
 * A brokerage account and its market data. Implementations throw `BrokerError` for every failure.
 */
export interface Broker {
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
