import assert from "node:assert/strict";

/** A seeded pseudo-random generator (xorshift32) returning numbers in [0, 1). */
export function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 4_294_967_296;
  };
}

/**
 * A price path that mixes trending moves, flat stretches (no change for several bars) and
 * round-number prices, so every branch of the indicators is exercised.
 */
export function pricePath(length: number, seed: number): Float64Array {
  const next = random(seed);
  const out = new Float64Array(length);
  let price = 10_000;
  for (let i = 0; i < length; i++) {
    const roll = next();
    if (roll > 0.15) price = Math.max(1, price * (1 + (next() - 0.5) * 0.06));
    out[i] = roll < 0.5 ? Math.round(price) : price;
  }
  return out;
}

/**
 * 10⁶ bars falling from about 10⁶ to about 10 with 1 % noise: a plain running sum carries
 * the rounding error of the large early values into the small late ones.
 */
export function decayingPath(length: number, seed: number): Float64Array {
  const next = random(seed);
  const out = new Float64Array(length);
  const rate = Math.log(1e5) / length;
  for (let i = 0; i < length; i++) out[i] = 1e6 * Math.exp(-rate * i) * (1 + (next() - 0.5) * 0.02);
  return out;
}

/** Asserts every element is the same IEEE value (`Object.is`, so NaN matches NaN). */
export function assertBitIdentical(actual: ArrayLike<number>, expected: ArrayLike<number>): void {
  assert.equal(actual.length, expected.length, "lengths differ");
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i])) {
      assert.fail(`index ${i}: ${actual[i]} is not bit-identical to ${expected[i]}`);
    }
  }
}

/**
 * Asserts NaN exactly where `expected` is NaN and elsewhere an error ≤ `tolerance` relative to
 * the larger of |expected| and `floor` (a floor keeps values near zero from demanding
 * impossible precision).
 */
export function assertClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  { tolerance = 1e-12, floor = 0 }: { tolerance?: number; floor?: number } = {},
): void {
  assert.equal(actual.length, expected.length, "lengths differ");
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    if (Number.isNaN(e) || Number.isNaN(a)) {
      if (!(Number.isNaN(e) && Number.isNaN(a))) assert.fail(`index ${i}: ${a} vs ${e}`);
      continue;
    }
    const scale = Math.max(Math.abs(e), floor);
    const error = scale === 0 ? Math.abs(a) : Math.abs(a - e) / scale;
    if (error > tolerance) assert.fail(`index ${i}: ${a} vs ${e} (relative error ${error})`);
  }
}

/** The largest relative error of `actual` against `expected`, skipping NaN positions. */
export function maxRelativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i]!;
    if (Number.isNaN(e)) continue;
    worst = Math.max(worst, Math.abs(actual[i]! - e) / Math.abs(e));
  }
  return worst;
}

/** Asserts that `run` throws a RangeError whose message contains `fragment`. */
export function assertRangeError(run: () => unknown, fragment: string): void {
  assert.throws(run, (e: unknown) => {
    assert.ok(e instanceof RangeError, `expected RangeError, got ${e}`);
    assert.ok(e.message.includes(fragment), `"${e.message}" lacks "${fragment}"`);
    return true;
  });
}
