import { DEFAULT_CALENDAR, seoulDate, type TradingCalendar } from "../krx/mod.ts";
import { ReplaySchedule, type ReplayWindow } from "./replay_window.ts";

/**
 * How simulated time relates to wall time. `demo` replays trading days back to back, so the
 * market is in session whatever the wall-clock hour.
 */
export type ClockMode = "realtime" | "accelerated" | "manual" | "demo";

/**
 * Clock configuration. `start` defaults to the wall time (demo: the open of the latest trading
 * day); `speed` applies to `accelerated` (default 60) and `demo` (default 1, so the demo's
 * strategies, alerts and charts see a market moving at its real pace); `window` (demo only) is
 * the part of each trading day replayed, by default its continuous session.
 */
export interface ClockOptions {
  mode: ClockMode;
  start?: Date;
  speed?: number;
  window?: ReplayWindow;
}

/**
 * The simulator's controllable clock. Wall time comes in through `wallNow`, so the clock itself
 * does no I/O; `manual` time moves only through `set` and `advance`; `demo` time runs through
 * each trading day's replay window and then jumps to the next trading day's.
 */
export class SimClock {
  /** How this clock moves. */
  readonly mode: ClockMode;
  /** Simulated milliseconds per wall millisecond (1 unless accelerated or a faster demo). */
  readonly speed: number;
  #replay: ReplaySchedule | null;
  #wallNow: () => number;
  #anchorWall: number;
  #anchorSim: number;
  /** Demo: the replayed span holding `#anchorSim`, so a read inside it needs no calendar work. */
  #span: { readonly start: number; readonly end: number } | null = null;
  #listeners = new Set<(now: Date) => void>();

  /** Creates a clock reading `options.start` now; `calendar` tells a demo clock the trading days. */
  constructor(
    options: ClockOptions,
    wallNow: () => number,
    calendar: TradingCalendar = DEFAULT_CALENDAR,
  ) {
    this.mode = options.mode;
    this.speed = options.mode === "accelerated"
      ? options.speed ?? 60
      : options.mode === "demo"
      ? options.speed ?? 1
      : 1;
    if (!(this.speed > 0)) throw new RangeError(`clock speed must be positive, got ${this.speed}`);
    this.#replay = options.mode === "demo" ? new ReplaySchedule(calendar, options.window) : null;
    this.#wallNow = wallNow;
    this.#anchorWall = wallNow();
    const start = options.start?.getTime();
    this.#anchorSim = this.#replay
      ? start === undefined ? this.#replay.latestStart(this.#anchorWall) : this.#replay.snap(start)
      : start ?? this.#anchorWall;
  }

  /** The current simulated instant. */
  now(): Date {
    if (this.mode === "manual") return new Date(this.#anchorSim);
    const wall = this.#wallNow();
    const elapsed = (wall - this.#anchorWall) * this.speed;
    if (!this.#replay) return new Date(this.#anchorSim + elapsed);
    // re-anchored on every read, so a read walks only the day boundaries passed since the last
    // one, and a wall clock stepped back never rewinds the market
    const from = this.#anchorSim;
    const to = from + Math.max(0, elapsed);
    const span = this.#span;
    // inside the anchor's span `after` is plain addition; the calendar is asked only past its end
    if (span !== null && from >= span.start && to < span.end) this.#anchorSim = to;
    else {
      this.#anchorSim = this.#replay.after(from, Math.max(0, elapsed));
      this.#span = this.#replay.spanOn(seoulDate(new Date(this.#anchorSim)));
    }
    this.#anchorWall = wall;
    return new Date(this.#anchorSim);
  }

  /** Jumps to `instant` (time keeps flowing from there unless manual; demo: snapped into a window). */
  set(instant: Date): void {
    this.#span = null;
    this.#anchorWall = this.#wallNow();
    this.#anchorSim = this.#replay ? this.#replay.snap(instant.getTime()) : instant.getTime();
    this.#notify();
  }

  /** Moves simulated time forward by `ms` (demo: `ms` of replayed time, across day boundaries). */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`clock can only advance by a non-negative ms, got ${ms}`);
    const now = this.now().getTime();
    this.set(new Date(this.#replay ? this.#replay.after(now, ms) : now + ms));
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
