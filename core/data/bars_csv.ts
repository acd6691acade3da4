/**
 * Daily OHLCV bars from CSV text (`date,open,high,low,close,volume`, columns in any order, dates
 * as YYYY-MM-DD or YYYYMMDD). Pure: the caller reads the file. Every error names the source, the
 * line and, where one is to blame, the column.
 * @module
 */
import {
  DEFAULT_CALENDAR,
  type IsoDate,
  isoDateToEpochDay,
  parseIsoDate,
  type TradingCalendar,
  weekdayOfEpochDay,
} from "../krx/mod.ts";
import { type Bars, BarsError, createBars } from "../strategies/mod.ts";

/** The columns a bars CSV must have, in the order `Bars` holds them. */
export const BAR_COLUMNS = ["date", "open", "high", "low", "close", "volume"] as const;

/** A CSV that cannot become bars; `line` and `column` are 1-based and `null` when not one place. */
export class CsvError extends Error {
  /** The file (or other source) name the message starts with. */
  readonly source: string;
  /** The 1-based line at fault, or `null` for the file as a whole. */
  readonly line: number | null;
  /** The 1-based column at fault, or `null` for the whole line. */
  readonly column: number | null;

  /** Builds the message `<source> line <n>, column <c> (<name>): <reason>` from its parts. */
  constructor(
    source: string,
    reason: string,
    where: { line?: number; column?: number; columnName?: string } = {},
  ) {
    const place = where.line === undefined ? "" : ` line ${where.line}`;
    const column = where.column === undefined
      ? ""
      : `, column ${where.column}${where.columnName ? ` (${where.columnName})` : ""}`;
    super(`${source}${place}${column}: ${reason}`);
    this.name = "CsvError";
    this.source = source;
    this.line = where.line ?? null;
    this.column = where.column ?? null;
  }
}

/** How to read one CSV. */
export interface BarsCsvOptions {
  /** Name used in error messages, usually the file's full path. */
  readonly source: string;
  /** Keep only bars on or after this date. */
  readonly from?: IsoDate;
  /** Keep only bars on or before this date. */
  readonly to?: IsoDate;
  /** Refuses bars on days KRX does not trade; defaults to `DEFAULT_CALENDAR`. */
  readonly calendar?: TradingCalendar;
}

const WEEKDAY_NAMES = [
  "Sunday",
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday",
];

interface Row {
  readonly line: number;
  readonly date: IsoDate;
  readonly values: readonly number[];
}

/**
 * Parses CSV text into bars. Refuses a missing column, a bad date or number, a date KRX does not
 * trade on, a file with no bars, and anything `createBars` refuses (order, prices, volume).
 * @example
 * ```ts
 * const bars = parseBarsCsv("date,open,high,low,close,volume\n2026-01-02,1,1,1,1,0", {
 *   source: "005930.csv",
 * });
 * ```
 */
export function parseBarsCsv(text: string, options: BarsCsvOptions): Bars {
  const { source } = options;
  const lines = text.split(/\r?\n/);
  const headerAt = lines.findIndex((line) => line.trim() !== "");
  if (headerAt === -1) throw new CsvError(source, "the file is empty");
  const header = lines[headerAt]!.split(",").map((h) => h.trim().toLowerCase());
  const missing = BAR_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    throw new CsvError(source, `missing column(s) ${missing.join(", ")}`, { line: headerAt + 1 });
  }
  const at = BAR_COLUMNS.map((c) => header.indexOf(c));
  const rows: Row[] = [];
  for (let i = headerAt + 1; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === "") continue;
    rows.push(parseRow(line.split(",").map((c) => c.trim()), i + 1, at, options));
  }
  if (rows.length === 0) throw new CsvError(source, "the file has no bars, only a header");
  const kept = rows.filter((r) =>
    (options.from === undefined || r.date >= options.from) &&
    (options.to === undefined || r.date <= options.to)
  );
  if (kept.length === 0) throw new CsvError(source, "no bars in the chosen date range");
  try {
    return createBars({
      dates: kept.map((r) => r.date),
      open: kept.map((r) => r.values[0]!),
      high: kept.map((r) => r.values[1]!),
      low: kept.map((r) => r.values[2]!),
      close: kept.map((r) => r.values[3]!),
      volume: kept.map((r) => r.values[4]!),
    });
  } catch (error) {
    if (!(error instanceof BarsError)) throw error;
    const row = error.index === null ? undefined : kept[error.index];
    throw new CsvError(source, error.message, row ? { line: row.line } : {});
  }
}

function parseRow(
  cells: readonly string[],
  line: number,
  at: readonly number[],
  options: BarsCsvOptions,
): Row {
  const where = (k: number) => ({ line, column: at[k]! + 1, columnName: BAR_COLUMNS[k] });
  const dateText = cells[at[0]!] ?? "";
  let date: IsoDate;
  try {
    date = parseIsoDate(dateText);
  } catch (error) {
    throw new CsvError(options.source, (error as Error).message, where(0));
  }
  const closed = nonTradingReason(date, options.calendar ?? DEFAULT_CALENDAR);
  if (closed !== null) throw new CsvError(options.source, closed, where(0));
  const values = BAR_COLUMNS.slice(1).map((_, k) => {
    const cell = cells[at[k + 1]!] ?? "";
    const value = Number(cell);
    if (cell === "" || !Number.isFinite(value)) {
      throw new CsvError(options.source, `must be a number (got "${cell}")`, where(k + 1));
    }
    return value;
  });
  return { line, date, values };
}

/** Why a bar cannot be on `date` (KRX is closed, or the calendar does not cover it), or `null`. */
function nonTradingReason(date: IsoDate, calendar: TradingCalendar): string | null {
  const weekday = weekdayOfEpochDay(isoDateToEpochDay(date));
  if (weekday === 0 || weekday === 6) {
    return `${date} is a ${WEEKDAY_NAMES[weekday]}, not a KRX trading day`;
  }
  try {
    return calendar.isTradingDay(date) ? null : `${date} is a KRX holiday, not a trading day`;
  } catch (error) {
    // The calendar knows holidays only for the years it lists, and says so with a RangeError.
    if (error instanceof RangeError) {
      return `${date} cannot be checked against the KRX calendar: ${error.message}`;
    }
    throw error;
  }
}
