/**
 * The run-time half of a schedule: cron fires on weekdays over the widest window, and the guard
 * decides from the trading calendar and that day's session times (delayed openings included)
 * whether this firing runs. Pure.
 * @module
 */
import { type IsoDate, kstWallClock, sessionTimesOn, type TradingCalendar } from "../krx/mod.ts";
import { clockTimeOf, firingMinutesOfDay } from "./kst_schedule.ts";
import type { JobSchedule } from "./schedules.ts";

/**
 * Why a guard skipped a firing, as a bounded code for metrics: `holiday` (not a trading day),
 * `market_closed` (outside the day's session), `not_due` (an after-close firing that is not the
 * day's slot).
 */
export type GuardSkipCode = "holiday" | "market_closed" | "not_due";

/** Whether a firing runs; when not, why (a code and a sentence for the log). */
export type GuardDecision =
  | { readonly run: true; readonly date: IsoDate }
  | {
    readonly run: false;
    readonly date: IsoDate;
    readonly code: GuardSkipCode;
    readonly reason: string;
  };

/**
 * Decides whether the firing at `instant` runs under `schedule`'s guard.
 *
 * @throws {RangeError} when the guard needs the calendar and it does not cover the KST date.
 */
export function guardDecision(
  schedule: JobSchedule,
  instant: number,
  calendar: TradingCalendar,
): GuardDecision {
  const { date, msOfDay } = kstWallClock(instant);
  const skip = (code: GuardSkipCode, reason: string): GuardDecision => ({
    run: false,
    date,
    code,
    reason,
  });
  const { guard } = schedule;
  if (guard.kind === "any_day") return { run: true, date };
  if (!calendar.isTradingDay(date)) return skip("holiday", `${date} is not a trading day`);
  if (guard.kind === "trading_day") return { run: true, date };
  const minute = Math.floor(msOfDay / 60_000);
  const { open, close } = sessionTimesOn(date);
  if (guard.kind === "in_session") {
    return minute >= open && minute < close ? { run: true, date } : skip(
      "market_closed",
      `${clockTimeOf(minute)} is outside ${date}'s session ${clockTimeOf(open)}–${
        clockTimeOf(close)
      }`,
    );
  }
  // after_close: find this firing's slot (the latest scheduled time not after now, so a late
  // firing still counts) and the day's slot (the first scheduled time at least the delay after
  // the close).
  const times = firingMinutesOfDay(schedule.kst);
  const slot = times.findLast((time) => time <= minute);
  const due = times.find((time) => time >= close + guard.minutes);
  if (due === undefined) {
    return skip("not_due", `no scheduled time falls ${guard.minutes} min after ${date}'s close`);
  }
  return slot === due
    ? { run: true, date }
    : skip("not_due", `${date}'s run is at ${clockTimeOf(due)} (close ${clockTimeOf(close)})`);
}
