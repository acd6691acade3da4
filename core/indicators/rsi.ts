import { assertPeriod, outputBuffer } from "./validate.ts";

/**
 * Wilder's relative strength index (0–100): the first value, at index `period`, uses the simple
 * means of the first `period` gains and losses; later ones smooth them by 1/period. A window
 * without any price change reads 50.
 *
 * @throws {RangeError} for a period that is not an integer ≥ 1 or a mis-sized `out`.
 * @example rsi(closes, 14, buffer)
 */
export function rsi(src: Float64Array, period: number, out?: Float64Array): Float64Array {
  assertPeriod("rsi", "period", period);
  const result = outputBuffer("rsi", src.length, out);
  const n = src.length;
  result.fill(NaN, 0, Math.min(period, n));
  if (n <= period) return result;
  let gains = 0;
  let losses = 0;
  for (let i = 1; i <= period; i++) {
    const change = src[i]! - src[i - 1]!;
    const size = Math.abs(change);
    gains += (size + change) * 0.5;
    losses += (size - change) * 0.5;
  }
  const gain = gains / period;
  const loss = losses / period;
  result[period] = rsiOf(gain, loss);
  rsiRun(src, result, period + 1, n, 0.5 / period, (period - 1) / period, gain, loss);
  return result;
}

function rsiRun(
  src: Float64Array,
  out: Float64Array,
  from: number,
  to: number,
  halfWeight: number,
  decay: number,
  gain: number,
  loss: number,
): void {
  for (let i = from; i < to; i++) {
    const change = src[i]! - src[i - 1]!;
    const size = Math.abs(change);
    // (size ± change) is twice the gain or loss, without a data-dependent branch; halving the
    // weight instead of the sum rounds identically.
    gain = gain * decay + (size + change) * halfWeight;
    loss = loss * decay + (size - change) * halfWeight;
    out[i] = rsiOf(gain, loss);
  }
}

function rsiOf(gain: number, loss: number): number {
  const total = gain + loss;
  return total > 0 ? (100 * gain) / total : 50;
}

/** {@link rsi} one bar at a time, bit-identical to the batch form. */
export class RsiStream {
  readonly #period: number;
  readonly #halfWeight: number;
  readonly #decay: number;
  #count = 0;
  #previous = 0;
  #gain = 0;
  #loss = 0;

  /** @throws {RangeError} for a period that is not an integer ≥ 1. */
  constructor(period: number) {
    assertPeriod("RsiStream", "period", period);
    this.#period = period;
    this.#halfWeight = 0.5 / period;
    this.#decay = (period - 1) / period;
  }

  /** Adds the next close; returns the RSI, NaN until `period + 1` closes were seen. */
  next(x: number): number {
    const count = this.#count++;
    const change = x - this.#previous;
    this.#previous = x;
    if (count === 0) return NaN;
    const size = Math.abs(change);
    if (count > this.#period) {
      this.#gain = this.#gain * this.#decay + (size + change) * this.#halfWeight;
      this.#loss = this.#loss * this.#decay + (size - change) * this.#halfWeight;
      return rsiOf(this.#gain, this.#loss);
    }
    this.#gain += (size + change) * 0.5;
    this.#loss += (size - change) * 0.5;
    if (count < this.#period) return NaN;
    this.#gain /= this.#period;
    this.#loss /= this.#period;
    return rsiOf(this.#gain, this.#loss);
  }
}
