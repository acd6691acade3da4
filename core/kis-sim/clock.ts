/** How simulated time relates to wall time. */
export type ClockMode = "realtime" | "accelerated" | "manual";

/** Clock configuration: `start` defaults to the wall time, `speed` (accelerated only) to 60. */
export interface ClockOptions {
  mode: ClockMode;
  start?: Date;
  speed?: number;
}

/**
 * The simulator's controllable clock. Wall time comes in through `wallNow`, so the clock itself
 * does no I/O; `manual` time moves only through `set` and `advance`.
 */
export class SimClock {
  /** How this clock moves. */
  readonly mode: ClockMode;
  /** Simulated milliseconds per wall millisecond (1 unless accelerated). */
  readonly speed: number;
  #wallNow: () => number;
  #anchorWall: number;
  #anchorSim: number;
  #listeners = new Set<(now: Date) => void>();

  /** Creates a clock reading `options.start` now. */
  constructor(options: ClockOptions, wallNow: () => number) {
    this.mode = options.mode;
    this.speed = options.mode === "accelerated" ? options.speed ?? 60 : 1;
    if (!(this.speed > 0)) throw new RangeError(`clock speed must be positive, got ${this.speed}`);
    this.#wallNow = wallNow;
    this.#anchorWall = wallNow();
    this.#anchorSim = options.start?.getTime() ?? this.#anchorWall;
  }

  /** The current simulated instant. */
  now(): Date {
    if (this.mode === "manual") return new Date(this.#anchorSim);
    return new Date(this.#anchorSim + (this.#wallNow() - this.#anchorWall) * this.speed);
  }

  /** Jumps to `instant` (time keeps flowing from there unless manual). */
  set(instant: Date): void {
    this.#anchorWall = this.#wallNow();
    this.#anchorSim = instant.getTime();
    this.#notify();
  }

  /** Moves simulated time forward by `ms`. */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`clock can only advance by a non-negative ms, got ${ms}`);
    this.set(new Date(this.now().getTime() + ms));
  }

  /** Calls `listener` after every `set`/`advance`; returns the unsubscribe function. */
  onChange(listener: (now: Date) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #notify(): void {
    const now = this.now();
    for (const listener of this.#listeners) listener(now);
  }
}
