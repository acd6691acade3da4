import { DEFAULT_CALENDAR, type TradingCalendar } from "./calendar.ts";
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
 * A trading day's phases in KST minutes after midnight, each from `start` (inclusive) to the
 * next row's `start`. The opening-auction book takes orders from 08:30, alongside the pre-open
 * closing-price session (08:30–08:40); an instant is given the earlier-ending phase. After-hours
 * covers the post-close closing-price session (15:40–16:00) and single-price trading (16:00–18:00).
 */
export const SESSION_SCHEDULE: readonly { readonly start: number; readonly phase: SessionPhase }[] =
  [
    { start: 0, phase: "closed" },
    { start: 8 * 60 + 30, phase: "pre_open" },
    { start: 8 * 60 + 40, phase: "opening_auction" },
    { start: 9 * 60, phase: "continuous" },
    { start: 15 * 60 + 20, phase: "closing_auction" },
    { start: 15 * 60 + 30, phase: "closed" },
    { start: 15 * 60 + 40, phase: "after_hours" },
    { start: 18 * 60, phase: "closed" },
  ];

const MS_PER_MINUTE = 60_000;

/**
 * The market phase at `instant`; every instant of a non-trading day is `closed`.
 *
 * @example sessionPhaseAt(new Date("2025-06-02T00:00:00Z")) // "continuous" (09:00 KST)
 */
export function sessionPhaseAt(
  instant: Date,
  calendar: TradingCalendar = DEFAULT_CALENDAR,
): SessionPhase {
  const { date, msOfDay } = kstWallClock(instant);
  if (!calendar.isTradingDay(date)) return "closed";
  const minute = Math.floor(msOfDay / MS_PER_MINUTE);
  let phase: SessionPhase = "closed";
  for (const row of SESSION_SCHEDULE) {
    if (minute < row.start) break;
    phase = row.phase;
  }
  return phase;
}
