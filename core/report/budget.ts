/**
 * Keeping a report under Deno KV's 64 KiB value limit: lists start from fixed caps, and while the
 * report is still over its byte budget the list taking the most bytes is halved. Totals are
 * computed before trimming, so they always cover every row.
 * @module
 */
import type { DailyReport } from "./schema.ts";

/**
 * Bytes of UTF-8 JSON a report may take. KV stores V8-serialised values, which are no larger than
 * UTF-8 JSON for this shape (Hangul takes 2 bytes there, 3 here); 16 KiB stays spare for the key
 * and any envelope the store adds.
 */
export const REPORT_BYTE_BUDGET = 48 * 1024;

/** The lists a report caps, and how many rows each keeps at most before measuring. */
export const LIST_CAPS = {
  holdings: 100,
  trades: 200,
  alerts: 50,
  signals: 50,
  rebalances: 20,
  errors: 20,
} as const;

type ListName = keyof typeof LIST_CAPS;
const LIST_NAMES = Object.keys(LIST_CAPS) as ListName[];

/** A report's size as the budget counts it: bytes of UTF-8 JSON. */
export function reportBytes(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value)).length;
}

/** The first `cap` of `items` and how many were left out. */
export function capList<T>(items: readonly T[], cap: number): { items: T[]; omitted: number } {
  return { items: items.slice(0, cap), omitted: Math.max(0, items.length - cap) };
}

/**
 * `report` with its lists cut, largest first, until it fits `budget` bytes. Rows kept are the
 * first of each list (holdings by value, the rest in time order).
 */
export function fitToBudget(report: DailyReport, budget = REPORT_BYTE_BUDGET): DailyReport {
  let fitted = report;
  while (reportBytes(fitted) > budget) {
    const largest = LIST_NAMES
      .filter((name) => fitted[name].items.length > 0)
      .map((name) => ({ name, bytes: reportBytes(fitted[name].items) }))
      .reduce((a, b) => (b.bytes > a.bytes ? b : a));
    const list = fitted[largest.name];
    const keep = Math.floor(list.items.length / 2);
    fitted = {
      ...fitted,
      [largest.name]: {
        items: list.items.slice(0, keep),
        omitted: list.omitted + list.items.length - keep,
      },
    };
  }
  return fitted;
}
