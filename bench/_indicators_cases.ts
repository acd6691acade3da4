/**
 * The indicator benchmark's cases, shared by `indicators_bench.ts` (deno bench, ratios) and
 * `_indicators_medians.ts` (interleaved median ns/bar for docs/performance.md). Each indicator
 * is run by a plain single-pass Float64Array loop (the baseline), by ours into caller-owned
 * buffers, and by each npm peer on a `number[]` converted once outside the timed code.
 */
import { bollinger, ema, rsi, sma } from "../core/indicators/mod.ts";
import * as technicalindicators from "technicalindicators";
import { BollingerBands, EMA, RSI, SMA } from "trading-signals";
import * as indicatorts from "indicatorts";
import { IndicatorsSync } from "@ixjb94/indicators";

/** Bars per timed call. */
export const BARS = 1_000_000;

/** One timed call: `indicator` by `implementation`. */
export interface IndicatorCase {
  indicator: "SMA(20)" | "EMA(20)" | "RSI(14)" | "Bollinger(20,2)";
  implementation: string;
  run: () => void;
  /** The plain loop the other implementations are compared with. */
  baseline?: boolean;
  /** Takes long enough per call that a handful of calls suffice. */
  slow?: boolean;
  /** An npm package (allocating its own output), as opposed to a loop over caller buffers. */
  peer?: boolean;
}

/**
 * A seeded random walk of whole-won prices: daily moves of up to ±2 %, pulled gently back toward
 * 50,000 won so that a million bars stay in a realistic band (about 25,000 to 125,000 won). A
 * plain geometric walk drifts so far over a million steps that it rounds to 0 (this seed's did
 * from bar 150,683 on, for 81 % of the bars), and a series of mostly zeros times the slow
 * subnormal arithmetic of decaying averages instead of the kernels.
 */
export function randomWalkCloses(length: number, seed = 20240101): Float64Array {
  const closes = new Float64Array(length);
  const home = Math.log(50_000);
  let state = seed >>> 0;
  let logPrice = home;
  for (let i = 0; i < length; i++) {
    // xorshift32: deterministic and good enough to drive a price path
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    logPrice += (state / 4_294_967_296 - 0.5) * 0.04 - 0.002 * (logPrice - home);
    closes[i] = Math.round(Math.exp(logPrice));
  }
  return closes;
}

interface Bands {
  middle: Float64Array;
  upper: Float64Array;
  lower: Float64Array;
}

function plainSma(src: Float64Array, period: number, dst: Float64Array): void {
  let sum = 0;
  for (let i = 0; i < period - 1; i++) {
    sum += src[i]!;
    dst[i] = NaN;
  }
  sum += src[period - 1]!;
  dst[period - 1] = sum / period;
  for (let i = period; i < src.length; i++) {
    sum += src[i]! - src[i - period]!;
    dst[i] = sum / period;
  }
}

function plainEma(src: Float64Array, period: number, dst: Float64Array): void {
  const alpha = 2 / (period + 1);
  const decay = 1 - alpha;
  let value = 0;
  for (let i = 0; i < period; i++) {
    value += src[i]!;
    dst[i] = NaN;
  }
  value /= period;
  dst[period - 1] = value;
  for (let i = period; i < src.length; i++) {
    value = alpha * src[i]! + decay * value;
    dst[i] = value;
  }
}

function plainRsi(src: Float64Array, period: number, dst: Float64Array): void {
  let gain = 0;
  let loss = 0;
  dst[0] = NaN;
  for (let i = 1; i <= period; i++) {
    const change = src[i]! - src[i - 1]!;
    gain += (Math.abs(change) + change) * 0.5;
    loss += (Math.abs(change) - change) * 0.5;
    dst[i] = NaN;
  }
  gain /= period;
  loss /= period;
  dst[period] = (100 * gain) / (gain + loss);
  const halfWeight = 0.5 / period;
  const decay = (period - 1) / period;
  for (let i = period + 1; i < src.length; i++) {
    const change = src[i]! - src[i - 1]!;
    const size = Math.abs(change);
    gain = gain * decay + (size + change) * halfWeight;
    loss = loss * decay + (size - change) * halfWeight;
    dst[i] = (100 * gain) / (gain + loss);
  }
}

/**
 * The plain SMA with the division by the period replaced by a multiplication with its
 * reciprocal: faster where the divider is the bottleneck, but the average is then not the
 * correctly rounded quotient (a constant series of 8,192 averaged over 49 bars comes out one
 * unit in the last place low), so ties between averages and prices are no longer decided exactly.
 */
function reciprocalSma(src: Float64Array, period: number, dst: Float64Array): void {
  const inverse = 1 / period;
  let sum = 0;
  for (let i = 0; i < period - 1; i++) {
    sum += src[i]!;
    dst[i] = NaN;
  }
  sum += src[period - 1]!;
  dst[period - 1] = sum * inverse;
  for (let i = period; i < src.length; i++) {
    sum += src[i]! - src[i - period]!;
    dst[i] = sum * inverse;
  }
}

/** NaN bands for the first `period − 1` bars; returns the sum and sum of squares of those bars. */
function bandsWarmUp(src: Float64Array, period: number, dst: Bands): [number, number] {
  let sum = 0;
  let squares = 0;
  for (let i = 0; i < period - 1; i++) {
    sum += src[i]!;
    squares += src[i]! * src[i]!;
    dst.middle[i] = NaN;
    dst.upper[i] = NaN;
    dst.lower[i] = NaN;
  }
  return [sum, squares];
}

