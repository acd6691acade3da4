import assert from "node:assert/strict";
import { bollinger, BollingerStream, RESYNC_INTERVAL, sma } from "../../core/indicators/mod.ts";
import {
  assertBitIdentical,
  assertClose,
  assertRangeError,
  decayingPath,
  maxRelativeError,
  pricePath,
  random,
} from "./_series.ts";

/** Two-pass mean and population deviation of each window, from scratch. */
function naiveBands(src: Float64Array, period: number, k: number) {
  const middle = new Float64Array(src.length).fill(NaN);
  const deviation = new Float64Array(src.length).fill(NaN);
  for (let i = period - 1; i < src.length; i++) {
    const window = src.subarray(i - period + 1, i + 1);
    const mean = window.reduce((a, b) => a + b, 0) / period;
    const variance = window.reduce((a, b) => a + (b - mean) ** 2, 0) / period;
    middle[i] = mean;
    deviation[i] = Math.sqrt(variance);
  }
  return {
    middle,
    deviation,
    upper: middle.map((m, i) => m + k * deviation[i]!),
    lower: middle.map((m, i) => m - k * deviation[i]!),
  };
}

Deno.test("bollinger matches hand-computed bands", () => {
  // windows [1,2], [2,3], [3,4]: σ = 0.5, so ±2σ = ±1
  const bands = bollinger(new Float64Array([1, 2, 3, 4]), 2, 2);
  assertBitIdentical(bands.middle, [NaN, 1.5, 2.5, 3.5]);
  assertBitIdentical(bands.upper, [NaN, 2.5, 3.5, 4.5]);
  assertBitIdentical(bands.lower, [NaN, 0.5, 1.5, 2.5]);
  // a flat window has zero width, never NaN
  const flat = bollinger(new Float64Array([7, 7, 7, 7, 7]), 3, 2);
  assertBitIdentical(flat.upper, [NaN, NaN, 7, 7, 7]);
});

Deno.test("bollinger agrees with two-pass windows", () => {
  const src = pricePath(5_000, 23);
  for (const [period, k] of [[1, 2], [2, 1], [20, 2], [1_500, 2.5]] as const) {
    const bands = bollinger(src, period, k);
    const expected = naiveBands(src, period, k);
    assertClose(bands.middle, expected.middle);
    // σ of a flat window is 0, so the bands' error is judged against the price, as the spec's
    // 1e-9 bound is.
    assertClose(bands.upper, expected.upper, { tolerance: 1e-9 });
    assertClose(bands.lower, expected.lower, { tolerance: 1e-9 });
  }
});

Deno.test("bollinger's bands close on a flat window that follows a volatile stretch", () => {
  const next = random(71);
  const src = new Float64Array(80);
  for (let i = 0; i < 50; i++) src[i] = 10_000 * (0.5 + next());
  src.fill(1_234.567, 50);
  const bands = bollinger(src, 20, 2);
  for (let i = 69; i < 80; i++) {
    // a plain sliding update leaves a width near 10⁻⁷ of the price here
    assert.ok(Math.abs(bands.upper[i]! - bands.middle[i]!) <= 1e-12 * 1_234.567, `index ${i}`);
    assert.ok(Math.abs(bands.middle[i]! - 1_234.567) <= 1e-12 * 1_234.567, `index ${i}`);
  }
});

Deno.test("bollinger's middle band is bit-identical to sma", () => {
  const src = pricePath(3_000, 29);
  assertBitIdentical(bollinger(src, 20, 2).middle, sma(src, 20));
});

Deno.test("BollingerStream gives bit-identical bands to bollinger", () => {
  const src = pricePath(3 * RESYNC_INTERVAL + 5, 31);
  for (const [period, k] of [[1, 2], [2, 2], [20, 2], [1_500, 1]] as const) {
    const stream = new BollingerStream(period, k);
    const middle: number[] = [];
    const upper: number[] = [];
    const lower: number[] = [];
    for (const x of src) {
      middle.push(stream.next(x));
      assert.ok(Object.is(stream.middle, middle.at(-1)));
      upper.push(stream.upper);
      lower.push(stream.lower);
    }
    const bands = bollinger(src, period, k);
    assertBitIdentical(middle, bands.middle);
    assertBitIdentical(upper, bands.upper);
    assertBitIdentical(lower, bands.lower);
  }
});

Deno.test("bollinger's deviation stays within 1e-9 of exact over 10⁶ bars", () => {
  const src = decayingPath(1_000_000, 37);
  const bands = bollinger(src, 20, 1);
  const expected = naiveBands(src, 20, 1);
  const deviation = bands.upper.map((u, i) => u - bands.middle[i]!);
  assert.ok(maxRelativeError(deviation, expected.deviation) <= 1e-9);
  assert.ok(maxRelativeError(bands.middle, expected.middle) <= 1e-9);
});

Deno.test("bollinger writes into the caller's buffers", () => {
  const out = {
    middle: new Float64Array(3),
    upper: new Float64Array(3),
    lower: new Float64Array(3),
  };
  const bands = bollinger(new Float64Array([1, 2, 3]), 2, 2, out);
  assert.equal(bands.middle, out.middle);
  assert.equal(bands.upper, out.upper);
  assert.equal(bands.lower, out.lower);
});

Deno.test("bollinger rejects invalid parameters with a clear RangeError", () => {
  const src = new Float64Array(4);
  assertRangeError(() => bollinger(src, 0, 2), "bollinger: period must be an integer ≥ 1");
  assertRangeError(() => new BollingerStream(2.5, 2), "period must be an integer ≥ 1");
  assertRangeError(() => bollinger(src, 2, Number.NaN), "k must be finite");
  assertRangeError(() => new BollingerStream(2, Infinity), "k must be finite");
  const short = new Float64Array(3);
  assertRangeError(
    () => bollinger(src, 2, 2, { middle: short, upper: new Float64Array(4), lower: short }),
    "middle buffer has length 3",
  );
});
