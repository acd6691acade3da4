/** An unbounded push queue read as an async iterable; `fail` ends the reading with an error. */
export class EventQueue<T> implements AsyncIterable<T> {
  readonly #items: T[] = [];
  #waiting: { resolve: (result: IteratorResult<T>) => void; reject: (e: Error) => void } | null =
    null;
  #error: Error | null = null;
  #ended = false;

  /** Delivers one item to the reader. */
  push(item: T): void {
    if (this.#ended) return;
    if (this.#waiting) {
      this.#waiting.resolve({ value: item, done: false });
      this.#waiting = null;
    } else {
      this.#items.push(item);
    }
  }

  /** Ends the iteration after the queued items. */
  end(): void {
    this.#ended = true;
    this.#waiting?.resolve({ value: undefined, done: true });
    this.#waiting = null;
  }

  /** Ends the iteration with `error` after the queued items. */
  fail(error: Error): void {
    if (this.#ended) return;
    this.#error = error;
    this.#ended = true;
    this.#waiting?.reject(error);
    this.#waiting = null;
  }

  /** Reads the items in order. */
  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => {
        const item = this.#items.shift();
        if (item !== undefined) return Promise.resolve({ value: item, done: false });
        if (this.#error) return Promise.reject(this.#error);
        if (this.#ended) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve, reject) => {
          this.#waiting = { resolve, reject };
        });
      },
    };
  }
}
