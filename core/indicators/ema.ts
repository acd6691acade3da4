import { assertPeriod, outputBuffer } from "./validate.ts";
import { windowSum } from "./window.ts";

/**
 * Exponential moving average with α = 2 / (period + 1), seeded with the simple average of the
 * first `period` values; NaN before that.
 *
 * @throws {RangeError} for a period that is not an integer ≥ 1 or a mis-sized `out`.
 * @example ema(closes, 20, buffer)
 */
export function ema(src: Float64Array, period: number, out?: Float64Array): Float64Array {
  assertPeriod("ema", "period", period);
  const result = outputBuffer("ema", src.length, out);
  const n = src.length;
  result.fill(NaN, 0, Math.min(period - 1, n));
  if (n < period) return result;
  const seed = windowSum(src, period - 1, period) / period;
  result[period - 1] = seed;
  emaRun(src, result, period, n, 2 / (period + 1), (period - 1) / (period + 1), seed);
  return result;
}

function emaRun(
  src: Float64Array,
  out: Float64Array,
  from: number,
  to: number,
  alpha: number,
  decay: number,
  value: number,
): void {
  for (let i = from; i < to; i++) {
    value = alpha * src[i]! + decay * value;
    out[i] = value;
  }
}

/** {@link ema} one bar at a time, bit-identical to the batch form. */
export class EmaStream {
  readonly #period: number;
  readonly #alpha: number;
  readonly #decay: number;
  #count = 0;
  #value = 0;

  /** @throws {RangeError} for a period that is not an integer ≥ 1. */
  constructor(period: number) {
    assertPeriod("EmaStream", "period", period);
    this.#period = period;
    this.#alpha = 2 / (period + 1);
    this.#decay = (period - 1) / (period + 1);
  }

  /** Adds the next value; returns the average, NaN until `period` values were seen. */
  next(x: number): number {
    const count = ++this.#count;
    if (count > this.#period) {
      this.#value = this.#alpha * x + this.#decay * this.#value;
      return this.#value;
    }
    this.#value += x;
    if (count < this.#period) return NaN;
    this.#value /= this.#period;
    return this.#value;
  }
}
