import assert from "node:assert/strict";
import { macd, MacdStream } from "../../core/indicators/mod.ts";
import { assertBitIdentical, assertClose, assertRangeError, pricePath } from "./_series.ts";

/** Textbook EMA over the defined (non-NaN) tail of a series. */
function naiveEma(src: ArrayLike<number>, period: number): Float64Array {
  const out = new Float64Array(src.length).fill(NaN);
  let first = 0;
  while (first < src.length && Number.isNaN(src[first]!)) first++;
  if (src.length - first < period) return out;
  let value = 0;
  for (let i = first; i < first + period; i++) value += src[i]! / period;
  out[first + period - 1] = value;
  for (let i = first + period; i < src.length; i++) {
    value += (2 / (period + 1)) * (src[i]! - value);
    out[i] = value;
  }
  return out;
}

function naiveMacd(src: Float64Array, fast: number, slow: number, signal: number) {
  const fastEma = naiveEma(src, fast);
  const slowEma = naiveEma(src, slow);
  const line = fastEma.map((f, i) => f - slowEma[i]!);
  const signalLine = naiveEma(line, signal);
  return { macd: line, signal: signalLine, histogram: line.map((m, i) => m - signalLine[i]!) };
}

Deno.test("macd matches hand-computed lines", () => {
  // EMA(2) of 1…6 from index 1: 1.5, 2.5, …; EMA(3) from index 2: 2, 3, …; MACD = 0.5;
  // signal EMA(2) of MACD from index 3 = 0.5; histogram 0.
  const lines = macd(new Float64Array([1, 2, 3, 4, 5, 6]), 2, 3, 2);
  assertClose(lines.macd, [NaN, NaN, 0.5, 0.5, 0.5, 0.5]);
  assertClose(lines.signal, [NaN, NaN, NaN, 0.5, 0.5, 0.5]);
  assertClose(lines.histogram, [NaN, NaN, NaN, 0, 0, 0], { floor: 1 });
});

Deno.test("macd agrees with textbook EMAs", () => {
  const src = pricePath(4_000, 41);
  for (const [fast, slow, signal] of [[12, 26, 9], [1, 2, 1], [5, 35, 5]] as const) {
    const lines = macd(src, fast, slow, signal);
    const expected = naiveMacd(src, fast, slow, signal);
    // MACD values sit near zero while prices are near 10⁴: measure errors against the price.
    assertClose(lines.macd, expected.macd, { floor: 1e4 });
    assertClose(lines.signal, expected.signal, { floor: 1e4 });
    assertClose(lines.histogram, expected.histogram, { floor: 1e4 });
  }
});

Deno.test("MacdStream gives bit-identical lines to macd", () => {
  const src = pricePath(4_000, 43);
  for (const [fast, slow, signal] of [[12, 26, 9], [1, 2, 1], [3, 50, 20]] as const) {
    const stream = new MacdStream(fast, slow, signal);
    const line: number[] = [];
    const signalLine: number[] = [];
    const histogram: number[] = [];
    for (const x of src) {
      line.push(stream.next(x));
      signalLine.push(stream.signal);
      histogram.push(stream.histogram);
    }
    const lines = macd(src, fast, slow, signal);
    assertBitIdentical(line, lines.macd);
    assertBitIdentical(signalLine, lines.signal);
    assertBitIdentical(histogram, lines.histogram);
  }
});

Deno.test("macd handles series shorter than its warm-up", () => {
  const lines = macd(new Float64Array([1, 2, 3]), 2, 5, 3);
  assertBitIdentical(lines.macd, [NaN, NaN, NaN]);
  assertBitIdentical(lines.signal, [NaN, NaN, NaN]);
  assertBitIdentical(lines.histogram, [NaN, NaN, NaN]);
});

Deno.test("macd writes into the caller's buffers", () => {
  const out = {
    macd: new Float64Array(5),
    signal: new Float64Array(5),
    histogram: new Float64Array(5),
  };
  const lines = macd(new Float64Array([1, 3, 2, 5, 4]), 2, 3, 2, out);
  assert.equal(lines.macd, out.macd);
  assert.equal(lines.signal, out.signal);
  assert.equal(lines.histogram, out.histogram);
});

Deno.test("macd rejects invalid periods with a clear RangeError", () => {
  const src = new Float64Array(10);
  assertRangeError(() => macd(src, 0, 26, 9), "macd: fast period must be an integer ≥ 1");
  assertRangeError(() => macd(src, 12, 26.5, 9), "slow period must be an integer ≥ 1");
  assertRangeError(() => macd(src, 12, 26, -1), "signal period must be an integer ≥ 1");
  assertRangeError(() => macd(src, 26, 12, 9), "fast period must be shorter than slow period");
  assertRangeError(() => new MacdStream(5, 5, 3), "fast period must be shorter");
});
