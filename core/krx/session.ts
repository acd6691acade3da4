import { DEFAULT_CALENDAR, type TradingCalendar } from "./calendar.ts";
import type { IsoDate } from "./date.ts";
import { type SpecialDayKind, specialDayKind } from "./special_days.ts";
import { kstWallClock } from "./time.ts";

/** What the KRX regular market is doing at an instant. */
export type SessionPhase =
  | "closed"
  | "pre_open"
  | "opening_auction"
  | "continuous"
  | "closing_auction"
  | "after_hours";

/**
 * A trading day's phase boundaries in KST minutes after midnight; each phase runs from its start
 * (inclusive) to the next one's. The opening-auction book takes orders from `preOpen`, alongside
 * the pre-open closing-price session, which ends at `openingAuction`. After-hours covers the
 * post-close closing-price session and single-price trading, until `afterHoursEnd`.
 */
export interface SessionTimes {
  readonly preOpen: number;
  readonly openingAuction: number;
  readonly open: number;
  readonly closingAuction: number;
  readonly close: number;
  readonly afterHours: number;
  readonly afterHoursEnd: number;
}

const HOUR = 60;

/** An ordinary trading day since 2016-08-01, when KRX moved the close from 15:00 to 15:30. */
export const REGULAR_SESSION: SessionTimes = {
  preOpen: 8 * HOUR + 30,
  openingAuction: 8 * HOUR + 40,
  open: 9 * HOUR,
  closingAuction: 15 * HOUR + 20,
  close: 15 * HOUR + 30,
  afterHours: 15 * HOUR + 40,
  afterHoursEnd: 18 * HOUR,
};

/** The first day of {@link REGULAR_SESSION}'s hours. */
export const REGULAR_SESSION_FROM = "2016-08-01" as IsoDate;

/**
 * An ordinary trading day before 2016-08-01: close at 15:00 (closing auction from 14:50),
 * after-hours 15:10–18:00. The pre-open phases keep today's times, although the pre-open
 * closing-price session then ran 07:30–08:30 (see docs/market-rules.md).
 */
export const REGULAR_SESSION_BEFORE_2016_08_01: SessionTimes = {
  ...REGULAR_SESSION,
  closingAuction: 14 * HOUR + 50,
  close: 15 * HOUR,
  afterHours: 15 * HOUR + 10,
};

/**
 * How KRX shifts a special day: on the year's first trading day the morning (pre-open, opening
 * auction, open) moves an hour later and the close stays; on the exam day everything moves an
 * hour later except the end of after-hours trading (18:00).
 */
export function shiftedSession(regular: SessionTimes, kind: SpecialDayKind): SessionTimes {
  const morning = {
    preOpen: regular.preOpen + HOUR,
    openingAuction: regular.openingAuction + HOUR,
    open: regular.open + HOUR,
  };
  if (kind === "year_opening") return { ...regular, ...morning };
  return {
    ...morning,
    closingAuction: regular.closingAuction + HOUR,
    close: regular.close + HOUR,
    afterHours: regular.afterHours + HOUR,
    afterHoursEnd: regular.afterHoursEnd,
  };
}

/**
 * The session times KRX keeps on `date` if it trades: the regular hours of that era, shifted on
 * the special days of `KRX_SPECIAL_DAYS`.
 *
 * @example sessionTimesOn(parseIsoDate("2025-11-13")).open // 600 (10:00, exam day)
 */
export function sessionTimesOn(date: IsoDate): SessionTimes {
  const regular = date < REGULAR_SESSION_FROM ? REGULAR_SESSION_BEFORE_2016_08_01 : REGULAR_SESSION;
  const kind = specialDayKind(date);
  return kind === undefined ? regular : shiftedSession(regular, kind);
}

const MS_PER_MINUTE = 60_000;

/**
 * The market phase at `instant`, on that day's hours (delayed openings included); every instant
 * of a non-trading day is `closed`.
 *
 * @throws {RangeError} naming the year when the calendar does not cover the instant's date.
 * @example sessionPhaseAt(new Date("2025-06-02T00:00:00Z")) // "continuous" (09:00 KST)
 */
export function sessionPhaseAt(
  instant: Date | number,
  calendar: TradingCalendar = DEFAULT_CALENDAR,
): SessionPhase {
  const { date, msOfDay } = kstWallClock(instant);
  if (!calendar.isTradingDay(date)) return "closed";
  const minute = Math.floor(msOfDay / MS_PER_MINUTE);
  const times = sessionTimesOn(date);
  if (minute < times.preOpen) return "closed";
  if (minute < times.openingAuction) return "pre_open";
  if (minute < times.open) return "opening_auction";
  if (minute < times.closingAuction) return "continuous";
  if (minute < times.close) return "closing_auction";
  if (minute < times.afterHours) return "closed";
  if (minute < times.afterHoursEnd) return "after_hours";
  return "closed";
}
