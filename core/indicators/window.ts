/**
 * Rolling sums are recomputed from scratch every this many outputs, so rounding error cannot
 * build up over long series; streams count outputs the same way to stay bit-identical.
 */
export const RESYNC_INTERVAL = 1024;

/** `src[end - period + 1] + … + src[end]`, added oldest first. */
export function windowSum(src: ArrayLike<number>, end: number, period: number): number {
  let sum = 0;
  for (let i = end - period + 1; i <= end; i++) sum += src[i]!;
  return sum;
}

/** The sum of squared deviations from `mean` over the same window, oldest first. */
export function windowSquaredDeviations(
  src: ArrayLike<number>,
  end: number,
  period: number,
  mean: number,
): number {
  let m2 = 0;
  for (let i = end - period + 1; i <= end; i++) {
    const d = src[i]! - mean;
    m2 += d * d;
  }
  return m2;
}

/** A fixed-size ring of the last `period` values, read oldest first. */
export class Ring {
  /** The values; `values[start]` is the oldest once the ring is full. */
  readonly values: Float64Array;
  /** Where the next value goes, which is also where the oldest sits once full. */
  start = 0;
  /** How many values have been pushed in total. */
  count = 0;

  /** A ring holding up to `period` values. */
  constructor(period: number) {
    this.values = new Float64Array(period);
  }

  /** Stores `x` and returns the value it replaced (0 while the ring is filling). */
  push(x: number): number {
    const values = this.values;
    const start = this.start;
    const old = values[start]!;
    values[start] = x;
    this.start = start + 1 === values.length ? 0 : start + 1;
    this.count++;
    return old;
  }

  /**
   * Whether the batch forms start a block at the window ending with the latest value, so a
   * stream recomputes its sums there: the first full window and every
   * {@link RESYNC_INTERVAL}-th after it. Meaningful once `count` has reached the period.
   */
  resyncDue(): boolean {
    return (this.count - this.values.length) % RESYNC_INTERVAL === 0;
  }

  /** The sum of the held values, oldest first, as {@link windowSum} adds them. */
  sum(): number {
    const values = this.values;
    const period = values.length;
    let sum = 0;
    for (let j = 0; j < period; j++) sum += values[(this.start + j) % period]!;
    return sum;
  }

  /** The squared deviations from `mean`, oldest first, as {@link windowSquaredDeviations}. */
  squaredDeviations(mean: number): number {
    const values = this.values;
    const period = values.length;
    let m2 = 0;
    for (let j = 0; j < period; j++) {
      const d = values[(this.start + j) % period]! - mean;
      m2 += d * d;
    }
    return m2;
  }
}
