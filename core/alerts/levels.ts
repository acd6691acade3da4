/**
 * The whole-won levels rules fire at. Prices are integers, so "fires when price ≤ x" is the same
 * as "price ≤ ⌊x⌋" and "price ≥ x" the same as "price ≥ ⌈x⌉": levels below a reference round
 * down and levels above it round up, and a percentage rule fires exactly when the move reaches
 * the percentage.
 * @module
 */

const BASIS_POINTS = 10_000;

/** A percentage in 0.01 % steps as an integer count of basis points. */
export function basisPoints(percent: number): number {
  return Math.round(percent * 100);
}

/**
 * An average cost may be fractional, so its products are not exact; a result within a
 * millionth of a won of a whole won is taken as that won, so 70,000 × 0.95 rounds like 66,500.
 */
function snapped(value: number): number {
  const nearest = Math.round(value);
  return Math.abs(value - nearest) < 1e-6 ? nearest : value;
}

/**
 * The highest whole-won price at or below `reference × (1 − percent / 100)`.
 * @example levelBelow(71_234, 5) // 67_672 (67,672.3 rounded down)
 */
export function levelBelow(reference: number, percent: number): number {
  return Math.floor(snapped(reference * (BASIS_POINTS - basisPoints(percent)) / BASIS_POINTS));
}

/**
 * The lowest whole-won price at or above `reference × (1 + percent / 100)`.
 * @example levelAbove(71_234, 5) // 74_796 (74,795.7 rounded up)
 */
export function levelAbove(reference: number, percent: number): number {
  return Math.ceil(snapped(reference * (BASIS_POINTS + basisPoints(percent)) / BASIS_POINTS));
}

/**
 * A trailing stop's level for a whole-won high and a trail of `bps` basis points:
 * ⌊high × (10,000 − bps) / 10,000⌋, exact because the product stays below 2^53.
 */
export function trailingLevelPercent(high: number, bps: number): number {
  return Math.floor(high * (BASIS_POINTS - bps) / BASIS_POINTS);
}
