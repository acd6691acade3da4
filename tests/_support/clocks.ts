import type { Clock } from "../../core/broker/kis/mod.ts";

/** 2027-01-15T08:00:00Z, where virtual clocks start unless told otherwise. */
export const VIRTUAL_EPOCH = 1_800_000_000_000;

/** A clock whose sleeps move its own time forward at once instead of waiting, and are recorded. */
export class SteppedClock implements Clock {
  /** The current time in ms. */
  time: number;
  /** Every sleep asked for, in order. */
  readonly slept: number[] = [];

  /** A clock at `start` ms (default {@link VIRTUAL_EPOCH}). */
  constructor(start = VIRTUAL_EPOCH) {
    this.time = start;
  }

  /** The current time in ms. */
  now(): number {
    return this.time;
  }

  /** Records `ms` and moves the time forward by it. */
  sleep(ms: number): Promise<void> {
    this.slept.push(ms);
    this.time += ms;
    return Promise.resolve();
  }
}

/**
 * Virtual time for concurrent callers: time moves only when every unfinished caller sleeps, so a
 * caller never sees the clock jump between its own steps. Each caller calls `finished()` once done.
 */
export class SharedVirtualClock implements Clock {
  /** The current time in ms. */
  time = VIRTUAL_EPOCH;
  #sleepers: { wake: number; resolve: () => void }[] = [];
  #running: number;

  /** A clock shared by `callers` concurrent callers. */
  constructor(callers: number) {
    this.#running = callers;
  }

  /** The current time in ms. */
  now(): number {
    return this.time;
  }

  /** Resolves when every other running caller sleeps too and this sleeper wakes first. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.#sleepers.push({ wake: this.time + ms, resolve });
      this.#advance();
    });
  }

  /** One caller is done and no longer holds time back. */
  finished(): void {
    this.#running--;
    this.#advance();
  }

  #advance(): void {
    if (this.#running === 0 || this.#sleepers.length < this.#running) return;
    this.#sleepers.sort((a, b) => a.wake - b.wake);
    const next = this.#sleepers.shift()!;
    this.time = Math.max(this.time, next.wake);
    next.resolve();
  }
}
