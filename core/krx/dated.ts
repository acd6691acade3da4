import type { IsoDate } from "./date.ts";

/**
 * The row of a dated table (ascending by `from`) in force on `date`: the last row starting on or
 * before it; the first row for earlier dates, and the last row when no date is given (today's
 * rules).
 */
export function rowInForce<Row extends { readonly from: IsoDate }>(
  rows: readonly [Row, ...Row[]],
  date: IsoDate | undefined,
): Row {
  if (date === undefined) return rows[rows.length - 1]!;
  let row = rows[0];
  for (const candidate of rows) {
    if (date < candidate.from) break;
    row = candidate;
  }
  return row;
}
