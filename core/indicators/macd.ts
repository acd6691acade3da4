import { ema, EmaStream } from "./ema.ts";
import { assertPeriod, outputBuffer } from "./validate.ts";

/** MACD line, its signal line and their difference, one value per bar in each array. */
export interface MacdLines {
  macd: Float64Array;
  signal: Float64Array;
  histogram: Float64Array;
}

/**
 * MACD: EMA(fast) − EMA(slow), NaN before bar `slow - 1`; the signal line is the `signal`-period
 * {@link ema} of the MACD line from there on, and the histogram is MACD − signal.
 *
 * @throws {RangeError} for periods that are not integers ≥ 1, `fast ≥ slow`, or mis-sized buffers.
 * @example macd(closes, 12, 26, 9)
 */
export function macd(
  src: Float64Array,
  fast: number,
  slow: number,
  signal: number,
  out?: MacdLines,
): MacdLines {
  assertMacdPeriods("macd", fast, slow, signal);
  const n = src.length;
  const lines = {
    macd: outputBuffer("macd", n, out?.macd, "macd buffer"),
    signal: outputBuffer("macd", n, out?.signal, "signal buffer"),
    histogram: outputBuffer("macd", n, out?.histogram, "histogram buffer"),
  };
  // The histogram buffer holds the slow EMA until the end, so nothing is allocated.
  ema(src, fast, lines.macd);
  ema(src, slow, lines.histogram);
  subtract(lines.macd, lines.histogram, lines.macd);
  const first = Math.min(slow - 1, n);
  lines.signal.fill(NaN, 0, first);
  ema(lines.macd.subarray(first), signal, lines.signal.subarray(first));
  subtract(lines.macd, lines.signal, lines.histogram);
  return lines;
}

function subtract(a: Float64Array, b: Float64Array, out: Float64Array): void {
  for (let i = 0; i < out.length; i++) out[i] = a[i]! - b[i]!;
}

function assertMacdPeriods(indicator: string, fast: number, slow: number, signal: number): void {
  assertPeriod(indicator, "fast period", fast);
  assertPeriod(indicator, "slow period", slow);
  assertPeriod(indicator, "signal period", signal);
  if (fast >= slow) {
    throw new RangeError(
      `${indicator}: fast period must be shorter than slow period, got ${fast} and ${slow}`,
    );
  }
}

/** {@link macd} one bar at a time, bit-identical to the batch form. */
export class MacdStream {
  /** The latest MACD value, also returned by `next` (NaN during warm-up). */
  macd = NaN;
  /** The latest signal-line value (NaN during warm-up). */
  signal = NaN;
  /** The latest MACD − signal (NaN during warm-up). */
  histogram = NaN;
  readonly #fast: EmaStream;
  readonly #slow: EmaStream;
  readonly #signal: EmaStream;
  readonly #slowPeriod: number;
  #count = 0;

  /** @throws {RangeError} for periods that are not integers ≥ 1 or `fast ≥ slow`. */
  constructor(fast: number, slow: number, signal: number) {
    assertMacdPeriods("MacdStream", fast, slow, signal);
    this.#fast = new EmaStream(fast);
    this.#slow = new EmaStream(slow);
    this.#signal = new EmaStream(signal);
    this.#slowPeriod = slow;
  }

  /** Adds the next value; returns the MACD value and updates `signal` and `histogram`. */
  next(x: number): number {
    this.macd = this.#fast.next(x) - this.#slow.next(x);
    if (++this.#count >= this.#slowPeriod) {
      this.signal = this.#signal.next(this.macd);
      this.histogram = this.macd - this.signal;
    }
    return this.macd;
  }
}
