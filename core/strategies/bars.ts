import type { IsoDate } from "../krx/mod.ts";

/** Daily OHLCV bars of one symbol in ascending date order, one column per field. */
export interface Bars {
  readonly dates: readonly IsoDate[];
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
}

/** The columns {@link createBars} accepts; arrays of numbers are copied into `Float64Array`s. */
export interface BarsInput {
  readonly dates: readonly IsoDate[];
  readonly open: ArrayLike<number>;
  readonly high: ArrayLike<number>;
  readonly low: ArrayLike<number>;
  readonly close: ArrayLike<number>;
  readonly volume: ArrayLike<number>;
}

/** Thrown by {@link createBars}; `index` is the offending bar (0-based), when one is to blame. */
export class BarsError extends RangeError {
  /** The 0-based bar index at fault, or `null` for a problem with the series as a whole. */
  readonly index: number | null;

  /** Builds the error with the bar index it refers to. */
  constructor(message: string, index: number | null) {
    super(message);
    this.name = "BarsError";
    this.index = index;
  }
}

const PRICE_FIELDS = ["open", "high", "low", "close"] as const;

/**
 * Validates columns into {@link Bars}: equal lengths, strictly ascending dates, prices positive
 * whole won, volume a non-negative number, and low ≤ open, close ≤ high.
 *
 * @example
 * const bars = createBars({ dates, open: [100], high: [110], low: [90], close: [105], volume: [1] });
 */
export function createBars(input: BarsInput): Bars {
  const n = input.dates.length;
  for (const field of [...PRICE_FIELDS, "volume"] as const) {
    if (input[field].length !== n) {
      throw new BarsError(`${field} has ${input[field].length} values but dates has ${n}`, null);
    }
  }
  const bars: Bars = {
    dates: input.dates,
    open: toColumn(input.open),
    high: toColumn(input.high),
    low: toColumn(input.low),
    close: toColumn(input.close),
    volume: toColumn(input.volume),
  };
  for (let i = 0; i < n; i++) checkBar(bars, i);
  return bars;
}

function toColumn(values: ArrayLike<number>): Float64Array {
  return values instanceof Float64Array ? values : Float64Array.from(values);
}

function checkBar(bars: Bars, i: number): void {
  const date = bars.dates[i] as IsoDate;
  const previous = bars.dates[i - 1];
  if (previous !== undefined && previous >= date) {
    throw new BarsError(`dates must be strictly ascending: ${date} follows ${previous}`, i);
  }
  for (const field of PRICE_FIELDS) {
    const price = bars[field][i] as number;
    if (!Number.isInteger(price) || price <= 0) {
      throw new BarsError(
        `${field} on ${date} must be a positive whole number of won: ${price}`,
        i,
      );
    }
  }
  const volume = bars.volume[i] as number;
  if (!(volume >= 0) || !Number.isFinite(volume)) {
    throw new BarsError(`volume on ${date} must be a non-negative number: ${volume}`, i);
  }
  const high = bars.high[i] as number;
  const low = bars.low[i] as number;
  const top = Math.max(bars.open[i] as number, bars.close[i] as number);
  const bottom = Math.min(bars.open[i] as number, bars.close[i] as number);
  if (high < top || low > bottom) {
    throw new BarsError(`bar on ${date} must satisfy low ≤ open, close ≤ high`, i);
  }
}

/** The bars from index `from` (inclusive) to `to` (exclusive), sharing memory with `bars`. */
export function sliceBars(bars: Bars, from: number, to: number): Bars {
  return {
    dates: bars.dates.slice(from, to),
    open: bars.open.subarray(from, to),
    high: bars.high.subarray(from, to),
    low: bars.low.subarray(from, to),
    close: bars.close.subarray(from, to),
    volume: bars.volume.subarray(from, to),
  };
}
