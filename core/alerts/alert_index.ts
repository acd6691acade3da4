/**
 * The alert index: active alerts by symbol, so a tick costs a map lookup plus work for the alerts
 * it fires (and, on a new high, for the trailing-stop groups it merges), not for every alert on
 * its symbol. Pure and in memory: the store loads it and persists what it reports.
 * @module
 */
import type { SymbolCode } from "../krx/mod.ts";
import { markTriggered, raiseHighWaterMark } from "./alert.ts";
import type { Entry, EntryPlace, FiredEntry } from "./entry.ts";
import { AlertValidationError } from "./errors.ts";
import { basisPoints } from "./levels.ts";
import type { Alert } from "./schema.ts";
import { SymbolBook } from "./symbol_book.ts";
import { compareTriggers, type Trigger } from "./trigger.ts";

const NONE: readonly Trigger[] = Object.freeze([]);

function placeOf(alert: Alert): { place: EntryPlace; key: number; high: number } {
  const rule = alert.rule;
  switch (rule.kind) {
    case "stop_loss":
      return { place: "below", key: rule.triggerPrice, high: 0 };
    case "price_below":
      return { place: "below", key: rule.price, high: 0 };
    case "take_profit":
      return { place: "above", key: rule.triggerPrice, high: 0 };
    case "price_above":
      return { place: "above", key: rule.price, high: 0 };
    case "trailing_stop": {
      const high = rule.highWaterMark ?? 0;
      return rule.trail.unit === "percent"
        ? { place: "trail_percent", key: basisPoints(rule.trail.percent), high }
        : { place: "trail_krw", key: rule.trail.amount, high };
    }
  }
}

/**
 * Active alerts indexed by symbol. Each alert fires at most once: it leaves the index when it
 * fires.
 * @example
 * ```ts
 * const index = new AlertIndex();
 * index.add(alert);
 * for (const trigger of index.onTick(alert.symbol, 66_500, Date.now())) notify(trigger);
 * ```
 */
export class AlertIndex {
  readonly #books = new Map<string, SymbolBook>();
  readonly #entries = new Map<string, Entry>();
  readonly #fired: FiredEntry[] = [];

  /** How many alerts are indexed. */
  get size(): number {
    return this.#entries.size;
  }

  /**
   * Indexes an active alert.
   * @throws {AlertValidationError} when the alert is not active or its id is already indexed.
   */
  add(alert: Alert): void {
    if (alert.state.status !== "active") {
      throw new AlertValidationError([{
        path: "state",
        message: `alert ${alert.id} is ${alert.state.status}, only active alerts are indexed`,
      }]);
    }
    if (this.#entries.has(alert.id)) {
      throw new AlertValidationError([{ path: "id", message: `alert ${alert.id} is indexed` }]);
    }
    const { place, key, high } = placeOf(alert);
    const entry: Entry = { alert, place, key, heapIndex: -1, group: null };
    let book = this.#books.get(alert.symbol);
    if (book === undefined) {
      book = new SymbolBook();
      this.#books.set(alert.symbol, book);
    }
    book.add(entry, high);
    this.#entries.set(alert.id, entry);
  }

  /** Removes an alert; false when it was not indexed (never added, removed, or fired). */
  remove(id: string): boolean {
    const entry = this.#entries.get(id);
    if (entry === undefined) return false;
    this.#entries.delete(id);
    const book = this.#books.get(entry.alert.symbol) as SymbolBook;
    book.remove(entry);
    if (book.size === 0) this.#books.delete(entry.alert.symbol);
    return true;
  }

  /** The indexed alert as it stands now (a trailing stop with its current high-water mark). */
  current(id: string): Alert | undefined {
    const entry = this.#entries.get(id);
    if (entry === undefined) return undefined;
    const high = entry.group?.high ?? 0;
    return high > 0 ? raiseHighWaterMark(entry.alert, high) : entry.alert;
  }

  /**
   * Evaluates a trade at `price` (whole won) at `at` (epoch milliseconds) against `symbol`'s
   * alerts. Returns those it fired, removed from the index, in {@link compareTriggers} order; a
   * tick that jumps past several levels fires them all.
   */
  onTick(symbol: SymbolCode, price: number, at: number): readonly Trigger[] {
    const book = this.#books.get(symbol);
    if (book === undefined) return NONE;
    const fired = this.#fired;
    book.onTick(price, fired);
    if (fired.length === 0) return NONE;
    const triggers: Trigger[] = [];
    for (const { entry, level, high } of fired) {
      this.#entries.delete(entry.alert.id);
      const alert = high > 0 ? raiseHighWaterMark(entry.alert, high) : entry.alert;
      const direction = entry.place === "above" ? "up" : "down";
      triggers.push({ alert: markTriggered(alert, price, at), price, at, level, direction });
    }
    fired.length = 0;
    if (book.size === 0) this.#books.delete(symbol);
    return triggers.sort(compareTriggers);
  }
}
