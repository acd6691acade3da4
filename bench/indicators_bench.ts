/**
 * Indicator throughput over 1,000,000 bars: our batch functions writing into caller-owned
 * buffers, against a plain single-pass Float64Array loop (the baseline of each group) and the
 * npm peers. Peers take `number[]`, converted once outside the timed code.
 *
 * Run: `deno bench -A bench/indicators_bench.ts`
 */
import { bollinger, ema, rsi, sma } from "../core/indicators/mod.ts";
import * as technicalindicators from "technicalindicators";
import { BollingerBands, EMA, RSI, SMA } from "trading-signals";
import * as indicatorts from "indicatorts";
import { IndicatorsSync } from "@ixjb94/indicators";
import { randomWalkCloses } from "./_indicators_data.ts";

const BARS = 1_000_000;
const closes = randomWalkCloses(BARS);
const closesArray = Array.from(closes);
const out = new Float64Array(BARS);
const bands = {
  middle: new Float64Array(BARS),
  upper: new Float64Array(BARS),
  lower: new Float64Array(BARS),
};
const ixjb = new IndicatorsSync();
// Slow peers need seconds per call; a few timed runs are enough for their medians.
const slow = { n: 5, warmup: 1 };

function baselineSma(src: Float64Array, period: number, dst: Float64Array): void {
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

function baselineEma(src: Float64Array, period: number, dst: Float64Array): void {
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

function baselineRsi(src: Float64Array, period: number, dst: Float64Array): void {
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
  const weight = 0.5 / period;
  const decay = (period - 1) / period;
  for (let i = period + 1; i < src.length; i++) {
    const change = src[i]! - src[i - 1]!;
    const size = Math.abs(change);
    gain = gain * decay + (size + change) * weight;
    loss = loss * decay + (size - change) * weight;
    dst[i] = (100 * gain) / (gain + loss);
  }
}

function baselineBollinger(
  src: Float64Array,
  period: number,
  k: number,
  dst: typeof bands,
): void {
  let sum = 0;
  let squares = 0;
  for (let i = 0; i < src.length; i++) {
    const x = src[i]!;
    const old = i >= period ? src[i - period]! : 0;
    sum += x - old;
    squares += x * x - old * old;
    const mean = sum / period;
    const width = k * Math.sqrt(Math.max(squares / period - mean * mean, 0));
    dst.middle[i] = mean;
    dst.upper[i] = mean + width;
    dst.lower[i] = mean - width;
  }
}

Deno.bench("SMA(20) plain loop", { group: "sma", baseline: true }, () => {
  baselineSma(closes, 20, out);
});
Deno.bench("SMA(20) yeouido", { group: "sma" }, () => {
  sma(closes, 20, out);
});
Deno.bench("SMA(20) @ixjb94/indicators", { group: "sma" }, () => {
  ixjb.sma(closesArray, 20);
});
Deno.bench("SMA(20) indicatorts", { group: "sma" }, () => {
  indicatorts.sma(closesArray, { period: 20 });
});
Deno.bench("SMA(20) trading-signals", { group: "sma", ...slow }, () => {
  new SMA(20).updates(closesArray);
});
Deno.bench("SMA(20) technicalindicators", { group: "sma", ...slow }, () => {
  technicalindicators.sma({ period: 20, values: closesArray });
});

Deno.bench("EMA(20) plain loop", { group: "ema", baseline: true }, () => {
  baselineEma(closes, 20, out);
});
Deno.bench("EMA(20) yeouido", { group: "ema" }, () => {
  ema(closes, 20, out);
});
Deno.bench("EMA(20) @ixjb94/indicators", { group: "ema" }, () => {
  ixjb.ema(closesArray, 20);
});
Deno.bench("EMA(20) indicatorts", { group: "ema" }, () => {
  indicatorts.ema(closesArray, { period: 20 });
});
Deno.bench("EMA(20) trading-signals", { group: "ema", ...slow }, () => {
  new EMA(20).updates(closesArray);
});
Deno.bench("EMA(20) technicalindicators", { group: "ema", ...slow }, () => {
  technicalindicators.ema({ period: 20, values: closesArray });
});

Deno.bench("RSI(14) plain loop", { group: "rsi", baseline: true }, () => {
  baselineRsi(closes, 14, out);
});
Deno.bench("RSI(14) yeouido", { group: "rsi" }, () => {
  rsi(closes, 14, out);
});
Deno.bench("RSI(14) @ixjb94/indicators", { group: "rsi" }, () => {
  ixjb.rsi(closesArray, 14);
});
Deno.bench("RSI(14) indicatorts", { group: "rsi" }, () => {
  indicatorts.rsi(closesArray, { period: 14 });
});
Deno.bench("RSI(14) trading-signals", { group: "rsi", ...slow }, () => {
  new RSI(14).updates(closesArray);
});
Deno.bench("RSI(14) technicalindicators", { group: "rsi", ...slow }, () => {
  technicalindicators.rsi({ period: 14, values: closesArray });
});

Deno.bench("Bollinger(20,2) plain loop", { group: "bollinger", baseline: true }, () => {
  baselineBollinger(closes, 20, 2, bands);
});
Deno.bench("Bollinger(20,2) yeouido", { group: "bollinger" }, () => {
  bollinger(closes, 20, 2, bands);
});
Deno.bench("Bollinger(20,2) @ixjb94/indicators", { group: "bollinger" }, () => {
  ixjb.bbands(closesArray, 20, 2);
});
Deno.bench("Bollinger(20,2) indicatorts", { group: "bollinger" }, () => {
  indicatorts.bb(closesArray, { period: 20 });
});
Deno.bench("Bollinger(20,2) trading-signals", { group: "bollinger", ...slow }, () => {
  new BollingerBands(20, 2).updates(closesArray);
});
Deno.bench("Bollinger(20,2) technicalindicators", { group: "bollinger", ...slow }, () => {
  technicalindicators.bollingerbands({ period: 20, stdDev: 2, values: closesArray });
});
