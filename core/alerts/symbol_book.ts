/**
 * One symbol's active alerts, split by how they fire: fixed levels a falling price crosses
 * (stop-loss, price-below) in a max-heap, fixed levels a rising price crosses (take-profit,
 * price-above) in a min-heap, and trailing stops in their own book. The book keeps the band of
 * prices that change nothing (above every downward level, below every upward one, not above the
 * lowest trailing high) as three numbers, so most ticks read one object and return.
 * @module
 */
import { type Entry, type FiredEntry, placeEntry } from "./entry.ts";
import { IndexedHeap } from "./heap.ts";
import { TrailingBook } from "./trailing_book.ts";

/** The active alerts of one symbol. */
export class SymbolBook {
  readonly #below = new IndexedHeap<Entry>((a, b) => a.key > b.key, placeEntry);
  readonly #above = new IndexedHeap<Entry>((a, b) => a.key < b.key, placeEntry);
  readonly #trailing = new TrailingBook();
  /** The highest downward level: a price at or below it fires. */
  #fallsTo = -Infinity;
  /** The lowest upward level: a price at or above it fires. */
  #risesTo = Infinity;
  /** The lowest trailing high: a price above it raises highs. */
  #raisesAbove = Infinity;

  /** How many alerts the book holds. */
  get size(): number {
    return this.#below.size + this.#above.size + this.#trailing.size;
  }

  /** Adds an entry; `high` is a trailing stop's high-water mark (0 when none yet). */
  add(entry: Entry, high: number): void {
    switch (entry.place) {
      case "below":
        this.#below.push(entry);
        break;
      case "above":
        this.#above.push(entry);
        break;
      case "trail_percent":
      case "trail_krw":
        this.#trailing.add(entry, high);
    }
    this.#rebound();
  }

  /** Removes an entry held by this book. */
  remove(entry: Entry): void {
    switch (entry.place) {
      case "below":
        this.#below.remove(entry.heapIndex);
        break;
      case "above":
        this.#above.remove(entry.heapIndex);
        break;
      case "trail_percent":
      case "trail_krw":
        this.#trailing.remove(entry);
    }
    this.#rebound();
  }

  /** Moves every entry the tick at `price` crosses from the book to `fired`. */
  onTick(price: number, fired: FiredEntry[]): void {
    if (price > this.#fallsTo && price < this.#risesTo && price <= this.#raisesAbove) return;
    const below = this.#below;
    for (let top = below.peek(); top !== undefined && top.key >= price; top = below.peek()) {
      below.pop();
      fired.push({ entry: top, level: top.key, high: 0 });
    }
    const above = this.#above;
    for (let top = above.peek(); top !== undefined && top.key <= price; top = above.peek()) {
      above.pop();
      fired.push({ entry: top, level: top.key, high: 0 });
    }
    this.#trailing.onTick(price, fired);
    this.#rebound();
  }

  #rebound(): void {
    this.#fallsTo = Math.max(this.#below.peek()?.key ?? -Infinity, this.#trailing.topLevel);
    this.#risesTo = this.#above.peek()?.key ?? Infinity;
    this.#raisesAbove = this.#trailing.lowestHigh;
  }
}
