import { PRICE_LIMIT_PERCENT, priceLimits, roundToTick } from "../krx/mod.ts";
import type { BacktestOptions } from "./options.ts";

/** Direction of an order. */
export type Side = "buy" | "sell";

/**
 * The price a market order gets at `quote` after slippage: buys move up and sells down by whole
 * ticks, or by a fraction rounded away from the trader to the tick grid. Without slippage the
 * quote is used as given.
 */
export function slippedPrice(quote: number, side: Side, options: BacktestOptions): number {
  const slippage = options.slippage;
  if (slippage === undefined) return quote;
  const kind = options.instrument;
  if (slippage.kind === "ticks") {
    let price = quote;
    for (let i = 0; i < slippage.ticks; i++) {
      price = side === "buy"
        ? roundToTick(price + 1, "up", { instrument: kind })
        : roundToTick(price - 1, "down", { instrument: kind });
    }
    return Math.max(price, 1);
  }
  if (slippage.fraction === 0) return quote;
  // Tolerance keeps 10_000 × 1.001 = 10_010.000000000002 from rounding a whole tick further.
  if (side === "buy") {
    return roundToTick(Math.ceil(quote * (1 + slippage.fraction) - 1e-7), "up", {
      instrument: kind,
    });
  }
  return Math.max(
    roundToTick(Math.floor(quote * (1 - slippage.fraction) + 1e-7), "down", { instrument: kind }),
    1,
  );
}

/**
 * Whether a fill at `price` is inside the daily limit band around `basePrice` (the previous
 * close): buys above the upper limit and sells below the lower one do not fill.
 */
export function withinLimits(
  price: number,
  side: Side,
  basePrice: number,
  options: BacktestOptions,
): boolean {
  // From a base of 100 won up, one tick near the limits is at most 5 % of the base, so the
  // inward-rounded limits lie beyond base ± (limit − 5) %: smaller moves skip the band lookup.
  if (basePrice >= 100) {
    const sure = PRICE_LIMIT_PERCENT - 5;
    if (
      side === "buy"
        ? price * 100 <= basePrice * (100 + sure)
        : price * 100 >= basePrice * (100 - sure)
    ) {
      return true;
    }
  }
  const limits = priceLimits(basePrice, { instrument: options.instrument });
  return side === "buy" ? price <= limits.upper : price >= limits.lower;
}
