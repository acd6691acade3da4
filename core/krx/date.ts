/** A calendar date in `YYYY-MM-DD` form, already checked to exist. */
export type IsoDate = string & { readonly __brand: "IsoDate" };

/** The days from `from` to `to`, both included. */
export interface DateRange {
  readonly from: IsoDate;
  readonly to: IsoDate;
}

const DASHED = /^(\d{4})-(\d{2})-(\d{2})$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;

/**
 * Parses `YYYY-MM-DD` or `YYYYMMDD` into an {@link IsoDate}.
 *
 * @throws {RangeError} naming the input when the form is wrong or the date does not exist.
 * @example parseIsoDate("20240229") // "2024-02-29"
 */
export function parseIsoDate(input: string): IsoDate {
  const match = DASHED.exec(input) ?? COMPACT.exec(input);
  if (match === null) {
    throw new RangeError(
      `invalid date ${JSON.stringify(input)}: expected YYYY-MM-DD or YYYYMMDD`,
    );
  }
  const [, year, month, day] = match as unknown as [string, string, string, string];
  const iso = `${year}-${month}-${day}`;
  const monthNumber = Number(month);
  if (
    monthNumber < 1 || monthNumber > 12 ||
    epochDayToIsoDate(civilToEpochDay(Number(year), monthNumber, Number(day))) !== iso
  ) {
    throw new RangeError(`invalid date ${JSON.stringify(input)}: no such calendar day`);
  }
  return iso as IsoDate;
}

/** Days since 1970-01-01 of a date (negative before it). */
export function isoDateToEpochDay(date: IsoDate): number {
  return civilToEpochDay(
    Number(date.slice(0, 4)),
    Number(date.slice(5, 7)),
    Number(date.slice(8, 10)),
  );
}

/**
 * The calendar date `days` days after `date` (before it when negative).
 *
 * @example addDays(parseIsoDate("2024-02-28"), 2) // "2024-03-01"
 */
export function addDays(date: IsoDate, days: number): IsoDate {
  return epochDayToIsoDate(isoDateToEpochDay(date) + days);
}

/** The date that is `epochDay` days after 1970-01-01. */
export function epochDayToIsoDate(epochDay: number): IsoDate {
  // Inverse of civilToEpochDay, over 400-year cycles of years starting in March.
  const days = epochDay + DAYS_FROM_YEAR_0_MARCH_TO_EPOCH;
  const cycle = Math.floor(days / DAYS_PER_400_YEARS);
  const dayOfCycle = days - cycle * DAYS_PER_400_YEARS;
  const yearOfCycle = Math.floor(
    (dayOfCycle - Math.floor(dayOfCycle / 1460) + Math.floor(dayOfCycle / 36524) -
      Math.floor(dayOfCycle / 146096)) / 365,
  );
  const dayOfYear = dayOfCycle -
    (365 * yearOfCycle + Math.floor(yearOfCycle / 4) - Math.floor(yearOfCycle / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const year = cycle * 400 + yearOfCycle + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${
    String(day).padStart(2, "0")
  }` as IsoDate;
}

/** Day of the week of an epoch day: 0 = Sunday … 6 = Saturday. */
export function weekdayOfEpochDay(epochDay: number): number {
  // 1970-01-01 was a Thursday.
  return (((epochDay + 4) % 7) + 7) % 7;
}

const DAYS_PER_400_YEARS = 146_097;
const DAYS_FROM_YEAR_0_MARCH_TO_EPOCH = 719_468;

/**
 * Plain arithmetic rather than `Date`, because calendars call this per bar. Years are counted
 * from March so that the leap day ends a year; out-of-range days roll over, which parseIsoDate
 * detects by converting back.
 */
function civilToEpochDay(year: number, month: number, day: number): number {
  const marchYear = month <= 2 ? year - 1 : year;
  const cycle = Math.floor(marchYear / 400);
  const yearOfCycle = marchYear - cycle * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfCycle = yearOfCycle * 365 + Math.floor(yearOfCycle / 4) -
    Math.floor(yearOfCycle / 100) + dayOfYear;
  return cycle * DAYS_PER_400_YEARS + dayOfCycle - DAYS_FROM_YEAR_0_MARCH_TO_EPOCH;
}
