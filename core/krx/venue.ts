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

/** A session from `start` (inclusive) to `end` (exclusive), in KST seconds after midnight. */
export type NxtSpan = readonly [start: number, end: number];

/** Nextrade's sessions on one day; `null` where the day has none. */
export type NxtSchedule = Readonly<Record<Exclude<NxtSessionPhase, "closed">, NxtSpan | null>>;

const HOUR = 3600;
const MINUTE = 60;

/**
 * Nextrade's ordinary day: pre-market 08:00–08:50, main market 09:00:30–15:20 (it waits for
 * KRX's opening auction and stops for KRX's closing auction), after-market 15:30–20:00.
 */
export const NXT_SESSION_SCHEDULE: NxtSchedule = {
  pre_market: [8 * HOUR, 8 * HOUR + 50 * MINUTE],
  main_market: [9 * HOUR + 30, 15 * HOUR + 20 * MINUTE],
  after_market: [15 * HOUR + 30 * MINUTE, 20 * HOUR],
};

/**
 * Nextrade on KRX's special days, as it announced them for 2026-01-02 and 2025-11-13 (and is
 * taken to repeat): no pre-market either day; on the year's first trading day the main market
 * opens at 10:00:30 and ends as usual; on the exam day the main market runs 10:00:30–16:20 and
 * the after-market 16:30–20:00.
 */
export const NXT_SPECIAL_SCHEDULES: Readonly<Record<SpecialDayKind, NxtSchedule>> = {
  year_opening: {
    ...NXT_SESSION_SCHEDULE,
    pre_market: null,
    main_market: [10 * HOUR + 30, 15 * HOUR + 20 * MINUTE],
  },
  exam_day: {
    pre_market: null,
    main_market: [10 * HOUR + 30, 16 * HOUR + 20 * MINUTE],
    after_market: [16 * HOUR + 30 * MINUTE, 20 * HOUR],
  },
};

const NXT_OPEN_PHASES = ["pre_market", "main_market", "after_market"] as const;

const CLOSED_ALL_DAY: NxtSchedule = { pre_market: null, main_market: null, after_market: null };

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
  for (const phase of NXT_OPEN_PHASES) {
    const span = schedule[phase];
    if (span !== null && second >= span[0] && second < span[1]) return phase;
  }
  return "closed";
}
