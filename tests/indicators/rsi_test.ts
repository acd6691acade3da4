import assert from "node:assert/strict";
import { rsi, RsiStream } from "../../core/indicators/mod.ts";
import {
  assertBitIdentical,
  assertClose,
  assertRangeError,
  maxRelativeError,
  pricePath,
} from "./_series.ts";

/** Wilder's RSI exactly as usually written: branches, divisions, 100 − 100 / (1 + RS). */
function naiveRsi(src: ArrayLike<number>, period: number): Float64Array {
  const out = new Float64Array(src.length).fill(NaN);
  if (src.length <= period) return out;
  let gain = 0;
  let loss = 0;
  for (let i = 1; i <= period; i++) {
    const change = src[i]! - src[i - 1]!;
    if (change > 0) gain += change;
    else loss -= change;
  }
  gain /= period;
  loss /= period;
  const value = () =>
    gain === 0 && loss === 0 ? 50 : loss === 0 ? 100 : 100 - 100 / (1 + gain / loss);
  out[period] = value();
  for (let i = period + 1; i < src.length; i++) {
    const change = src[i]! - src[i - 1]!;
    gain = (gain * (period - 1) + (change > 0 ? change : 0)) / period;
    loss = (loss * (period - 1) + (change < 0 ? -change : 0)) / period;
    out[i] = value();
  }
  return out;
}

Deno.test("rsi matches hand-computed Wilder values", () => {
  // changes +1, −1, +2; seed gain 0.5, loss 0.5 → 50; then gain (0.5 + 2)/2 = 1.25,
  // loss 0.5/2 = 0.25 → 100 · 1.25 / 1.5
  assertClose(rsi(new Float64Array([1, 2, 1, 3]), 2), [NaN, NaN, 50, 250 / 3]);
  assertBitIdentical(rsi(new Float64Array([1, 2, 3, 4]), 2), [NaN, NaN, 100, 100]);
  assertBitIdentical(rsi(new Float64Array([4, 3, 2, 1]), 2), [NaN, NaN, 0, 0]);
  assertBitIdentical(rsi(new Float64Array([5, 5, 5, 5]), 2), [NaN, NaN, 50, 50]);
  assertBitIdentical(rsi(new Float64Array([1, 2]), 2), [NaN, NaN]);
});

Deno.test("rsi agrees with the branching, dividing formulation", () => {
  const src = pricePath(5_000, 13);
  // RSI lives on a 0–100 scale, so errors near 0 are measured against 1.
  for (const period of [1, 2, 14, 100]) {
    assertClose(rsi(src, period), naiveRsi(src, period), { floor: 1 });
  }
});

Deno.test("rsi stays within 1e-9 of the exact formulation over 10⁶ bars", () => {
  const src = pricePath(1_000_000, 17);
  assert.ok(maxRelativeError(rsi(src, 14), naiveRsi(src, 14)) <= 1e-9);
});

Deno.test("RsiStream gives bit-identical values to rsi", () => {
  const src = pricePath(4_000, 19);
  for (const period of [1, 2, 14, 300]) {
    const stream = new RsiStream(period);
    assertBitIdentical(Array.from(src, (x) => stream.next(x)), rsi(src, period));
  }
});

Deno.test("rsi rejects invalid periods and buffers with a clear RangeError", () => {
  for (const period of [0, 1.5]) {
    assertRangeError(() => rsi(new Float64Array(3), period), "rsi: period must be an integer");
    assertRangeError(() => new RsiStream(period), "period must be an integer");
  }
  assertRangeError(() => rsi(new Float64Array(3), 2, new Float64Array(5)), "length 5");
});
