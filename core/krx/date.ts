/** A calendar date in `YYYY-MM-DD` form, already checked to exist. */
export type IsoDate = string & { readonly __brand: "IsoDate" };

const DASHED = /^(\d{4})-(\d{2})-(\d{2})$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const MS_PER_DAY = 86_400_000;

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
  if (epochDayToIsoDate(civilToEpochDay(Number(year), Number(month), Number(day))) !== iso) {
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

/** The date that is `epochDay` days after 1970-01-01. */
export function epochDayToIsoDate(epochDay: number): IsoDate {
  const d = new Date(epochDay * MS_PER_DAY);
  const year = String(d.getUTCFullYear()).padStart(4, "0");
  const month = String(d.getUTCMonth() + 1).padStart(2, "0");
  const day = String(d.getUTCDate()).padStart(2, "0");
  return `${year}-${month}-${day}` as IsoDate;
}

/** Day of the week of an epoch day: 0 = Sunday … 6 = Saturday. */
export function weekdayOfEpochDay(epochDay: number): number {
  // 1970-01-01 was a Thursday.
  return (((epochDay + 4) % 7) + 7) % 7;
}

function civilToEpochDay(year: number, month: number, day: number): number {
  const d = new Date(0);
  // setUTCFullYear keeps years 0–99 literal, unlike Date.UTC; out-of-range parts roll over,
  // which parseIsoDate detects by converting back.
  d.setUTCFullYear(year, month - 1, day);
  return Math.round(d.getTime() / MS_PER_DAY);
}
