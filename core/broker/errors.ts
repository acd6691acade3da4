/** What went wrong at the broker, in terms a caller can act on. */
export type BrokerErrorCategory =
  | "auth"
  | "rate"
  | "market_closed"
  | "insufficient_cash"
  | "invalid_symbol"
  | "invalid_order"
  | "server"
  | "network"
  /** An order to a real account while the live-trading switch is off. */
  | "live_trading_off";

/** Every error a `Broker` raises; `category` decides whether a retry or a fix is needed. */
export class BrokerError extends Error {
  /** The kind of failure, stable across brokers. */
  readonly category: BrokerErrorCategory;

  /** Creates an error of the given category. */
  constructor(category: BrokerErrorCategory, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "BrokerError";
    this.category = category;
  }
}
