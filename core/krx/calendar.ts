import { epochDayToIsoDate, type IsoDate, isoDateToEpochDay, weekdayOfEpochDay } from "./date.ts";
import { KRX_HOLIDAYS } from "./holidays.ts";

/** Trading days: weekdays that are not listed holidays. Immutable; extend with `withHolidays`. */
export class TradingCalendar {
  readonly #holidays: ReadonlySet<IsoDate>;
  readonly #holidayEpochDays: ReadonlySet<number>;

  /** Builds a calendar closed on weekends and on each of `holidays`. */
  constructor(holidays: Iterable<IsoDate>) {
    this.#holidays = new Set(holidays);
    this.#holidayEpochDays = new Set([...this.#holidays].map(isoDateToEpochDay));
  }

  /** A new calendar with `extra` holidays added to this one's. */
  withHolidays(extra: Iterable<IsoDate>): TradingCalendar {
    return new TradingCalendar([...this.#holidays, ...extra]);
  }

  /** Whether KRX trades on `date`. */
  isTradingDay(date: IsoDate): boolean {
    return this.#isTradingEpochDay(isoDateToEpochDay(date));
  }

  /** The first trading day strictly after `date`. */
  nextTradingDay(date: IsoDate): IsoDate {
    return this.#step(isoDateToEpochDay(date), 1);
  }

  /** The last trading day strictly before `date`. */
  previousTradingDay(date: IsoDate): IsoDate {
    return this.#step(isoDateToEpochDay(date), -1);
  }

  /**
   * Moves `n` trading days forward (negative: backward), counting from `date` whether or not
   * `date` itself trades; `n = 0` returns `date`.
   *
   * @throws {RangeError} when `n` is not an integer.
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

  #step(epochDay: number, direction: 1 | -1): IsoDate {
    let day = epochDay + direction;
    while (!this.#isTradingEpochDay(day)) day += direction;
    return epochDayToIsoDate(day);
  }

  #isTradingEpochDay(epochDay: number): boolean {
    const weekday = weekdayOfEpochDay(epochDay);
    return weekday !== 0 && weekday !== 6 && !this.#holidayEpochDays.has(epochDay);
  }
}

/** KRX's calendar with the bundled 2024–2027 holidays. */
export const DEFAULT_CALENDAR: TradingCalendar = new TradingCalendar(KRX_HOLIDAYS);
