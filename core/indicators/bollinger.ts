import { assertPeriod, outputBuffer } from "./validate.ts";
import { RESYNC_INTERVAL, Ring, windowSquaredDeviations, windowSum } from "./window.ts";

/**
 * Recompute the squared deviations once they fall below 2⁻²⁰ of their running total since the
 * last recomputation: each update errs by about ε times the squares it handles, so this keeps
 * the variance's relative error near 2²⁰ ε ≈ 2·10⁻¹⁰.
 */
const CANCELLATION_LIMIT = 2 ** 20;

/** Bollinger bands, one value per bar in each array. */
export interface BollingerBands {
  middle: Float64Array;
  upper: Float64Array;
  lower: Float64Array;
}

/**
 * Bollinger bands: the `period` simple average (bit-identical to {@link sma}) ± `k` population
 * standard deviations; NaN for the first `period - 1` bars. The squared deviations are updated
 * by the exact sliding-window identity rather than from a sum of squares, which would cancel
 * catastrophically at price levels far above the spread, and are recomputed from the window when
 * they shrink far below what has passed through them (a volatile stretch followed by a flat one),
 * where the update's rounding error would otherwise dominate.
 *
 * @throws {RangeError} for a bad period, a non-finite `k` or mis-sized output buffers.
 * @example bollinger(closes, 20, 2)
 */
export function bollinger(
  src: Float64Array,
  period: number,
  k: number,
  out?: BollingerBands,
): BollingerBands {
  assertPeriod("bollinger", "period", period);
  assertMultiplier("bollinger", k);
  const n = src.length;
  const bands = {
    middle: outputBuffer("bollinger", n, out?.middle, "middle buffer"),
    upper: outputBuffer("bollinger", n, out?.upper, "upper buffer"),
    lower: outputBuffer("bollinger", n, out?.lower, "lower buffer"),
  };
  const warmUp = Math.min(period - 1, n);
  bands.middle.fill(NaN, 0, warmUp);
  bands.upper.fill(NaN, 0, warmUp);
  bands.lower.fill(NaN, 0, warmUp);
  bollingerBlocks(src, period, k, bands.middle, bands.upper, bands.lower);
  return bands;
}

// One function holds both loops: V8 then optimises it as a whole on the first long call,
// where a separate per-block function would linger in a slower tier for many calls.
function bollingerBlocks(
  src: Float64Array,
  period: number,
  k: number,
  middle: Float64Array,
  upper: Float64Array,
  lower: Float64Array,
): void {
  const n = src.length;
  const inversePeriod = 1 / period;
  for (let start = period - 1; start < n; start += RESYNC_INTERVAL) {
    let sum = windowSum(src, start, period);
    let mean = sum / period;
    let m2 = windowSquaredDeviations(src, start, period, mean);
    let width = k * deviation(m2, inversePeriod);
    middle[start] = mean;
    upper[start] = mean + width;
    lower[start] = mean - width;
    let handled = 0;
    const end = Math.min(start + RESYNC_INTERVAL, n);
    let i = start + 1;
    while (i < end) {
      // The loop body makes no calls, so V8 keeps the arrays' bounds and data pointers in
      // registers; a recomputation leaves the loop and re-enters it.
      for (; i < end; i++) {
        const x = src[i]!;
        const old = src[i - period]!;
        const previousMean = mean;
        sum += x - old;
        mean = sum / period;
        m2 += (x - old) * ((x - mean) + (old - previousMean));
        handled += m2;
        if (m2 * CANCELLATION_LIMIT < handled) break;
        width = k * deviation(m2, inversePeriod);
        middle[i] = mean;
        upper[i] = mean + width;
        lower[i] = mean - width;
      }
      if (i === end) break;
      m2 = windowSquaredDeviations(src, i, period, mean);
      handled = 0;
      width = k * deviation(m2, inversePeriod);
      middle[i] = mean;
      upper[i] = mean + width;
      lower[i] = mean - width;
      i++;
    }
  }
}

/**
 * Population standard deviation from squared deviations and 1 / period (a multiplication is
 * cheaper than a division here, and only the bands see it); rounding below zero reads as 0.
 */
function deviation(m2: number, inversePeriod: number): number {
  const variance = m2 * inversePeriod;
  return Math.sqrt((variance + Math.abs(variance)) * 0.5);
}

function assertMultiplier(indicator: string, k: number): void {
  if (!Number.isFinite(k)) throw new RangeError(`${indicator}: k must be finite, got ${k}`);
}

/** {@link bollinger} one bar at a time, bit-identical to the batch form. */
export class BollingerStream {
  /** The latest upper band (NaN during warm-up). */
  upper = NaN;
  /** The latest lower band (NaN during warm-up). */
  lower = NaN;
  /** The latest middle band, also returned by `next` (NaN during warm-up). */
  middle = NaN;
  readonly #period: number;
  readonly #k: number;
  readonly #inversePeriod: number;
  readonly #ring: Ring;
  #sum = 0;
  #m2 = 0;
  #handled = 0;

  /** @throws {RangeError} for a bad period or a non-finite `k`. */
  constructor(period: number, k: number) {
    assertPeriod("BollingerStream", "period", period);
    assertMultiplier("BollingerStream", k);
    this.#period = period;
    this.#k = k;
    this.#inversePeriod = 1 / period;
    this.#ring = new Ring(period);
  }

  /** Adds the next value; returns the middle band and updates `upper` and `lower`. */
  next(x: number): number {
    const ring = this.#ring;
    const period = this.#period;
    const old = ring.push(x);
    if (ring.count < period) return NaN;
    let mean: number;
    if (ring.resyncDue()) {
      this.#sum = ring.sum();
      mean = this.#sum / period;
      this.#m2 = ring.squaredDeviations(mean);
      this.#handled = 0;
    } else {
      const previousMean = this.middle;
      this.#sum += x - old;
      mean = this.#sum / period;
      this.#m2 += (x - old) * ((x - mean) + (old - previousMean));
      this.#handled += this.#m2;
      if (this.#m2 * CANCELLATION_LIMIT < this.#handled) {
        this.#m2 = ring.squaredDeviations(mean);
        this.#handled = 0;
      }
    }
    const width = this.#k * deviation(this.#m2, this.#inversePeriod);
    this.middle = mean;
    this.upper = mean + width;
    this.lower = mean - width;
    return mean;
  }
}
