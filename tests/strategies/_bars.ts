import type { IsoDate } from "../../core/krx/mod.ts";
import { type Bars, createBars } from "../../core/strategies/mod.ts";

/** Consecutive calendar dates from `first`, as test bars need only ascending dates. */
export function days(count: number, first = "2025-01-02"): IsoDate[] {
  const start = Date.parse(`${first}T00:00:00Z`);
  return Array.from(
    { length: count },
    (_, i) => new Date(start + i * 86_400_000).toISOString().slice(0, 10) as IsoDate,
  );
}

/** Bars whose open, high, low and close are all the given close. */
export function closesOnly(closes: readonly number[], first?: string): Bars {
  return createBars({
    dates: days(closes.length, first),
    open: closes,
    high: closes,
    low: closes,
    close: closes,
    volume: closes.map(() => 1_000),
  });
}
