import type { IsoDate } from "./date.ts";
import { rowInForce } from "./dated.ts";
import type { InstrumentContext, Market } from "./market.ts";

/** A tick table: a band applies from its `from` price (inclusive) up to the next band's `from`. */
export type TickBands = readonly { readonly from: number; readonly tick: number }[];

/** KRX stock tick sizes since 2023-01-25, the same on KOSPI, KOSDAQ and KONEX. */
export const STOCK_TICK_BANDS: TickBands = [
  { from: 0, tick: 1 },
  { from: 2_000, tick: 5 },
  { from: 5_000, tick: 10 },
  { from: 20_000, tick: 50 },
  { from: 50_000, tick: 100 },
  { from: 200_000, tick: 500 },
  { from: 500_000, tick: 1_000 },
];

/** KOSPI stock tick sizes before 2023-01-25. */
export const KOSPI_TICK_BANDS_BEFORE_2023: TickBands = [
  { from: 0, tick: 1 },
  { from: 1_000, tick: 5 },
  { from: 5_000, tick: 10 },
  { from: 10_000, tick: 50 },
  { from: 50_000, tick: 100 },
  { from: 100_000, tick: 500 },
  { from: 500_000, tick: 1_000 },
];

/** KOSDAQ (and KONEX) stock tick sizes before 2023-01-25: KOSPI's up to 50,000, then 100. */
export const KOSDAQ_TICK_BANDS_BEFORE_2023: TickBands = KOSPI_TICK_BANDS_BEFORE_2023.filter(
  (band) => band.from <= 50_000,
);

/** ETF and ETN tick sizes since 2023-12-18: 1 won below 2,000 won, 5 won from there. */
export const FUND_TICK_BANDS: TickBands = [
  { from: 0, tick: 1 },
  { from: 2_000, tick: 5 },
];

/** ETF and ETN tick size at every price before 2023-12-18. */
export const FUND_TICK_BEFORE_2023_12_18 = 5;

/** A row of {@link TICK_TABLES}: stock bands per market and ETF/ETN bands in force from `from`. */
export interface TickTable {
  readonly from: IsoDate;
  readonly stock: Readonly<Record<Market, TickBands>>;
  readonly fund: TickBands;
}

/**
 * The tick tables by trading day; a row applies from its `from` date until the next row's. The
 * first row also covers every earlier date: the project models no older tick reform.
 */
export const TICK_TABLES: readonly [TickTable, ...TickTable[]] = [
  {
    from: "2015-01-01" as IsoDate,
    stock: {
      KOSPI: KOSPI_TICK_BANDS_BEFORE_2023,
      KOSDAQ: KOSDAQ_TICK_BANDS_BEFORE_2023,
      KONEX: KOSDAQ_TICK_BANDS_BEFORE_2023,
    },
    fund: [{ from: 0, tick: FUND_TICK_BEFORE_2023_12_18 }],
  },
  {
    // KRX tick-size reform (호가가격단위 개편), in force from 2023-01-25.
    from: "2023-01-25" as IsoDate,
    stock: { KOSPI: STOCK_TICK_BANDS, KOSDAQ: STOCK_TICK_BANDS, KONEX: STOCK_TICK_BANDS },
    fund: [{ from: 0, tick: FUND_TICK_BEFORE_2023_12_18 }],
  },
  {
    // ETF/ETN detailed rules amended 2023-10: 1-won ticks below 2,000 won from 2023-12-18.
    from: "2023-12-18" as IsoDate,
    stock: { KOSPI: STOCK_TICK_BANDS, KOSDAQ: STOCK_TICK_BANDS, KONEX: STOCK_TICK_BANDS },
    fund: FUND_TICK_BANDS,
  },
];

/** How {@link roundToTick} picks a grid price; `nearest` sends exact halves up. */
export type TickRounding = "down" | "up" | "nearest";

/** The tick table for `context`: its instrument, market and date (default: today's stock table). */
export function tickBands(context: InstrumentContext = {}): TickBands {
  const table = rowInForce(TICK_TABLES, context.date);
  if ((context.instrument ?? "stock") !== "stock") return table.fund;
  return table.stock[context.market ?? "KOSPI"];
}

/**
 * The tick size (KRW) that applies at `price` for the instrument, market and date in `context`.
 *
 * @throws {RangeError} when the price is negative or not finite.
 * @example tickSize(49_950) // 50
 */
export function tickSize(price: number, context: InstrumentContext = {}): number {
  assertPrice(price);
  return tickIn(tickBands(context), price);
}

/**
 * Rounds a price to the tick grid. Every band starts on a multiple of its own tick, so rounding
 * up past a band's top lands on the next band's first price, which is on both grids.
 *
 * @example roundToTick(4_997, "nearest") // 4_995
 */
export function roundToTick(
  price: number,
  mode: TickRounding,
  context: InstrumentContext = {},
): number {
  return roundRatioToTick(price, 1, mode, context);
}

/** Whether `price` is a positive price that KRX accepts for an order. */
export function isOnTick(price: number, context: InstrumentContext = {}): boolean {
  return Number.isInteger(price) && price > 0 && price % tickSize(price, context) === 0;
}

/**
 * Rounds the ratio `numerator / denominator` (denominator > 0) to the tick grid without
 * forming the ratio in floating point, so integer inputs give exact results.
 */
export function roundRatioToTick(
  numerator: number,
  denominator: number,
  mode: TickRounding,
  context: InstrumentContext = {},
): number {
  assertPrice(numerator);
  const tick = tickIn(tickBands(context), floorDiv(numerator, denominator));
  const step = tick * denominator;
  const down = floorDiv(numerator, step) * tick;
  if (down * denominator === numerator || mode === "down") return down;
  const up = down + tick;
  if (mode === "up") return up;
  return numerator - down * denominator < up * denominator - numerator ? down : up;
}

function tickIn(bands: TickBands, price: number): number {
  let tick = 1;
  for (const band of bands) {
    if (price < band.from) break;
    tick = band.tick;
  }
  return tick;
}

/** `floor(n / d)` for d > 0, corrected so that it is exact whenever n and d are integers. */
function floorDiv(n: number, d: number): number {
  const q = Math.floor(n / d);
  if (q * d > n) return q - 1;
  if ((q + 1) * d <= n) return q + 1;
  return q;
}

function assertPrice(price: number): void {
  if (!Number.isFinite(price) || price < 0) {
    throw new RangeError(`invalid price ${price}: expected a finite number ≥ 0`);
  }
}
