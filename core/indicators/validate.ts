/**
 * Throws a RangeError unless `value` is an integer ≥ 1.
 *
 * @param indicator the caller's name, used to start the message
 * @param what the parameter's name
 */
export function assertPeriod(indicator: string, what: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`${indicator}: ${what} must be an integer ≥ 1, got ${value}`);
  }
}

/** The caller's buffer when it has `length` elements, a new one when none was given. */
export function outputBuffer(
  indicator: string,
  length: number,
  out: Float64Array | undefined,
  what = "output buffer",
): Float64Array {
  if (out === undefined) return new Float64Array(length);
  if (out.length !== length) {
    throw new RangeError(`${indicator}: ${what} has length ${out.length}, expected ${length}`);
  }
  return out;
}
