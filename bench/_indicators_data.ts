/** Synthetic close prices for the indicator benchmark: a seeded geometric random walk. */
export function randomWalkCloses(length: number, seed = 20240101): Float64Array {
  const closes = new Float64Array(length);
  let state = seed >>> 0;
  let price = 50_000;
  for (let i = 0; i < length; i++) {
    // xorshift32: deterministic and good enough to drive a price path
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    price *= 1 + ((state / 4_294_967_296) - 0.5) * 0.04;
    closes[i] = Math.round(price);
  }
  return closes;
}
