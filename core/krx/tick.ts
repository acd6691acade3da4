import type { InstrumentContext } from "./market.ts";

/**
 * KRX stock tick sizes since 2023-01-25, the same on KOSPI, KOSDAQ and KONEX: a band applies
 * from its `from` price (inclusive) up to the next band's `from`.
 */
export const STOCK_TICK_BANDS: readonly { readonly from: number; readonly tick: number }[] = [
  { from: 0, tick: 1 },
  { from: 2_000, tick: 5 },
  { from: 5_000, tick: 10 },
  { from: 20_000, tick: 50 },
  { from: 50_000, tick: 100 },
  { from: 200_000, tick: 500 },
  { from: 500_000, tick: 1_000 },
];

/** Tick size of ETFs and ETNs at every price (untouched by the 2023 reform). */
export const FUND_TICK = 5;

/** How {@link roundToTick} picks a grid price; `nearest` sends exact halves up. */
export type TickRounding = "down" | "up" | "nearest";

/**
 * The tick size (KRW) that applies at `price`.
 *
 * @throws {RangeError} when the price is negative or not finite.
 * @example tickSize(49_950) // 50
 */
export function tickSize(price: number, context: InstrumentContext = {}): number {
  assertPrice(price);
  if ((context.instrument ?? "stock") !== "stock") return FUND_TICK;
  let tick = 1;
  for (const band of STOCK_TICK_BANDS) {
    if (price < band.from) break;
    tick = band.tick;
  }
  return tick;
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
  const tick = tickSize(floorDiv(numerator, denominator), context);
  const step = tick * denominator;
  const down = floorDiv(numerator, step) * tick;
  if (down * denominator === numerator || mode === "down") return down;
  const up = down + tick;
  if (mode === "up") return up;
  return numerator - down * denominator < up * denominator - numerator ? down : up;
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
