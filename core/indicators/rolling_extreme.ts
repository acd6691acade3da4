import { assertPeriod, outputBuffer } from "./validate.ts";

/**
 * Highest value of each `period` window; NaN for the first `period - 1` bars. Amortised O(1)
 * per bar (a monotonic queue of window positions).
 *
 * @throws {RangeError} for a period that is not an integer ≥ 1 or a mis-sized `out`.
 * @example rollingMax(highs, 20)
 */
export function rollingMax(src: Float64Array, period: number, out?: Float64Array): Float64Array {
  return rollingExtreme("rollingMax", src, period, out, 1);
}

/**
 * Lowest value of each `period` window; NaN for the first `period - 1` bars.
 *
 * @throws {RangeError} for a period that is not an integer ≥ 1 or a mis-sized `out`.
 * @example rollingMin(lows, 20)
 */
export function rollingMin(src: Float64Array, period: number, out?: Float64Array): Float64Array {
  return rollingExtreme("rollingMin", src, period, out, -1);
}

/** `sign` 1 keeps maxima, -1 minima: a value dominates another when sign × value is ≥. */
function rollingExtreme(
  indicator: string,
  src: Float64Array,
  period: number,
  out: Float64Array | undefined,
  sign: 1 | -1,
): Float64Array {
  assertPeriod(indicator, "period", period);
  const result = outputBuffer(indicator, src.length, out);
  const queue = new MonotonicQueue(period, sign);
  for (let i = 0; i < src.length; i++) result[i] = queue.push(src[i]!);
  return result;
}

/**
 * The last `period` values' extreme: a ring of candidate values and their positions in which
 * each later candidate is strictly less extreme than the one before it.
 */
class MonotonicQueue {
  readonly #values: Float64Array;
  readonly #positions: Float64Array;
  readonly #sign: 1 | -1;
  #head = 0;
  #size = 0;
  #count = 0;

  constructor(period: number, sign: 1 | -1) {
    this.#values = new Float64Array(period);
    this.#positions = new Float64Array(period);
    this.#sign = sign;
  }

  push(x: number): number {
    const values = this.#values;
    const positions = this.#positions;
    const capacity = values.length;
    const position = this.#count++;
    if (this.#size > 0 && positions[this.#head]! <= position - capacity) {
      this.#head = this.#head + 1 === capacity ? 0 : this.#head + 1;
      this.#size--;
    }
    const scaled = this.#sign * x;
    while (this.#size > 0) {
      const back = (this.#head + this.#size - 1) % capacity;
      if (this.#sign * values[back]! > scaled) break;
      this.#size--;
    }
    const slot = (this.#head + this.#size) % capacity;
    values[slot] = x;
    positions[slot] = position;
    this.#size++;
    return position + 1 < capacity ? NaN : values[this.#head]!;
  }
}

/** {@link rollingMax} one bar at a time. */
export class RollingMaxStream {
  readonly #queue: MonotonicQueue;

  /** @throws {RangeError} for a period that is not an integer ≥ 1. */
  constructor(period: number) {
    assertPeriod("RollingMaxStream", "period", period);
    this.#queue = new MonotonicQueue(period, 1);
  }

  /** Adds the next value; returns the window's maximum, NaN until `period` values were seen. */
  next(x: number): number {
    return this.#queue.push(x);
  }
}

/** {@link rollingMin} one bar at a time. */
export class RollingMinStream {
  readonly #queue: MonotonicQueue;

  /** @throws {RangeError} for a period that is not an integer ≥ 1. */
  constructor(period: number) {
    assertPeriod("RollingMinStream", "period", period);
    this.#queue = new MonotonicQueue(period, -1);
  }

  /** Adds the next value; returns the window's minimum, NaN until `period` values were seen. */
  next(x: number): number {
    return this.#queue.push(x);
  }
}
