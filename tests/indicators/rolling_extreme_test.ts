import assert from "node:assert/strict";
import {
  rollingMax,
  RollingMaxStream,
  rollingMin,
  RollingMinStream,
} from "../../core/indicators/mod.ts";
import { assertBitIdentical, assertRangeError, pricePath } from "./_series.ts";

function naiveExtreme(src: Float64Array, period: number, pick: (...xs: number[]) => number) {
  const out = new Float64Array(src.length).fill(NaN);
  for (let i = period - 1; i < src.length; i++) {
    out[i] = pick(...src.subarray(i - period + 1, i + 1));
  }
  return out;
}

Deno.test("rolling max and min match hand-computed windows", () => {
  const src = new Float64Array([3, 1, 4, 1, 5, 9, 2, 6]);
  assertBitIdentical(rollingMax(src, 3), [NaN, NaN, 4, 4, 5, 9, 9, 9]);
  assertBitIdentical(rollingMin(src, 3), [NaN, NaN, 1, 1, 1, 1, 2, 2]);
  assertBitIdentical(rollingMax(src, 1), src);
  assertBitIdentical(rollingMin(new Float64Array([2, 2, 2]), 2), [NaN, 2, 2]);
});

Deno.test("rolling max and min agree with scanning each window", () => {
  const src = pricePath(3_000, 61);
  for (const period of [1, 2, 7, 20, 250]) {
    assertBitIdentical(rollingMax(src, period), naiveExtreme(src, period, Math.max));
    assertBitIdentical(rollingMin(src, period), naiveExtreme(src, period, Math.min));
  }
});

Deno.test("rolling streams give the same values as the batch forms", () => {
  const src = pricePath(2_000, 67);
  for (const period of [1, 5, 64]) {
    const max = new RollingMaxStream(period);
    const min = new RollingMinStream(period);
    assertBitIdentical(Array.from(src, (x) => max.next(x)), rollingMax(src, period));
    assertBitIdentical(Array.from(src, (x) => min.next(x)), rollingMin(src, period));
  }
});

Deno.test("rolling extremes write into the caller's buffer", () => {
  const out = new Float64Array(3);
  assert.equal(rollingMax(new Float64Array([1, 2, 3]), 2, out), out);
  assert.equal(rollingMin(new Float64Array([1, 2, 3]), 2, out), out);
});

Deno.test("rolling extremes reject invalid periods with a clear RangeError", () => {
  const src = new Float64Array(3);
  assertRangeError(() => rollingMax(src, 0), "rollingMax: period must be an integer ≥ 1");
  assertRangeError(() => rollingMin(src, 1.5), "rollingMin: period must be an integer ≥ 1");
  assertRangeError(() => new RollingMaxStream(0), "period must be an integer ≥ 1");
  assertRangeError(() => new RollingMinStream(-1), "period must be an integer ≥ 1");
});
