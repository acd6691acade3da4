import assert from "node:assert/strict";
import { RESYNC_INTERVAL, sma, SmaStream } from "../../core/indicators/mod.ts";
import {
  assertBitIdentical,
  assertClose,
  assertRangeError,
  decayingPath,
  maxRelativeError,
  pricePath,
} from "./_series.ts";

/** Each window summed from scratch: obviously right, O(n × period). */
function naiveSma(src: Float64Array, period: number): Float64Array {
  const out = new Float64Array(src.length).fill(NaN);
  for (let i = period - 1; i < src.length; i++) {
    let sum = 0;
    for (let j = i - period + 1; j <= i; j++) sum += src[j]!;
    out[i] = sum / period;
  }
  return out;
}

Deno.test("sma matches hand-computed values with NaN during warm-up", () => {
  assertBitIdentical(sma(new Float64Array([1, 2, 3, 4, 5]), 3), [NaN, NaN, 2, 3, 4]);
  assertBitIdentical(sma(new Float64Array([4, 8]), 1), [4, 8]);
  assertBitIdentical(sma(new Float64Array([1, 2]), 3), [NaN, NaN]);
  assertBitIdentical(sma(new Float64Array([]), 3), []);
});

Deno.test("sma agrees with windows summed from scratch", () => {
  const src = pricePath(5_000, 7);
  for (const period of [1, 2, 5, 20, 200, 1_500]) {
    assertClose(sma(src, period), naiveSma(src, period));
  }
});

Deno.test("SmaStream gives bit-identical values to sma across resync blocks", () => {
  const src = pricePath(3 * RESYNC_INTERVAL + 77, 11);
  for (const period of [1, 2, 20, 1_500]) {
    const stream = new SmaStream(period);
    assertBitIdentical(Array.from(src, (x) => stream.next(x)), sma(src, period));
  }
});

Deno.test("sma writes into the caller's buffer", () => {
  const out = new Float64Array(4).fill(7);
  const result = sma(new Float64Array([2, 4, 6, 8]), 2, out);
  assert.equal(result, out);
  assertBitIdentical(out, [NaN, 3, 5, 7]);
});

Deno.test("sma stays within 1e-9 of exact over 10⁶ bars where a plain running sum drifts", () => {
  const src = decayingPath(1_000_000, 3);
  const period = 20;
  const exact = naiveSma(src, period);
  assert.ok(maxRelativeError(sma(src, period), exact) <= 1e-9);
  // The same series defeats a running sum that is never recomputed, so the bound means something.
  const drifting = new Float64Array(src.length).fill(NaN);
  let sum = 0;
  for (let i = 0; i < src.length; i++) {
    sum += src[i]! - (i >= period ? src[i - period]! : 0);
    if (i >= period - 1) drifting[i] = sum / period;
  }
  assert.ok(maxRelativeError(drifting, exact) > 1e-9);
});

Deno.test("sma rejects invalid periods and buffers with a clear RangeError", () => {
  const src = new Float64Array(5);
  for (const period of [0, -1, 1.5, Number.NaN]) {
    assertRangeError(() => sma(src, period), "period must be an integer ≥ 1");
    assertRangeError(() => new SmaStream(period), "period must be an integer ≥ 1");
  }
  assertRangeError(() => sma(src, 2, new Float64Array(4)), "length 4, expected 5");
});
