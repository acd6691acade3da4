/** One whole, in basis points. */
export const BASIS_POINTS = 10_000;

const BIG_BASIS_POINTS = 10_000n;

/**
 * A fraction as whole basis points, or `null` when it is not one (more than 4 decimal places).
 *
 * @example toBasisPoints(0.125) // 1250
 */
export function toBasisPoints(fraction: number): number | null {
  const scaled = fraction * BASIS_POINTS;
  const points = Math.round(scaled);
  return Math.abs(scaled - points) < 1e-6 ? points : null;
}

/**
 * `value / equity` in basis points, rounded half away from zero; exact for integer KRW, which
 * BigInt keeps exact past 2^53 (a trillion won times 10,000 already exceeds it).
 *
 * @example weightBasisPoints(333_333, 1_000_000) // 3333
 */
export function weightBasisPoints(value: number, equity: number): number {
  return roundedQuotient(BigInt(value) * BIG_BASIS_POINTS, BigInt(equity));
}

/**
 * How far `value` lies from `targetBasisPoints` of `equity`, signed (over-weight positive), in
 * basis points rounded half away from zero.
 */
export function driftBasisPoints(value: number, targetBasisPoints: number, equity: number): number {
  return roundedQuotient(excess(value, targetBasisPoints, equity), BigInt(equity));
}

/** Whether `value`'s weight in `equity` lies within ± `bandBasisPoints` of the target, exactly. */
export function withinBand(
  value: number,
  targetBasisPoints: number,
  equity: number,
  bandBasisPoints: number,
): boolean {
  return abs(excess(value, targetBasisPoints, equity)) <= BigInt(bandBasisPoints) * BigInt(equity);
}

/**
 * The whole number of shares at `price` nearest to `targetBasisPoints` of `equity` (halves
 * round up). Nearest rather than fewer, so that reaching it never leaves a symbol further from
 * its target than it started: a trade happens only when the holding is at least half a share off.
 */
export function goalQuantity(targetBasisPoints: number, equity: number, price: number): number {
  const numerator = BigInt(targetBasisPoints) * BigInt(equity);
  const denominator = BIG_BASIS_POINTS * BigInt(price);
  return Number((2n * numerator + denominator) / (2n * denominator));
}

/**
 * Compares the distance of two weights from one target, exactly: negative when `a` (its value
 * in its equity) is nearer than `b`, zero when as near, positive when further.
 */
export function compareDrift(
  a: { readonly value: number; readonly equity: number },
  b: { readonly value: number; readonly equity: number },
  targetBasisPoints: number,
): number {
  const distanceA = abs(excess(a.value, targetBasisPoints, a.equity)) * BigInt(b.equity);
  const distanceB = abs(excess(b.value, targetBasisPoints, b.equity)) * BigInt(a.equity);
  return distanceA < distanceB ? -1 : distanceA > distanceB ? 1 : 0;
}

/** `value × 10,000 − target × equity`: the drift times the equity, in KRW basis points. */
function excess(value: number, targetBasisPoints: number, equity: number): bigint {
  return BigInt(value) * BIG_BASIS_POINTS - BigInt(targetBasisPoints) * BigInt(equity);
}

function abs(n: bigint): bigint {
  return n < 0n ? -n : n;
}

/** `n / d` for d > 0, rounded half away from zero. */
function roundedQuotient(n: bigint, d: bigint): number {
  const q = (2n * abs(n) + d) / (2n * d);
  return Number(n < 0n ? -q : q);
}
