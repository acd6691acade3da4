import type { IsoDate } from "./date.ts";
import { rowInForce } from "./dated.ts";
import type { InstrumentContext, Market } from "./market.ts";
import { roundToTick, tickSize } from "./tick.ts";

/** Daily price limit of KOSPI and KOSDAQ since 2015-06-15, in percent of the base price. */
export const PRICE_LIMIT_PERCENT = 30;

/** A row of {@link PRICE_LIMIT_SCHEDULE}: the limits in force from `from`. */
export interface PriceLimitRow {
  readonly from: IsoDate;
  readonly percent: Readonly<Record<Market, number>>;
}

/**
 * Daily price limits in percent of the base price, by market and trading day; a row applies from
 * its date until the next row's, and the first row also covers every earlier date. KRX widened
 * KOSPI and KOSDAQ from ±15 % to ±30 % on 2015-06-15; KONEX kept ±15 %.
 */
export const PRICE_LIMIT_SCHEDULE: readonly [PriceLimitRow, ...PriceLimitRow[]] = [
  { from: "2015-01-01" as IsoDate, percent: { KOSPI: 15, KOSDAQ: 15, KONEX: 15 } },
  {
    from: "2015-06-15" as IsoDate,
    percent: { KOSPI: PRICE_LIMIT_PERCENT, KOSDAQ: PRICE_LIMIT_PERCENT, KONEX: 15 },
  },
];

/** {@link InstrumentContext} plus the leverage of a leveraged ETF or ETN (default 1). */
export interface PriceLimitContext extends InstrumentContext {
  /**
   * Leverage multiple, negative for inverse products; a 2× ETF's band is twice as wide.
   * Ignored for stocks.
   */
  readonly leverage?: number;
}

/**
 * Upper and lower daily price limits as KRX computes them: the limit amount is base × rate,
 * truncated to the tick of the base price; the upper limit is base + amount truncated onto its
 * own tick, the lower limit base − amount raised onto its own tick (never below one tick). The
 * rate is {@link priceLimitPercent}: ±30 % (KONEX, and everything before 2015-06-15, ±15 %),
 * times the leverage for an ETF or ETN. Exact for integer bases.
 *
 * @throws {RangeError} when the base price is not a positive finite number, or the leverage is
 *   zero or not finite.
 * @example priceLimits(50_200) // { upper: 65_200, lower: 35_200 }
 */
export function priceLimits(
  basePrice: number,
  context: PriceLimitContext = {},
): { upper: number; lower: number } {
  if (!Number.isFinite(basePrice) || basePrice <= 0) {
    throw new RangeError(`invalid base price ${basePrice}: expected a positive finite number`);
  }
  const percent = priceLimitPercent(context);
  const baseTick = tickSize(basePrice, context);
  // Whole percent × base is exact; the product is divided once, by 100 × tick, and floored.
  const amount = Math.floor((basePrice * percent) / (100 * baseTick)) * baseTick;
  const upper = roundToTick(basePrice + amount, "down", context);
  const lowerRaw = basePrice - amount;
  const lower = lowerRaw <= 0 ? tickSize(0, context) : roundToTick(lowerRaw, "up", context);
  return { upper, lower };
}

/**
 * The daily limit in percent of the base price for `context`: the market's rate on its date
 * (default: today's), times the absolute leverage of an ETF or ETN (an inverse product moves as
 * far as its long twin).
 *
 * @throws {RangeError} when the leverage is zero or not finite.
 * @example priceLimitPercent({ instrument: "etf", leverage: 2 }) // 60
 */
export function priceLimitPercent(context: PriceLimitContext = {}): number {
  const leverage = (context.instrument ?? "stock") === "stock" ? 1 : context.leverage ?? 1;
  if (!Number.isFinite(leverage) || leverage === 0) {
    throw new RangeError(`invalid leverage ${leverage}: expected a finite non-zero multiple`);
  }
  const row = rowInForce(PRICE_LIMIT_SCHEDULE, context.date);
  return row.percent[context.market ?? "KOSPI"] * Math.abs(leverage);
}
