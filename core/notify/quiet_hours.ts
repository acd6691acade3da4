/**
 * Quiet hours on the Korean wall clock: a daily window (e.g. 22:00–07:00 KST) in which
 * non-urgent messages wait.
 * @module
 */
import { KST_OFFSET_MS } from "../krx/time.ts";

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

/** A daily window in minutes after KST midnight; it wraps past midnight when start > end. */
export interface QuietHours {
  readonly startMinute: number;
  readonly endMinute: number;
}

/**
 * Reads `HH:MM-HH:MM` (KST, 24-hour). Throws a `RangeError` naming the text when it is not in that
 * form or the window is empty.
 *
 * @example parseQuietHours("22:00-07:00") // { startMinute: 1320, endMinute: 420 }
 */
export function parseQuietHours(text: string): QuietHours {
  const match = /^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$/.exec(text);
  const [h1, m1, h2, m2] = (match?.slice(1) ?? []).map(Number);
  if (
    h1 === undefined || m1 === undefined || h2 === undefined || m2 === undefined ||
    h1 > 23 || h2 > 23 || m1 > 59 || m2 > 59
  ) {
    throw new RangeError(`quiet hours must look like "22:00-07:00" (KST): "${text}"`);
  }
  const window = { startMinute: h1 * 60 + m1, endMinute: h2 * 60 + m2 };
  if (window.startMinute === window.endMinute) {
    throw new RangeError(`quiet hours must not start and end at the same time: "${text}"`);
  }
  return window;
}

/**
 * When the quiet window around `nowMs` ends (epoch ms), or null when `nowMs` is outside it.
 *
 * @example quietHoursEnd(Date.parse("2026-12-03T14:00:00Z"), parseQuietHours("22:00-07:00"))
 * // 23:00 KST → Date.parse("2026-12-03T22:00:00Z") (07:00 KST the next day)
 */
export function quietHoursEnd(nowMs: number, quiet: QuietHours): number | null {
  const local = nowMs + KST_OFFSET_MS;
  const msOfDay = ((local % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY;
  const midnight = nowMs - msOfDay;
  const minute = Math.floor(msOfDay / MS_PER_MINUTE);
  const { startMinute, endMinute } = quiet;
  if (startMinute < endMinute) {
    return minute >= startMinute && minute < endMinute
      ? midnight + endMinute * MS_PER_MINUTE
      : null;
  }
  if (minute >= startMinute) return midnight + MS_PER_DAY + endMinute * MS_PER_MINUTE;
  if (minute < endMinute) return midnight + endMinute * MS_PER_MINUTE;
  return null;
}
