import { assertPeriod, outputBuffer } from "./validate.ts";

/**
 * Wilder's average true range. True range needs the previous close, so the first value, at
 * index `period`, is the mean of the true ranges of bars 1…period; later ones smooth by 1/period.
 *
 * @throws {RangeError} for a bad period, inputs of different lengths or a mis-sized `out`.
 * @example atr(highs, lows, closes, 14)
 */
export function atr(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  period: number,
  out?: Float64Array,
): Float64Array {
  assertPeriod("atr", "period", period);
  const n = close.length;
  if (high.length !== n || low.length !== n) {
    throw new RangeError(
      `atr: high, low and close must have the same length, got ${high.length}, ${low.length} and ${n}`,
    );
  }
  const result = outputBuffer("atr", n, out);
  result.fill(NaN, 0, Math.min(period, n));
  if (n <= period) return result;
  let sum = 0;
  for (let i = 1; i <= period; i++) {
    sum += trueRange(high[i]!, low[i]!, close[i - 1]!);
  }
  const seed = sum / period;
  result[period] = seed;
  atrRun(high, low, close, result, period + 1, n, 1 / period, (period - 1) / period, seed);
  return result;
}

function atrRun(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  out: Float64Array,
  from: number,
  to: number,
  weight: number,
  decay: number,
  value: number,
): void {
  for (let i = from; i < to; i++) {
    value = value * decay + trueRange(high[i]!, low[i]!, close[i - 1]!) * weight;
    out[i] = value;
  }
}

function trueRange(high: number, low: number, previousClose: number): number {
  return Math.max(high - low, Math.abs(high - previousClose), Math.abs(low - previousClose));
}

/** {@link atr} one bar at a time, bit-identical to the batch form. */
export class AtrStream {
  readonly #period: number;
  readonly #weight: number;
  readonly #decay: number;
  #count = 0;
  #previousClose = 0;
  #value = 0;

  /** @throws {RangeError} for a period that is not an integer ≥ 1. */
  constructor(period: number) {
    assertPeriod("AtrStream", "period", period);
    this.#period = period;
    this.#weight = 1 / period;
    this.#decay = (period - 1) / period;
  }

  /** Adds the next bar; returns the ATR, NaN until `period + 1` bars were seen. */
  next(high: number, low: number, close: number): number {
    const count = this.#count++;
    const range = trueRange(high, low, this.#previousClose);
    this.#previousClose = close;
    if (count === 0) return NaN;
    if (count > this.#period) {
      this.#value = this.#value * this.#decay + range * this.#weight;
      return this.#value;
    }
    this.#value += range;
    if (count < this.#period) return NaN;
    this.#value /= this.#period;
    return this.#value;
  }
}
