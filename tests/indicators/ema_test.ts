import assert from "node:assert/strict";
import { ema, EmaStream } from "../../core/indicators/mod.ts";
import { assertBitIdentical, assertClose, assertRangeError, pricePath } from "./_series.ts";

/** Textbook EMA: SMA seed, then value += α (x − value). */
function naiveEma(src: ArrayLike<number>, period: number): Float64Array {
  const out = new Float64Array(src.length).fill(NaN);
  if (src.length < period) return out;
  let value = 0;
  for (let i = 0; i < period; i++) value += src[i]! / period;
  out[period - 1] = value;
  const alpha = 2 / (period + 1);
  for (let i = period; i < src.length; i++) {
    value += alpha * (src[i]! - value);
    out[i] = value;
  }
  return out;
}

Deno.test("ema matches hand-computed values", () => {
  // α = 0.5: seed (1+2+3)/3 = 2, then (4+2)/2 = 3, (5+3)/2 = 4
  assertBitIdentical(ema(new Float64Array([1, 2, 3, 4, 5]), 3), [NaN, NaN, 2, 3, 4]);
  // α = 2/3: seed 1.5, then 2/3·3 + 1/3·1.5 = 2.5
  assertClose(ema(new Float64Array([1, 2, 3]), 2), [NaN, 1.5, 2.5]);
  assertBitIdentical(ema(new Float64Array([9, 7, 5]), 1), [9, 7, 5]);
  assertBitIdentical(ema(new Float64Array([1]), 2), [NaN]);
});

Deno.test("ema agrees with the textbook recursion", () => {
  const src = pricePath(5_000, 5);
  for (const period of [1, 2, 12, 20, 200]) assertClose(ema(src, period), naiveEma(src, period));
});

Deno.test("EmaStream gives bit-identical values to ema", () => {
  const src = pricePath(4_000, 9);
  for (const period of [1, 3, 20, 500]) {
    const stream = new EmaStream(period);
    assertBitIdentical(Array.from(src, (x) => stream.next(x)), ema(src, period));
  }
});

Deno.test("ema writes into the caller's buffer", () => {
  const out = new Float64Array(3);
  assert.equal(ema(new Float64Array([1, 2, 3]), 2, out), out);
});

Deno.test("ema rejects invalid periods and buffers with a clear RangeError", () => {
  for (const period of [0, 2.5, -3]) {
    assertRangeError(() => ema(new Float64Array(3), period), "ema: period must be an integer");
    assertRangeError(() => new EmaStream(period), "period must be an integer");
  }
  assertRangeError(() => ema(new Float64Array(3), 2, new Float64Array(2)), "length 2");
});
