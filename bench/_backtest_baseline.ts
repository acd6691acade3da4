/**
 * The bench's baseline: one tight loop per symbol doing the engine's arithmetic for ma-cross with
 * next-open fills (rolling sums, cross state, all-in whole shares, fee and dated tax truncated to
 * the won, the limit check, equity at every close) and nothing else: no objects, no metrics.
 * @module
 */
import { DEFAULT_FEE_RATE, type IsoDate, priceLimits, sellTaxRate } from "../core/krx/mod.ts";
import type { MarketSymbol } from "./_backtest_market.ts";

const SCALE = 10_000_000_000;
/** Fee rate in units of 1e-10, the scale {@link truncated} works on. */
export const FEE_UNITS = Math.round(DEFAULT_FEE_RATE * SCALE);

/** KOSPI sell-tax rate in force on each date, in units of 1e-10. */
export function taxUnitsByBar(dates: readonly IsoDate[]): Float64Array {
  return Float64Array.from(dates, (date) => Math.round(sellTaxRate(date, "KOSPI") * SCALE));
}

/**
 * `value × units / 1e10` truncated to the won, exact while the product stays below 2^53 (the
 * quotient is then below 2^20, where rounding cannot carry it up to the next integer).
 */
export function truncated(value: number, units: number): number {
  return Math.floor(value * units / SCALE);
}

/** Sum over symbols of the final equity. */
export function bareMarketLoop(
  market: readonly MarketSymbol[],
  fast: number,
  slow: number,
  startCash: number,
): number {
  const taxUnits = taxUnitsByBar(market[0]?.bars.dates ?? []);
  const equity = new Float64Array(market[0]?.bars.close.length ?? 0);
  let total = 0;
  for (const { bars } of market) {
    total += symbolLoop(bars.open, bars.close, taxUnits, fast, slow, startCash, equity);
  }
  return total;
}

/**
 * Whether a buy (or sell) at `price` fills inside the ±30 % band around the previous close `base`:
 * as in the engine, a buy at the upper limit or a sell at the lower one waits (a locked limit).
 */
export function withinLimits(price: number, buy: boolean, base: number): boolean {
  if (buy ? price * 100 <= base * 125 : price * 100 >= base * 75) return true;
  const limits = priceLimits(base);
  return buy ? price < limits.upper : price > limits.lower;
}

function symbolLoop(
  open: Float64Array,
  close: Float64Array,
  taxUnits: Float64Array,
  fast: number,
  slow: number,
  startCash: number,
  equity: Float64Array,
): number {
  const n = close.length;
  let cash = startCash;
  let qty = 0;
  let position = 0;
  let target = 0;
  let sumFast = 0;
  let sumSlow = 0;
  let previousFast = NaN;
  let previousSlow = NaN;
  for (let t = 0; t < n; t++) {
    if (target !== position && t > 0) {
      const price = open[t]!;
      const base = close[t - 1]!;
      if (withinLimits(price, target === 1, base)) {
        if (target === 1) {
          let buy = Math.floor(cash / (price * (1 + DEFAULT_FEE_RATE)));
          while (buy > 0 && price * buy + truncated(price * buy, FEE_UNITS) > cash) buy--;
          if (buy > 0) {
            cash -= price * buy + truncated(price * buy, FEE_UNITS);
            qty = buy;
            position = 1;
          }
        } else {
          const value = price * qty;
          cash += value - truncated(value, FEE_UNITS) - truncated(value, taxUnits[t]!);
          qty = 0;
          position = 0;
        }
      }
    }
    const c = close[t]!;
    sumFast += c - (t >= fast ? close[t - fast]! : 0);
    sumSlow += c - (t >= slow ? close[t - slow]! : 0);
    const f = t >= fast - 1 ? sumFast / fast : NaN;
    const s = t >= slow - 1 ? sumSlow / slow : NaN;
    if (target === 0) {
      if (previousFast <= previousSlow && f > s) target = 1;
    } else if (previousFast >= previousSlow && f < s) {
      target = 0;
    }
    previousFast = f;
    previousSlow = s;
    equity[t] = cash + qty * c;
  }
  return equity[n - 1] ?? startCash;
}
