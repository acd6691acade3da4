import { epochDayToIsoDate, type IsoDate } from "./date.ts";

/** Asia/Seoul is UTC+9 all year (no daylight saving). */
export const KST_OFFSET_MS = 9 * 3_600_000;

const MS_PER_DAY = 86_400_000;

/** The Asia/Seoul wall-clock reading of an instant, in the forms KRX and KIS write. */
export interface KstWallClock {
  /** `YYYY-MM-DD`. */
  readonly date: IsoDate;
  /** `YYYYMMDD`, as KIS writes dates. */
  readonly compactDate: string;
  /** `HHMMSS`, as KIS writes times. */
  readonly compactTime: string;
  /** Milliseconds since KST midnight. */
  readonly msOfDay: number;
}

/**
 * Reads an instant (a `Date` or epoch milliseconds) on the Asia/Seoul wall clock.
 *
 * @throws {RangeError} for an invalid `Date` or a non-finite number.
 * @example kstWallClock(new Date("2025-06-02T00:30:00Z")).compactTime // "093000"
 */
export function kstWallClock(instant: Date | number): KstWallClock {
  const ms = typeof instant === "number" ? instant : instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError("invalid instant: not a valid time");
  const local = ms + KST_OFFSET_MS;
  const epochDay = Math.floor(local / MS_PER_DAY);
  const msOfDay = local - epochDay * MS_PER_DAY;
  const date = epochDayToIsoDate(epochDay);
  const compactTime = compactTimeOfDay(Math.floor(msOfDay / 1000));
  return { date, compactDate: compactDate(date), compactTime, msOfDay };
}

/** The calendar date in Asia/Seoul at `instant`. */
export function seoulDate(instant: Date | number): IsoDate {
  return kstWallClock(instant).date;
}

/** `YYYY-MM-DD HH:MM:SS` in Asia/Seoul, as KIS writes token expiry. */
export function kstDateTime(instant: Date | number): string {
  const { date, compactTime } = kstWallClock(instant);
  return `${date} ${clockTime(compactTime)}`;
}

/**
 * The epoch milliseconds of a KST wall-clock time written `YYYY-MM-DD HH:MM:SS`.
 *
 * @throws {RangeError} naming the text when it is not in that form.
 */
export function parseKstDateTime(text: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (!match) throw new RangeError(`not a KST date-time "YYYY-MM-DD HH:MM:SS": "${text}"`);
  const [, y, mo, d, h, mi, s] = match.map(Number) as [number, ...number[]];
  return Date.UTC(y!, mo! - 1, d!, h!, mi!, s!) - KST_OFFSET_MS;
}

/** The instant of `hh:mm:ss` KST on the KST calendar day `date` (`YYYY-MM-DD`). */
export function kstInstant(date: string, hh: number, mm = 0, ss = 0): Date {
  const midnightUtc = Date.parse(`${date}T00:00:00Z`);
  return new Date(midnightUtc - KST_OFFSET_MS + ((hh * 60 + mm) * 60 + ss) * 1000);
}

/** `YYYYMMDD` → `YYYY-MM-DD` (no calendar check: parse with `parseIsoDate` for that). */
export function dashedDate(compact: string): string {
  return `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6, 8)}`;
}

/** `YYYY-MM-DD` → `YYYYMMDD`. */
export function compactDate(date: string): string {
  return date.replaceAll("-", "");
}

/**
 * `HHMMSS` of the second `seconds` after midnight.
 *
 * @example compactTimeOfDay(9 * 3600 + 30) // "090030"
 */
export function compactTimeOfDay(seconds: number): string {
  return [Math.floor(seconds / 3600), Math.floor(seconds / 60) % 60, seconds % 60]
    .map((part) => String(part).padStart(2, "0")).join("");
}

/** `HHMMSS` → `HH:MM:SS`. */
export function clockTime(compact: string): string {
  return `${compact.slice(0, 2)}:${compact.slice(2, 4)}:${compact.slice(4, 6)}`;
}
