import { DEFAULT_CALENDAR, type TradingCalendar } from "./calendar.ts";
import type { IsoDate } from "./date.ts";
import { type SpecialDayKind, specialDayKind } from "./special_days.ts";
import { kstWallClock } from "./time.ts";

/** An exchange that matches orders: KRX, or Nextrade (NXT), the alternative venue since 2025. */
export type Venue = "KRX" | "NXT";

/**
 * Where an order is sent: one venue, or KIS's smart order routing (`SOR`), which picks the
 * venue with the better price. KIS writes it as `EXCG_ID_DVSN_CD`.
 */
export type OrderRoute = Venue | "SOR";

/** The first trading day of Nextrade. */
export const NXT_FIRST_DAY = "2025-03-04" as IsoDate;

/** What Nextrade is doing at an instant; it has no auctions, only continuous sessions. */
export type NxtSessionPhase = "closed" | "pre_market" | "main_market" | "after_market";

/** Nextrade's sessions as rows in KST seconds after midnight, each from `start` to the next. */
export type NxtSchedule = readonly { readonly start: number; readonly phase: NxtSessionPhase }[];

/**
 * Nextrade's ordinary day: pre-market 08:00–08:50, main market 09:00:30–15:20 (it waits for
 * KRX's opening auction and stops for KRX's closing auction), after-market 15:30–20:00.
 */
export const NXT_SESSION_SCHEDULE: NxtSchedule = [
  { start: 0, phase: "closed" },
  { start: 8 * 3600, phase: "pre_market" },
  { start: 8 * 3600 + 50 * 60, phase: "closed" },
  { start: 9 * 3600 + 30, phase: "main_market" },
  { start: 15 * 3600 + 20 * 60, phase: "closed" },
  { start: 15 * 3600 + 30 * 60, phase: "after_market" },
  { start: 20 * 3600, phase: "closed" },
];

/**
 * Nextrade on KRX's special days, as it announced them for 2026-01-02 and 2025-11-13 (and is
 * taken to repeat): no pre-market either day; on the year's first trading day the main market
 * opens at 10:00:30 and ends as usual; on the exam day the main market runs 10:00:30–16:20 and
 * the after-market 16:30–20:00.
 */
export const NXT_SPECIAL_SCHEDULES: Readonly<Record<SpecialDayKind, NxtSchedule>> = {
  year_opening: [
    { start: 0, phase: "closed" },
    { start: 10 * 3600 + 30, phase: "main_market" },
    { start: 15 * 3600 + 20 * 60, phase: "closed" },
    { start: 15 * 3600 + 30 * 60, phase: "after_market" },
    { start: 20 * 3600, phase: "closed" },
  ],
  exam_day: [
    { start: 0, phase: "closed" },
    { start: 10 * 3600 + 30, phase: "main_market" },
    { start: 16 * 3600 + 20 * 60, phase: "closed" },
    { start: 16 * 3600 + 30 * 60, phase: "after_market" },
    { start: 20 * 3600, phase: "closed" },
  ],
};

const CLOSED_ALL_DAY: NxtSchedule = [{ start: 0, phase: "closed" }];

/**
 * Nextrade's schedule on `date` if it trades (the caller checks the calendar): closed all day
 * before {@link NXT_FIRST_DAY}, shifted on KRX's special days.
 */
export function nxtScheduleOn(date: IsoDate): NxtSchedule {
  if (date < NXT_FIRST_DAY) return CLOSED_ALL_DAY;
  const kind = specialDayKind(date);
  return kind === undefined ? NXT_SESSION_SCHEDULE : NXT_SPECIAL_SCHEDULES[kind];
}

/**
 * Nextrade's phase at `instant`: `closed` on non-trading days (NXT follows the KRX calendar) and
 * before {@link NXT_FIRST_DAY}; shifted on KRX's special days.
 *
 * @throws {RangeError} naming the year when the calendar does not cover the instant's date.
 * @example nxtSessionPhaseAt(new Date("2025-06-02T10:00:00Z")) // "after_market" (19:00 KST)
 */
export function nxtSessionPhaseAt(
  instant: Date | number,
  calendar: TradingCalendar = DEFAULT_CALENDAR,
): NxtSessionPhase {
  const { date, msOfDay } = kstWallClock(instant);
  if (date < NXT_FIRST_DAY || !calendar.isTradingDay(date)) return "closed";
  const schedule = nxtScheduleOn(date);
  const second = Math.floor(msOfDay / 1000);
  let phase: NxtSessionPhase = "closed";
  for (const row of schedule) {
    if (second < row.start) break;
    phase = row.phase;
  }
  return phase;
}
