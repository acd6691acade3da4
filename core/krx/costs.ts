import { DEFAULT_CALENDAR } from "./calendar.ts";
import type { IsoDate } from "./date.ts";
import type { InstrumentKind, Market } from "./market.ts";

/** Default broker commission per side: 0.015 % of the traded value. */
export const DEFAULT_FEE_RATE = 0.00015;

/** A row of {@link SELL_TAX_SCHEDULE}: the sell tax rate of each market in force from `from`. */
export interface SellTaxRow {
  readonly from: IsoDate;
  readonly rates: Readonly<Record<Market, number>>;
}

/**
 * Sell-side securities transaction tax (including the 0.15 % special rural-development tax on
 * KOSPI), as a fraction of the sale value, by the **settlement** day on which a rate is in force
 * (the tax falls due when the shares are transferred, T+2 trading days after the trade); a row
 * applies from its date until the next row's. The first row's rates had been in force since
 * 1996; the schedule starts with the calendar's first year. Sources: docs/market-rules.md.
 */
export const SELL_TAX_SCHEDULE: readonly SellTaxRow[] = [
  // KOSPI 0.15 % + rural tax 0.15 %; KOSDAQ and KONEX 0.3 %.
  { from: "2015-01-01" as IsoDate, rates: { KOSPI: 0.003, KOSDAQ: 0.003, KONEX: 0.003 } },
  // Enforcement Decree cut: KOSPI 0.10 % + 0.15 %, KOSDAQ 0.25 %, KONEX 0.10 %.
  { from: "2019-06-03" as IsoDate, rates: { KOSPI: 0.0025, KOSDAQ: 0.0025, KONEX: 0.001 } },
  // KOSPI 0.08 % + 0.15 %.
  { from: "2021-01-01" as IsoDate, rates: { KOSPI: 0.0023, KOSDAQ: 0.0023, KONEX: 0.001 } },
  // KOSPI 0.05 % + 0.15 %.
  { from: "2023-01-01" as IsoDate, rates: { KOSPI: 0.002, KOSDAQ: 0.002, KONEX: 0.001 } },
  // KOSPI 0.03 % + 0.15 %.
  { from: "2024-01-01" as IsoDate, rates: { KOSPI: 0.0018, KOSDAQ: 0.0018, KONEX: 0.001 } },
  // KOSPI 0 % + 0.15 %.
  { from: "2025-01-01" as IsoDate, rates: { KOSPI: 0.0015, KOSDAQ: 0.0015, KONEX: 0.001 } },
  // KOSPI 0.05 % + 0.15 %.
  { from: "2026-01-01" as IsoDate, rates: { KOSPI: 0.002, KOSDAQ: 0.002, KONEX: 0.001 } },
];

/** Trading days from a trade to its settlement (T+2). */
export const SETTLEMENT_DAYS = 2;

/**
 * {@link SELL_TAX_SCHEDULE} by **trade** date: each row starts on the first trade date that
 * settles on or after the statutory row's date (2024-12-27 for 2025, 2025-12-29 for 2026), found
 * on the bundled calendar. The first row starts on its own date.
 */
export const SELL_TAX_BY_TRADE_DATE: readonly SellTaxRow[] = SELL_TAX_SCHEDULE.map((row, i) => {
  if (i === 0) return row;
  const firstSettlement = DEFAULT_CALENDAR.isTradingDay(row.from)
    ? row.from
    : DEFAULT_CALENDAR.nextTradingDay(row.from);
  return {
    from: DEFAULT_CALENDAR.addTradingDays(firstSettlement, -SETTLEMENT_DAYS),
    rates: row.rates,
  };
});

/**
 * The sell tax rate charged on a sale executed on `tradeDate`: the rate in force on its
 * settlement day. ETFs and ETNs pay none.
 *
 * @throws {RangeError} for trade dates before the schedule starts; pass a tax rate explicitly.
 * @example sellTaxRate(parseIsoDate("2024-12-27"), "KOSPI") // 0.0015, the 2025 rate
 */
export function sellTaxRate(
  tradeDate: IsoDate,
  market: Market,
  instrument: InstrumentKind = "stock",
): number {
  let rate: number | undefined;
  for (const row of SELL_TAX_BY_TRADE_DATE) {
    if (tradeDate < row.from) break;
    rate = row.rates[market];
  }
  if (rate === undefined) {
    throw new RangeError(
      `no sell-tax rate known for a sale on ${tradeDate} (the schedule starts ${
        SELL_TAX_SCHEDULE[0]?.from
      }); pass taxRate explicitly`,
    );
  }
  return instrument === "stock" ? rate : 0;
}

/** One execution, priced in integer KRW per share. */
export interface Fill {
  side: "buy" | "sell";
  price: number;
  qty: number;
  /** The trade date; the tax rate is the one in force on its settlement day. */
  date: IsoDate;
  market: Market;
  /** Default `stock`; ETFs and ETNs pay no sell tax. */
  instrument?: InstrumentKind;
}

/** Rate overrides for {@link fillCosts}; `taxRate` replaces the dated schedule. */
export interface CostRates {
  feeRate?: number;
  taxRate?: number;
}

/**
 * Commission and sell tax of one fill in whole KRW, each truncated below the won (원 미만 절사).
 * The tax is charged on stock sales at the rate in force on the settlement day (T+2); ETF and
 * ETN sales pay none. Rates are read as decimals with up to 10 places, and the truncation is
 * exact.
 *
 * @throws {RangeError} for a non-integer or negative price or quantity, or a rate outside [0, 1).
 * @example fillCosts({ side: "sell", price: 70_000, qty: 10, date, market: "KOSPI" })
 */
export function fillCosts(fill: Fill, rates: CostRates = {}): { fee: number; tax: number } {
  const { side, price, qty, date, market, instrument = "stock" } = fill;
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
  const tax = side === "sell" && instrument === "stock"
    ? truncatedShare(value, rates.taxRate ?? sellTaxRate(date, market), "tax rate")
    : 0;
  return { fee, tax };
}

/**
 * The most whole shares at `price` whose value plus buy commission fits in `budget` KRW: an
 * estimate from `feeRate`, stepped down while the commission `fee` charges on the value (truncated
 * to the won, as {@link fillCosts} does) pushes the total over. The backtest ledger and the
 * rebalancing planner both size buys with it, so they agree to the share.
 *
 * @example affordableQty(10_000, 500_000, 0.00015, (value) => Math.floor(value * 0.00015)) // 49
 */
export function affordableQty(
  price: number,
  budget: number,
  feeRate: number,
  fee: (value: number) => number,
): number {
  if (budget <= 0 || price <= 0) return 0;
  let qty = Math.floor(budget / (price * (1 + feeRate)));
  while (qty > 0 && price * qty + fee(price * qty) > budget) qty--;
  return qty;
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
