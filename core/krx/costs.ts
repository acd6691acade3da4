import type { IsoDate } from "./date.ts";
import type { InstrumentKind, Market } from "./market.ts";

/** Default broker commission per side: 0.015 % of the traded value. */
export const DEFAULT_FEE_RATE = 0.00015;

/**
 * Sell-side securities transaction tax (including the special rural-development tax on KOSPI),
 * as a fraction of the sale value; a row applies from its date until the next row's date.
 * 2024 onwards is from the project's KRX notes; the 2021 and 2023 rows are the earlier statutory
 * schedule, kept so that older bar data can be backtested.
 */
export const SELL_TAX_SCHEDULE: readonly {
  readonly from: IsoDate;
  readonly rates: Readonly<Record<Market, number>>;
}[] = [
  { from: "2021-01-01" as IsoDate, rates: { KOSPI: 0.0023, KOSDAQ: 0.0023, KONEX: 0.001 } },
  { from: "2023-01-01" as IsoDate, rates: { KOSPI: 0.002, KOSDAQ: 0.002, KONEX: 0.001 } },
  { from: "2024-01-01" as IsoDate, rates: { KOSPI: 0.0018, KOSDAQ: 0.0018, KONEX: 0.001 } },
  { from: "2025-01-01" as IsoDate, rates: { KOSPI: 0.0015, KOSDAQ: 0.0015, KONEX: 0.001 } },
  { from: "2026-01-01" as IsoDate, rates: { KOSPI: 0.002, KOSDAQ: 0.002, KONEX: 0.001 } },
];

/**
 * The sell-side tax rate on `date` for `market`.
 *
 * @throws {RangeError} for dates before the schedule starts; pass a tax rate explicitly there.
 * @example sellTaxRate(parseIsoDate("2025-06-02"), "KOSPI") // 0.0015
 */
export function sellTaxRate(date: IsoDate, market: Market): number {
  let rate: number | undefined;
  for (const row of SELL_TAX_SCHEDULE) {
    if (date < row.from) break;
    rate = row.rates[market];
  }
  if (rate === undefined) {
    throw new RangeError(
      `no sell-tax rate known for ${date} (schedule starts ${
        SELL_TAX_SCHEDULE[0]?.from
      }); pass taxRate explicitly`,
    );
  }
  return rate;
}

/** One execution, priced in integer KRW per share. */
export interface Fill {
  side: "buy" | "sell";
  price: number;
  qty: number;
  date: IsoDate;
  market: Market;
  /** Default `stock`. */
  instrument?: InstrumentKind;
}

/** Rate overrides for {@link fillCosts}; `taxRate` replaces the dated schedule. */
export interface CostRates {
  feeRate?: number;
  taxRate?: number;
}

/**
 * Commission and sell tax of one fill in whole KRW, each truncated below the won (원 미만 절사).
 * Rates are read as decimals with up to 10 places, and the truncation is exact.
 *
 * @throws {RangeError} for a non-integer or negative price or quantity, or a rate outside [0, 1).
 * @example fillCosts({ side: "sell", price: 70_000, qty: 10, date, market: "KOSPI" })
 */
export function fillCosts(fill: Fill, rates: CostRates = {}): { fee: number; tax: number } {
  const { side, price, qty, date, market } = fill;
  if (!Number.isSafeInteger(price) || price < 0) {
    throw new RangeError(`invalid fill price ${price}: expected an integer KRW ≥ 0`);
  }
  if (!Number.isSafeInteger(qty) || qty < 0) {
    throw new RangeError(`invalid fill quantity ${qty}: expected an integer ≥ 0`);
  }
  const value = price * qty;
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`fill value ${price} × ${qty} exceeds the exact integer range`);
  }
  const fee = truncatedShare(value, rates.feeRate ?? DEFAULT_FEE_RATE, "fee rate");
  const tax = side === "sell"
    ? truncatedShare(value, rates.taxRate ?? sellTaxRate(date, market), "tax rate")
    : 0;
  return { fee, tax };
}

/**
 * Rates as whole units of 1e-10: rates are read as decimals with up to 10 places, so integer
 * arithmetic on this scale truncates costs exactly.
 */
export const RATE_SCALE = 10_000_000_000;
const RATE_SCALE_BIG = BigInt(RATE_SCALE);

/**
 * `product / RATE_SCALE` truncated, for a whole-number product of KRW and rate units no larger
 * than `Number.MAX_SAFE_INTEGER`. Exact: the quotient is below 2^20, where half a unit in the last
 * place (< 6e-11) is less than the 1e-10 by which a quotient that is not whole falls short of the
 * next integer, so rounding never carries it up to that integer. About four times cheaper than
 * `%`, which V8 compiles to a call to fmod.
 */
export function wholeWon(product: number): number {
  return Math.floor(product / RATE_SCALE);
}

/** `floor(value × rate)` with the rate taken as the decimal it was written as. */
function truncatedShare(value: number, rate: number, what: string): number {
  if (!Number.isFinite(rate) || rate < 0 || rate >= 1) {
    throw new RangeError(`invalid ${what} ${rate}: expected a fraction in [0, 1)`);
  }
  const scaled = rate * RATE_SCALE;
  const units = Math.round(scaled);
  if (Math.abs(scaled - units) > 1e-6) {
    throw new RangeError(`invalid ${what} ${rate}: more than 10 decimal places`);
  }
  const product = value * units;
  if (Number.isSafeInteger(product)) return wholeWon(product);
  return Number((BigInt(value) * BigInt(units)) / RATE_SCALE_BIG);
}
