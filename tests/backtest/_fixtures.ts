import type { IsoDate } from "../../core/krx/mod.ts";
import { type Bars, createBars } from "../../core/strategies/mod.ts";

/** One bar as written in a test: date, open, high, low, close. */
export type Row = readonly [string, number, number, number, number];

/** Bars from rows, volume 1,000 each. */
export function barsFrom(rows: readonly Row[]): Bars {
  return createBars({
    dates: rows.map((r) => r[0] as IsoDate),
    open: rows.map((r) => r[1]),
    high: rows.map((r) => r[2]),
    low: rows.map((r) => r[3]),
    close: rows.map((r) => r[4]),
    volume: rows.map(() => 1_000),
  });
}

/** Targets from a list of 0/1. */
export function targets(values: readonly number[]): Uint8Array {
  return Uint8Array.from(values);
}