/** Running sum and sum of squares: the fastest single pass, though not a stable one. */
function plainBollinger(src: Float64Array, period: number, k: number, dst: Bands): void {
  let [sum, squares] = bandsWarmUp(src, period, dst);
  for (let i = period - 1; i < src.length; i++) {
    const x = src[i]!;
    const old = i >= period ? src[i - period]! : 0;
    sum += x - old;
    squares += x * x - old * old;
    const mean = sum / period;
    const variance = squares / period - mean * mean;
    const width = k * Math.sqrt((variance + Math.abs(variance)) * 0.5);
    dst.middle[i] = mean;
    dst.upper[i] = mean + width;
    dst.lower[i] = mean - width;
  }
}

/**
 * {@link plainBollinger} with the divisions replaced by multiplications with the reciprocal of
 * the period: the square root is then the only operation per bar on the CPU's divider, as in the
 * fastest kernels one can write, at the price of a middle band that is not the correctly
 * rounded SMA (see {@link reciprocalSma}).
 */
function reciprocalBollinger(src: Float64Array, period: number, k: number, dst: Bands): void {
  const inverse = 1 / period;
  let [sum, squares] = bandsWarmUp(src, period, dst);
  for (let i = period - 1; i < src.length; i++) {
    const x = src[i]!;
    const old = i >= period ? src[i - period]! : 0;
    sum += x - old;
    squares += x * x - old * old;
    const mean = sum * inverse;
    const variance = squares * inverse - mean * mean;
    const width = k * Math.sqrt((variance + Math.abs(variance)) * 0.5);
    dst.middle[i] = mean;
    dst.upper[i] = mean + width;
    dst.lower[i] = mean - width;
  }
}

/** Every case over one shared input and shared output buffers. */
export function indicatorCases(): IndicatorCase[] {
  const closes = randomWalkCloses(BARS);
  const values = Array.from(closes);
  const out = new Float64Array(BARS);
  const bands = {
    middle: new Float64Array(BARS),
    upper: new Float64Array(BARS),
    lower: new Float64Array(BARS),
  };
  const ixjb = new IndicatorsSync();
  return [
    ...casesOf("SMA(20)", {
      plain: () => plainSma(closes, 20, out),
      reciprocal: () => reciprocalSma(closes, 20, out),
      ours: () => sma(closes, 20, out),
      ixjb: () => ixjb.sma(values, 20),
      indicatorts: () => indicatorts.sma(values, { period: 20 }),
      tradingSignals: () => new SMA(20).updates(values),
      technicalindicators: () => technicalindicators.sma({ period: 20, values }),
    }),
    ...casesOf("EMA(20)", {
      plain: () => plainEma(closes, 20, out),
      ours: () => ema(closes, 20, out),
      ixjb: () => ixjb.ema(values, 20),
      indicatorts: () => indicatorts.ema(values, { period: 20 }),
      tradingSignals: () => new EMA(20).updates(values),
      technicalindicators: () => technicalindicators.ema({ period: 20, values }),
    }),
    ...casesOf("RSI(14)", {
      plain: () => plainRsi(closes, 14, out),
      ours: () => rsi(closes, 14, out),
      ixjb: () => ixjb.rsi(values, 14),
      indicatorts: () => indicatorts.rsi(values, { period: 14 }),
      tradingSignals: () => new RSI(14).updates(values),
      technicalindicators: () => technicalindicators.rsi({ period: 14, values }),
    }),
    ...casesOf("Bollinger(20,2)", {
      plain: () => plainBollinger(closes, 20, 2, bands),
      reciprocal: () => reciprocalBollinger(closes, 20, 2, bands),
      ours: () => bollinger(closes, 20, 2, bands),
      ixjb: () => ixjb.bbands(values, 20, 2),
      // indicatorts' bb has no multiplier parameter; it always uses 2 standard deviations.
      indicatorts: () => indicatorts.bb(values, { period: 20 }),
      tradingSignals: () => new BollingerBands(20, 2).updates(values),
      technicalindicators: () =>
        technicalindicators.bollingerbands({ period: 20, stdDev: 2, values }),
    }),
  ];
}

/** How each implementation computes one indicator over the shared input. */
interface Runs {
  plain: () => void;
  /** The plain loop multiplying by 1/period instead of dividing, where the two differ. */
  reciprocal?: () => void;
  ours: () => void;
  ixjb: () => void;
  indicatorts: () => void;
  tradingSignals: () => void;
  technicalindicators: () => void;
}

/** The cases of one indicator, in table order; trading-signals and technicalindicators are slow. */
function casesOf(indicator: IndicatorCase["indicator"], runs: Runs): IndicatorCase[] {
  const reciprocal = runs.reciprocal;
  return [
    { indicator, implementation: "plain loop", baseline: true, run: runs.plain },
    ...(reciprocal === undefined
      ? []
      : [{ indicator, implementation: "plain loop, × 1/period", run: reciprocal }]),
    { indicator, implementation: "yeouido", run: runs.ours },
    { indicator, implementation: "@ixjb94/indicators", peer: true, run: runs.ixjb },
    { indicator, implementation: "indicatorts", peer: true, run: runs.indicatorts },
    {
      indicator,
      implementation: "trading-signals",
      peer: true,
      slow: true,
      run: runs.tradingSignals,
    },
    {
      indicator,
      implementation: "technicalindicators",
      peer: true,
      slow: true,
      run: runs.technicalindicators,
    },
  ];
}
