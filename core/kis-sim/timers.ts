/** Tracks every timer and background task the server starts, so `close` can end them all. */
export class TimerSet {
  #timeouts = new Set<ReturnType<typeof setTimeout>>();
  #intervals = new Set<ReturnType<typeof setInterval>>();
  #tasks = new Set<Promise<unknown>>();
  #waiters = new Set<() => void>();
  #closed = false;

  /** Runs `fn` after `ms` unless cleared first. */
  timeout(fn: () => void, ms: number): void {
    if (this.#closed) return;
    const id = setTimeout(() => {
      this.#timeouts.delete(id);
      fn();
    }, ms);
    this.#timeouts.add(id);
  }

  /** Runs `fn` every `ms` until cleared. */
  interval(fn: () => void, ms: number): void {
    if (this.#closed) return;
    this.#intervals.add(setInterval(fn, ms));
  }

  /** Resolves after `ms`, or at once when the set is cleared. */
  delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.#closed || ms <= 0) return resolve();
      const id = setTimeout(() => {
        this.#timeouts.delete(id);
        this.#waiters.delete(resolve);
        resolve();
      }, ms);
      this.#timeouts.add(id);
      this.#waiters.add(resolve);
    });
  }

  /** Keeps `task` so that {@link TimerSet.clear} waits for it. */
  track(task: Promise<unknown>): void {
    this.#tasks.add(task);
    const forget = () => this.#tasks.delete(task);
    task.then(forget, forget);
  }

  /** Cancels every timer, releases every delay and waits for tracked tasks. */
  async clear(): Promise<void> {
    this.#closed = true;
    for (const id of this.#timeouts) clearTimeout(id);
    for (const id of this.#intervals) clearInterval(id);
    this.#timeouts.clear();
    this.#intervals.clear();
    for (const resolve of this.#waiters) resolve();
    this.#waiters.clear();
    await Promise.allSettled([...this.#tasks]);
  }
}
