import {
  type IsoDate,
  kstInstant,
  REGULAR_SESSION,
  seoulDate,
  sessionTimesOn,
  type TradingCalendar,
} from "../krx/mod.ts";

/** The part of each trading day the demo clock replays, in KST minutes after midnight. */
export interface ReplayWindow {
  readonly from: number;
  readonly to: number;
}

/** One trading day's replayed time: epoch milliseconds from `start` (inclusive) to `end`. */
export interface ReplaySpan {
  readonly date: IsoDate;
  readonly start: number;
  readonly end: number;
}

/**
 * The trading days' replay spans in a row, skipping weekends and holidays: the time line the demo
 * clock runs along. Pure: instants in, instants out.
 */
export class ReplaySchedule {
  #calendar: TradingCalendar;
  #window: ReplayWindow | undefined;

  /**
   * A schedule replaying `window` of every trading day, or by default each day's continuous
   * session (09:00–15:20; 10:00–15:20 and 10:00–16:20 on the delayed-opening days).
   *
   * @throws {RangeError} unless the window lies in an ordinary day's session, 09:00–15:30.
   */
  constructor(calendar: TradingCalendar, window?: ReplayWindow) {
    if (
      window && !(window.from >= REGULAR_SESSION.open && window.from < window.to &&
        window.to <= REGULAR_SESSION.close)
    ) {
      throw new RangeError(
        `a replay window must lie within 09:00–15:30 (minutes 540–930), got ${window.from}–${window.to}`,
      );
    }
    this.#calendar = calendar;
    this.#window = window;
  }

  /**
   * The span of `date`: the window clipped to that day's session, so a window starting at 09:00
   * starts at 10:00 on a delayed-opening day and the market is open all through it.
   */
  spanOn(date: IsoDate): ReplaySpan {
    const times = sessionTimesOn(date);
    const from = Math.max(this.#window?.from ?? times.open, times.open);
    const to = Math.min(this.#window?.to ?? times.closingAuction, times.close);
    return {
      date,
      start: kstInstant(date, 0, from).getTime(),
      end: kstInstant(date, 0, Math.max(from, to)).getTime(),
    };
  }

  /** The first non-empty span on a trading day after `date`. */
  spanAfter(date: IsoDate): ReplaySpan {
    let span: ReplaySpan;
    do {
      date = this.#calendar.nextTradingDay(date);
      span = this.spanOn(date);
    } while (span.start >= span.end);
    return span;
  }

  /** `instant` when it is replayed, else the start of the next span (that day's or a later one). */
  snap(instant: number): number {
    const date = seoulDate(new Date(instant));
    if (this.#calendar.isTradingDay(date)) {
      const span = this.spanOn(date);
      if (span.start < span.end && instant < span.end) return Math.max(instant, span.start);
    }
    return this.spanAfter(date).start;
  }

  /** The start of the latest trading day on or before `now`'s KST date: where a demo begins. */
  latestStart(now: number): number {
    const today = seoulDate(new Date(now));
    const day = this.#calendar.isTradingDay(today)
      ? today
      : this.#calendar.previousTradingDay(today);
    return this.snap(kstInstant(day, 0).getTime());
  }

  /**
   * The instant `ms` of replayed time after `from` (snapped first): whatever is left of a span
   * carries over to the next span's start.
   */
  after(from: number, ms: number): number {
    let at = this.snap(from);
    let span = this.spanOn(seoulDate(new Date(at)));
    let left = ms;
    while (at + left >= span.end) {
      left -= span.end - at;
      span = this.spanAfter(span.date);
      at = span.start;
    }
    return at + left;
  }
}
