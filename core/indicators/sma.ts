import { assertPeriod, outputBuffer } from "./validate.ts";
import { RESYNC_INTERVAL, Ring } from "./window.ts";

/**
 * Simple moving average; NaN for the first `period - 1` bars.
 *
 * @throws {RangeError} for a period that is not an integer ≥ 1 or a mis-sized `out`.
 * @example sma(new Float64Array([1, 2, 3, 4]), 2) // [NaN, 1.5, 2.5, 3.5]
 */
export function sma(src: Float64Array, period: number, out?: Float64Array): Float64Array {
  assertPeriod("sma", "period", period);
  const result = outputBuffer("sma", src.length, out);
  result.fill(NaN, 0, Math.min(period - 1, src.length));
  smaBlocks(src, period, result);
  return result;
}

// One function holds both loops: V8 then optimises it as a whole on the first long call,
// where a separate per-block function would linger in a slower tier for many calls.
function smaBlocks(src: Float64Array, period: number, out: Float64Array): void {
  const n = src.length;
  for (let start = period - 1; start < n; start += RESYNC_INTERVAL) {
    let sum = 0;
    for (let i = start - period + 1; i <= start; i++) sum += src[i]!;
    out[start] = sum / period;
    const end = Math.min(start + RESYNC_INTERVAL, n);
    for (let i = start + 1; i < end; i++) {
      sum += src[i]! - src[i - period]!;
      out[i] = sum / period;
    }
  }
}

/** {@link sma} one bar at a time, bit-identical to the batch form. */
export class SmaStream {
  readonly #period: number;
  readonly #ring: Ring;
  #sum = 0;

  /** @throws {RangeError} for a period that is not an integer ≥ 1. */
  constructor(period: number) {
    assertPeriod("SmaStream", "period", period);
    this.#period = period;
    this.#ring = new Ring(period);
  }

  /** Adds the next value; returns the average, NaN until `period` values were seen. */
  next(x: number): number {
    const ring = this.#ring;
    const old = ring.push(x);
    if (ring.count < this.#period) return NaN;
    this.#sum = ring.resyncDue() ? ring.sum() : this.#sum + (x - old);
    return this.#sum / this.#period;
  }
}
