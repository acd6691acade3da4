/**
 * One symbol's trailing stops. Every stop that has seen a tick above its own high-water mark now
 * has that tick's price as its high, so stops are kept in groups sharing one high: a new high
 * merges the groups below it into one (their members move, the smaller group into the larger,
 * so a member moves O(log n) times in all) instead of re-keying every stop. Within a group a
 * stop's level falls as its trail grows, so each group keeps its members in two min-heaps by
 * trail (percent in basis points, and KRW) and knows its highest level; the groups sit in a
 * max-heap by that level, and a tick pops only the stops it crosses.
 * @module
 */
import { type Entry, type FiredEntry, placeEntry } from "./entry.ts";
import { IndexedHeap } from "./heap.ts";
import { trailingLevelPercent } from "./levels.ts";

const byTrail = (a: Entry, b: Entry) => a.key < b.key;

/** Trailing stops sharing one high-water mark (0 for stops that have not seen a price yet). */
export class TrailGroup {
  /** The shared high-water mark in KRW. */
  high: number;
  /** The highest stop level among the members, or -Infinity for an empty group. */
  level = -Infinity;
  /** Slot in the book's heap of groups by high. */
  highIndex = -1;
  /** Slot in the book's heap of groups by level. */
  levelIndex = -1;
  /** Members with a percentage trail, smallest trail (highest level) on top. */
  readonly percent = new IndexedHeap<Entry>(byTrail, placeEntry);
  /** Members with a KRW trail, smallest trail (highest level) on top. */
  readonly krw = new IndexedHeap<Entry>(byTrail, placeEntry);

  /** An empty group at `high`. */
  constructor(high: number) {
    this.high = high;
  }

  /** How many stops share this high. */
  get size(): number {
    return this.percent.size + this.krw.size;
  }

  /** Recomputes {@link level} from the top members. */
  relevel(): void {
    const percent = this.percent.peek();
    const krw = this.krw.peek();
    const percentLevel = percent === undefined
      ? -Infinity
      : trailingLevelPercent(this.high, percent.key);
    this.level = Math.max(percentLevel, krw === undefined ? -Infinity : this.high - krw.key);
  }
}

/** The trailing stops of one symbol. */
export class TrailingBook {
  readonly #byHigh = new IndexedHeap<TrailGroup>(
    (a, b) => a.high < b.high,
    (g, i) => g.highIndex = i,
  );
  readonly #byLevel = new IndexedHeap<TrailGroup>(
    (a, b) => a.level > b.level,
    (g, i) => g.levelIndex = i,
  );
  readonly #groupAt = new Map<number, TrailGroup>();
  #size = 0;

  /** How many stops the book holds. */
  get size(): number {
    return this.#size;
  }

  /** The highest level of any stop, -Infinity when empty: a tick at or below it fires one. */
  get topLevel(): number {
    return this.#byLevel.peek()?.level ?? -Infinity;
  }

  /** The lowest high-water mark, Infinity when empty: a tick above it raises a high. */
  get lowestHigh(): number {
    return this.#byHigh.peek()?.high ?? Infinity;
  }

  /** Adds a stop whose high-water mark is `high` (0 when it has seen no price yet). */
  add(entry: Entry, high: number): void {
    let group = this.#groupAt.get(high);
    if (group === undefined) {
      group = new TrailGroup(high);
      this.#groupAt.set(high, group);
      this.#byHigh.push(group);
      this.#byLevel.push(group);
    }
    entry.group = group;
    (entry.place === "trail_percent" ? group.percent : group.krw).push(entry);
    this.#size++;
    this.#refresh(group);
  }

  /** Removes a stop that is in this book. */
  remove(entry: Entry): void {
    const group = entry.group as TrailGroup;
    (entry.place === "trail_percent" ? group.percent : group.krw).remove(entry.heapIndex);
    entry.group = null;
    this.#size--;
    this.#refresh(group);
  }

  /**
   * Raises every high below `price` to it, then moves the stops whose level is at or above
   * `price` from the book to `fired` (unordered: the index sorts what a tick fired).
   */
  onTick(price: number, fired: FiredEntry[]): void {
    const lowest = this.#byHigh.peek();
    if (lowest !== undefined && lowest.high < price) this.#raise(price);
    let top = this.#byLevel.peek();
    while (top !== undefined && top.level >= price) {
      this.#fire(top, price, fired);
      this.#refresh(top);
      top = this.#byLevel.peek();
    }
  }

  #fire(group: TrailGroup, price: number, fired: FiredEntry[]): void {
    const high = group.high;
    for (let entry = group.percent.peek(); entry !== undefined; entry = group.percent.peek()) {
      const level = trailingLevelPercent(high, entry.key);
      if (level < price) break;
      group.percent.pop();
      entry.group = null;
      this.#size--;
      fired.push({ entry, level, high });
    }
    for (let entry = group.krw.peek(); entry !== undefined; entry = group.krw.peek()) {
      const level = high - entry.key;
      if (level < price) break;
      group.krw.pop();
      entry.group = null;
      this.#size--;
      fired.push({ entry, level, high });
    }
  }

  #raise(price: number): void {
    let merged = this.#groupAt.get(price);
    if (merged !== undefined) this.#detach(merged);
    for (let group = this.#byHigh.peek(); group !== undefined && group.high < price;) {
      this.#detach(group);
      merged = merged === undefined ? group : merge(merged, group);
      group = this.#byHigh.peek();
    }
    const target = merged as TrailGroup;
    target.high = price;
    this.#groupAt.set(price, target);
    this.#byHigh.push(target);
    target.relevel();
    this.#byLevel.push(target);
  }

  /** Re-levels a group after its members changed, dropping it when it is empty. */
  #refresh(group: TrailGroup): void {
    if (group.size === 0) {
      this.#detach(group);
      return;
    }
    group.relevel();
    this.#byLevel.update(group.levelIndex);
  }

  #detach(group: TrailGroup): void {
    this.#byHigh.remove(group.highIndex);
    this.#byLevel.remove(group.levelIndex);
    group.highIndex = -1;
    group.levelIndex = -1;
    if (this.#groupAt.get(group.high) === group) this.#groupAt.delete(group.high);
  }
}

/** Moves the smaller group's members into the larger one and returns the larger. */
function merge(a: TrailGroup, b: TrailGroup): TrailGroup {
  const [into, from] = a.size >= b.size ? [a, b] : [b, a];
  for (const entry of from.percent.items) {
    entry.group = into;
    into.percent.push(entry);
  }
  for (const entry of from.krw.items) {
    entry.group = into;
    into.krw.push(entry);
  }
  return into;
}
