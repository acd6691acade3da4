/**
 * Number, money, percentage, date and time formats for reports, in Korean or English. Exact on
 * integers: no floating-point division and no locale data.
 * @module
 */
import {
  clockTime,
  type IsoDate,
  isoDateToEpochDay,
  kstWallClock,
  weekdayOfEpochDay,
} from "../krx/mod.ts";

/** The languages a report renders in; Korean first. */
export type ReportLanguage = "ko" | "en";

/**
 * An integer with thousands separators.
 *
 * @example groupDigits(-1234567) // "-1,234,567"
 */
export function groupDigits(n: number): string {
  const digits = String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return n < 0 ? `-${digits}` : digits;
}

/**
 * KRW as a Korean reader expects it: `1,234,567원`, or `₩1,234,567` in English.
 *
 * @example formatWon(-22801, "ko") // "-22,801원"
 */
export function formatWon(n: number, lang: ReportLanguage): string {
  if (lang === "ko") return `${groupDigits(n)}원`;
  return n < 0 ? `-₩${groupDigits(-n)}` : `₩${groupDigits(n)}`;
}

/** {@link formatWon} with a `+` on gains. */
export function formatSignedWon(n: number, lang: ReportLanguage): string {
  return n > 0 ? `+${formatWon(n, lang)}` : formatWon(n, lang);
}

/**
 * Basis points as a percentage with two decimals, signed when `signed`; `–` for null.
 *
 * @example formatBasisPoints(-23, true) // "-0.23%"
 */
export function formatBasisPoints(bp: number | null, signed = false): string {
  if (bp === null) return "–";
  const abs = Math.abs(bp);
  const text = `${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}%`;
  if (bp < 0) return `-${text}`;
  return signed && bp > 0 ? `+${text}` : text;
}

const KO_WEEKDAYS = ["일", "월", "화", "수", "목", "금", "토"];
const EN_WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const EN_MONTHS = [
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "May",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Oct",
  "Nov",
  "Dec",
];

/**
 * A trading day with its weekday: `2025년 12월 29일 (월)`, or `Mon 29 Dec 2025`.
 */
export function formatDate(date: IsoDate, lang: ReportLanguage): string {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const weekday = weekdayOfEpochDay(isoDateToEpochDay(date));
  return lang === "ko"
    ? `${year}년 ${month}월 ${day}일 (${KO_WEEKDAYS[weekday]})`
    : `${EN_WEEKDAYS[weekday]} ${day} ${EN_MONTHS[month - 1]} ${year}`;
}

/** `HH:MM:SS` on the Asia/Seoul clock of an instant in epoch milliseconds. */
export function formatKstTime(at: number): string {
  return clockTime(kstWallClock(at).compactTime);
}

/** Whether an amount is a gain, a loss or neither: Korean markets colour gains red. */
export type Tone = "gain" | "loss" | "flat";

/** The {@link Tone} of a signed amount. */
export function toneOf(n: number | null): Tone {
  return n === null || n === 0 ? "flat" : n > 0 ? "gain" : "loss";
}
