/**
 * How the index holds one alert: where it sits (which heap of its symbol's book) and the key
 * it is ordered by there.
 * @module
 */
import type { Alert } from "./schema.ts";
import type { TrailGroup } from "./trailing_book.ts";

/**
 * `below` and `above` hold fixed thresholds keyed by their level; `trail_percent` and `trail_krw`
 * hold trailing stops keyed by their trail (basis points or KRW), inside a group sharing one high.
 */
export type EntryPlace = "below" | "above" | "trail_percent" | "trail_krw";

/** One indexed alert; `heapIndex` and `group` are maintained by the heaps and the trailing book. */
export interface Entry {
  readonly alert: Alert;
  readonly place: EntryPlace;
  readonly key: number;
  heapIndex: number;
  group: TrailGroup | null;
}

/** An entry that fired, with the level it fired at and, for a trailing stop, its high. */
export interface FiredEntry {
  readonly entry: Entry;
  readonly level: number;
  readonly high: number;
}

/** The `place` callback every entry heap uses. */
export function placeEntry(entry: Entry, index: number): void {
  entry.heapIndex = index;
}
