import { epochDayToIsoDate, type IsoDate, isoDateToEpochDay, weekdayOfEpochDay } from "./date.ts";
import { KRX_CALENDAR_YEARS, KRX_HOLIDAYS } from "./holidays.ts";

/** One day's open state as KIS's holiday inquiry (`chk-holiday`, `opnd_yn`) reports it. */
export interface KnownDay {
  readonly date: IsoDate;
  /** Whether orders can be placed and KRX trades that day. */
  readonly open: boolean;
}

/** The years a calendar's holiday list covers in full, inclusive. */
export interface CalendarYears {
  readonly first: number;
  readonly last: number;
}

/**
 * Trading days: weekdays that are not listed holidays, within the years the holiday list covers,
 * plus single days whose open state is known from data. A day outside both is refused with a
 * `RangeError`, never guessed. Immutable; extend with `withKnownDays` or `withHolidays`.
 */
export class TradingCalendar {
  readonly #holidays: ReadonlySet<number>;
  readonly #years: CalendarYears | undefined;
  readonly #firstEpochDay: number;
  readonly #endEpochDay: number;
  #known: ReadonlyMap<number, boolean> = new Map();

  /**
   * A calendar closed on weekends and on each of `holidays`. With `years`, only those years are
   * covered; without, the caller vouches for every year.
   */
  constructor(holidays: Iterable<IsoDate>, years?: CalendarYears) {
    this.#holidays = new Set([...holidays].map(isoDateToEpochDay));
    this.#years = years;
    this.#firstEpochDay = years === undefined
      ? -Infinity
      : isoDateToEpochDay(`${String(years.first).padStart(4, "0")}-01-01` as IsoDate);
    this.#endEpochDay = years === undefined
      ? Infinity
      : isoDateToEpochDay(`${String(years.last + 1).padStart(4, "0")}-01-01` as IsoDate);
  }

  /**
   * A new calendar in which each of `days` is open or closed as given (for example KIS's
   * `chk-holiday` answers), also for dates outside the covered years; the last entry for a date
   * wins.
   */
  withKnownDays(days: Iterable<KnownDay>): TradingCalendar {
    const known = new Map(this.#known);
    for (const { date, open } of days) known.set(isoDateToEpochDay(date), open);
    const calendar = new TradingCalendar(this.#holidayDates(), this.#years);
    calendar.#known = known;
    return calendar;
  }

  /** A new calendar with `extra` closing days added to this one's. */
  withHolidays(extra: Iterable<IsoDate>): TradingCalendar {
    return this.withKnownDays([...extra].map((date) => ({ date, open: false })));
  }

  /**
   * Whether KRX trades on `date`.
   *
   * @throws {RangeError} naming the year when the calendar does not cover `date`.
   */
  isTradingDay(date: IsoDate): boolean {
    return this.#isTradingEpochDay(isoDateToEpochDay(date));
  }

  /**
   * The first trading day strictly after `date`.
   *
   * @throws {RangeError} naming the year when the search leaves the covered days.
   */
  nextTradingDay(date: IsoDate): IsoDate {
    return this.#step(isoDateToEpochDay(date), 1);
  }

  /**
   * The last trading day strictly before `date`.
   *
   * @throws {RangeError} naming the year when the search leaves the covered days.
   */
  previousTradingDay(date: IsoDate): IsoDate {
    return this.#step(isoDateToEpochDay(date), -1);
  }

  /**
   * Moves `n` trading days forward (negative: backward), counting from `date` whether or not
   * `date` itself trades; `n = 0` returns `date`.
   *
   * @throws {RangeError} when `n` is not an integer, or naming the year when the count leaves
   *   the covered days.
   */
  addTradingDays(date: IsoDate, n: number): IsoDate {
    if (!Number.isInteger(n)) {
      throw new RangeError(`invalid trading-day count ${n}: expected an integer`);
    }
    let day = isoDateToEpochDay(date);
    const direction = n < 0 ? -1 : 1;
    for (let left = Math.abs(n); left > 0; left--) {
      day = isoDateToEpochDay(this.#step(day, direction));
    }
    return epochDayToIsoDate(day);
  }

  #holidayDates(): IsoDate[] {
    return [...this.#holidays].map(epochDayToIsoDate);
  }

  #step(epochDay: number, direction: 1 | -1): IsoDate {
    let day = epochDay + direction;
    while (!this.#isTradingEpochDay(day)) day += direction;
    return epochDayToIsoDate(day);
  }

  #isTradingEpochDay(epochDay: number): boolean {
    const known = this.#known.get(epochDay);
    if (known !== undefined) return known;
    if (epochDay < this.#firstEpochDay || epochDay >= this.#endEpochDay) {
      const year = epochDayToIsoDate(epochDay).slice(0, 4);
      const { first, last } = this.#years!;
      throw new RangeError(
        `no KRX calendar for ${year} (${epochDayToIsoDate(epochDay)}): the bundled calendar ` +
          `covers ${first}–${last}; add that year's days with withKnownDays (KIS chk-holiday)`,
      );
    }
    const weekday = weekdayOfEpochDay(epochDay);
    return weekday !== 0 && weekday !== 6 && !this.#holidays.has(epochDay);
  }
}

/** KRX's calendar with the bundled 2015–2027 closing days; other years raise a `RangeError`. */
export const DEFAULT_CALENDAR: TradingCalendar = new TradingCalendar(
  KRX_HOLIDAYS,
  KRX_CALENDAR_YEARS,
);
