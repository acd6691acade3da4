import assert from "node:assert/strict";
import { atr, AtrStream } from "../../core/indicators/mod.ts";
import { assertBitIdentical, assertClose, assertRangeError, random } from "./_series.ts";

/** Wilder's ATR as usually written: branchy true range, (prev·(n−1) + TR) / n. */
function naiveAtr(high: Float64Array, low: Float64Array, close: Float64Array, period: number) {
  const out = new Float64Array(close.length).fill(NaN);
  if (close.length <= period) return out;
  const trueRange = (i: number) => {
    let range = high[i]! - low[i]!;
    const up = Math.abs(high[i]! - close[i - 1]!);
    const down = Math.abs(low[i]! - close[i - 1]!);
    if (up > range) range = up;
    if (down > range) range = down;
    return range;
  };
  let value = 0;
  for (let i = 1; i <= period; i++) value += trueRange(i);
  value /= period;
  out[period] = value;
  for (let i = period + 1; i < close.length; i++) {
    value = (value * (period - 1) + trueRange(i)) / period;
    out[i] = value;
  }
  return out;
}

function bars(length: number, seed: number) {
  const next = random(seed);
  const high = new Float64Array(length);
  const low = new Float64Array(length);
  const close = new Float64Array(length);
  let price = 20_000;
  for (let i = 0; i < length; i++) {
    // gaps up and down so that every term of the true range wins sometimes
    const open = price * (1 + (next() - 0.5) * 0.08);
    price = open * (1 + (next() - 0.5) * 0.04);
    high[i] = Math.max(open, price) * (1 + next() * 0.01);
    low[i] = Math.min(open, price) * (1 - next() * 0.01);
    close[i] = price;
  }
  return { high, low, close };
}

Deno.test("atr matches hand-computed values", () => {
  // TR1 = max(2, |11−9|, |9−9|) = 2; TR2 = max(3, |12−10|, |9−10|) = 3;
  // TR3 = max(1, |11−11|, |10−11|) = 1. ATR2 = 2.5, ATR3 = (2.5 + 1) / 2 = 1.75
  const result = atr(
    new Float64Array([10, 11, 12, 11]),
    new Float64Array([8, 9, 9, 10]),
    new Float64Array([9, 10, 11, 10]),
    2,
  );
  assertBitIdentical(result, [NaN, NaN, 2.5, 1.75]);
});

Deno.test("atr agrees with the branching, dividing formulation", () => {
  const { high, low, close } = bars(5_000, 47);
  for (const period of [1, 2, 14, 200]) {
    assertClose(atr(high, low, close, period), naiveAtr(high, low, close, period));
  }
});

Deno.test("AtrStream gives bit-identical values to atr", () => {
  const { high, low, close } = bars(3_000, 53);
  for (const period of [1, 14, 100]) {
    const stream = new AtrStream(period);
    const streamed = Array.from(close, (c, i) => stream.next(high[i]!, low[i]!, c));
    assertBitIdentical(streamed, atr(high, low, close, period));
  }
});

Deno.test("atr writes into the caller's buffer", () => {
  const { high, low, close } = bars(20, 59);
  const out = new Float64Array(20);
  assert.equal(atr(high, low, close, 5, out), out);
});

Deno.test("atr rejects invalid periods and mismatched inputs with a clear RangeError", () => {
  const a = new Float64Array(5);
  assertRangeError(() => atr(a, a, a, 0), "atr: period must be an integer ≥ 1");
  assertRangeError(() => new AtrStream(-2), "period must be an integer ≥ 1");
  assertRangeError(() => atr(a, new Float64Array(4), a, 2), "same length");
  assertRangeError(() => atr(a, a, a, 2, new Float64Array(6)), "length 6");
});
