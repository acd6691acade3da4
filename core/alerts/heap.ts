/**
 * A binary heap that tells each item where it sits, so an item can be removed or re-keyed in
 * O(log n) without a search. The index keeps one per side of each symbol's thresholds.
 * @module
 */

/** A binary heap ordered by `before`; `place` records each item's slot whenever it moves. */
export class IndexedHeap<T> {
  readonly #items: T[] = [];
  readonly #before: (a: T, b: T) => boolean;
  readonly #place: (item: T, index: number) => void;

  /**
   * @param before whether `a` belongs nearer the top than `b`
   * @param place called with an item's new slot each time it moves; the slot is what `remove` and
   *   `update` take
   */
  constructor(before: (a: T, b: T) => boolean, place: (item: T, index: number) => void) {
    this.#before = before;
    this.#place = place;
  }

  /** How many items the heap holds. */
  get size(): number {
    return this.#items.length;
  }

  /** The items in slot order (a heap, not sorted). */
  get items(): readonly T[] {
    return this.#items;
  }

  /** The top item, without removing it. */
  peek(): T | undefined {
    return this.#items[0];
  }

  /** Adds an item in O(log n). */
  push(item: T): void {
    this.#items.push(item);
    this.#up(this.#items.length - 1);
  }

  /** Removes and returns the top item. */
  pop(): T | undefined {
    const top = this.#items[0];
    if (top !== undefined) this.remove(0);
    return top;
  }

  /** Removes the item at `index` (as last given to `place`). */
  remove(index: number): void {
    const items = this.#items;
    const last = items.pop() as T;
    if (index === items.length) return;
    items[index] = last;
    this.#place(last, index);
    this.update(index);
  }

  /** Restores the order after the key of the item at `index` changed in either direction. */
  update(index: number): void {
    if (!this.#up(index)) this.#down(index);
  }

  #up(index: number): boolean {
    const items = this.#items;
    const item = items[index] as T;
    const start = index;
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = items[parentIndex] as T;
      if (!this.#before(item, parent)) break;
      items[index] = parent;
      this.#place(parent, index);
      index = parentIndex;
    }
    items[index] = item;
    this.#place(item, index);
    return index !== start;
  }

  #down(index: number): void {
    const items = this.#items;
    const item = items[index] as T;
    const half = items.length >> 1;
    while (index < half) {
      let child = 2 * index + 1;
      const right = child + 1;
      if (right < items.length && this.#before(items[right] as T, items[child] as T)) child = right;
      const next = items[child] as T;
      if (!this.#before(next, item)) break;
      items[index] = next;
      this.#place(next, index);
      index = child;
    }
    items[index] = item;
    this.#place(item, index);
  }
}
