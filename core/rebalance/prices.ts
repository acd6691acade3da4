import { type InstrumentContext, priceLimits, roundToTick, type SymbolCode } from "../krx/mod.ts";
import type { Side } from "../broker/mod.ts";
import { RebalanceInputError } from "./errors.ts";
import type { PriceQuote, RebalanceInput } from "./types.ts";

/** A symbol's usable quote with its day's limits. */
export interface Priced {
  readonly price: number;
  readonly upper: number;
  readonly lower: number;
}

/**
 * The quote of `symbol`, checked: a positive integer price inside the day's limits and not
 * halted. A plan cannot value or trade a symbol without one, so it is refused as a whole.
 *
 * @throws {RebalanceInputError} naming the symbol and what is wrong with its quote.
 */
export function requireQuote(
  symbol: SymbolCode,
  quotes: RebalanceInput["quotes"],
  context: InstrumentContext,
): Priced {
  const quote: PriceQuote | undefined = quotes[symbol];
  if (quote === undefined) {
    throw new RebalanceInputError("no_quote", symbol, `${symbol}: no quote given`);
  }
  if (quote.halted === true) {
    throw new RebalanceInputError("halted", symbol, `${symbol}: trading is halted`);
  }
  for (const [field, value] of [["price", quote.price], ["basePrice", quote.basePrice]] as const) {
    if (!Number.isSafeInteger(value) || value <= 0) {
      throw new RebalanceInputError(
        "invalid_price",
        symbol,
        `${symbol}: ${field} ${value} is not a positive integer KRW (suspended or not quoted?)`,
      );
    }
  }
  const { upper, lower } = priceLimits(quote.basePrice, context);
  if (quote.price > upper || quote.price < lower) {
    throw new RebalanceInputError(
      "outside_limits",
      symbol,
      `${symbol}: price ${quote.price} is outside today's limits ${lower}–${upper}`,
    );
  }
  return { price: quote.price, upper, lower };
}

/**
 * A limit price for `side` from the last price: a buy rounds up onto the tick grid and a sell
 * down, so neither gives a tick away to the other side, and both stay within the day's limits.
 */
export function limitPrice(
  side: Side,
  priced: Priced,
  context: InstrumentContext,
): number {
  return side === "buy"
    ? Math.min(roundToTick(priced.price, "up", context), priced.upper)
    : Math.max(roundToTick(priced.price, "down", context), priced.lower);
}
