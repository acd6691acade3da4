/**
 * One symbol's active alerts, split by how they fire: fixed levels a falling price crosses
 * (stop-loss, price-below) in a max-heap, fixed levels a rising price crosses (take-profit,
 * price-above) in a min-heap, and trailing stops in their own book. A tick looks at the two tops
 * and the trailing book's, and pops only what it crosses.
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

  /** How many alerts the book holds. */
  get size(): number {
    return this.#below.size + this.#above.size + this.#trailing.size;
  }

  /** Adds an entry; `high` is a trailing stop's high-water mark (0 when none yet). */
  add(entry: Entry, high: number): void {
    switch (entry.place) {
      case "below":
        return this.#below.push(entry);
      case "above":
        return this.#above.push(entry);
      case "trail_percent":
      case "trail_krw":
        return this.#trailing.add(entry, high);
    }
  }

  /** Removes an entry held by this book. */
  remove(entry: Entry): void {
    switch (entry.place) {
      case "below":
        return this.#below.remove(entry.heapIndex);
      case "above":
        return this.#above.remove(entry.heapIndex);
      case "trail_percent":
      case "trail_krw":
        return this.#trailing.remove(entry);
    }
  }

  /** Moves every entry the tick at `price` crosses from the book to `fired`. */
  onTick(price: number, fired: FiredEntry[]): void {
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
  }
}
