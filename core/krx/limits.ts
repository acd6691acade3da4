import type { InstrumentContext } from "./market.ts";
import { roundRatioToTick } from "./tick.ts";

/** Daily price limit of KRX since 2015-06-15, in percent of the base price. */
export const PRICE_LIMIT_PERCENT = 30;

/** {@link InstrumentContext} plus the leverage of a leveraged ETF or ETN (default 1). */
export interface PriceLimitContext extends InstrumentContext {
  /** Leverage multiple; a 2× ETF's band is twice as wide. */
  readonly leverage?: number;
}

/**
 * Upper and lower daily price limits: base ± 30 %, rounded inward to the tick grid (the upper
 * limit down, the lower limit up). Exact for integer base prices.
 *
 * @throws {RangeError} when the base price is not a positive finite number.
 * @example priceLimits(10_000) // { upper: 13_000, lower: 7_000 }
 */
export function priceLimits(
  basePrice: number,
  context: PriceLimitContext = {},
): { upper: number; lower: number } {
  if (!Number.isFinite(basePrice) || basePrice <= 0) {
    throw new RangeError(`invalid base price ${basePrice}: expected a positive finite number`);
  }
  return {
    upper: roundRatioToTick(basePrice * (100 + PRICE_LIMIT_PERCENT), 100, "down", context),
    lower: roundRatioToTick(basePrice * (100 - PRICE_LIMIT_PERCENT), 100, "up", context),
  };
}
