/**
 * A job's firing times on the Asia/Seoul wall clock, as data: fixed times, or every N minutes in a
 * window, on named weekdays. Pure; {@link kstWeekMinutes} lists the minutes of the week it fires.
 * @module
 */
import { z } from "zod";

/** Weekday names as cron writes them, Sunday first (index = JavaScript's `getDay()`). */
export const WEEKDAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"] as const;

/** A weekday name. */
export type Weekday = (typeof WEEKDAYS)[number];

/** Monday to Friday, the days KRX can trade (holidays are the guard's business). */
export const MON_TO_FRI: readonly Weekday[] = ["MON", "TUE", "WED", "THU", "FRI"];

/** Every day of the week. */
export const EVERY_DAY: readonly Weekday[] = WEEKDAYS;

/** Minutes in a week; a week-minute counts from Sunday 00:00. */
export const MINUTES_PER_WEEK = 7 * 24 * 60;

/** `HH:MM` on a 24-hour clock. */
export const clockTimeSchema = z.string().regex(
  /^([01]\d|2[0-3]):[0-5]\d$/,
  "expected HH:MM on a 24-hour clock",
);

const daysSchema = z.array(z.enum(WEEKDAYS)).min(1).refine(
  (days) => new Set(days).size === days.length,
  "weekdays must not repeat",
);

/** A KST schedule, parsed from configuration. */
export const kstScheduleSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("at"),
    times: z.array(clockTimeSchema).min(1).refine(
      (times) => new Set(times).size === times.length,
      "times must not repeat",
    ),
    days: daysSchema,
  }),
  z.object({
    kind: z.literal("every"),
    minutes: z.number().int().min(1).max(60),
    from: clockTimeSchema,
    /** Exclusive. */
    until: clockTimeSchema,
    days: daysSchema,
  }).refine((s) => minuteOfDay(s.from) < minuteOfDay(s.until), "from must be before until"),
]);

/**
 * When a job fires in KST: at each of `times`, or every `minutes` from `from` up to (not
 * including) `until`; on each of `days`.
 */
export type KstSchedule =
  | {
    readonly kind: "at";
    readonly times: readonly string[];
    readonly days: readonly Weekday[];
  }
  | {
    readonly kind: "every";
    readonly minutes: number;
    readonly from: string;
    readonly until: string;
    readonly days: readonly Weekday[];
  };

/**
 * Minutes after midnight of an `HH:MM` time.
 *
 * @example minuteOfDay("08:50") // 530
 */
export function minuteOfDay(clockTime: string): number {
  return Number(clockTime.slice(0, 2)) * 60 + Number(clockTime.slice(3, 5));
}

/** `HH:MM` of a minute after midnight. */
export function clockTimeOf(minute: number): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;
}

/** The minutes after midnight at which `schedule` fires on each of its days, ascending. */
export function firingMinutesOfDay(schedule: KstSchedule): number[] {
  if (schedule.kind === "at") return schedule.times.map(minuteOfDay).sort((a, b) => a - b);
  const minutes: number[] = [];
  for (let m = minuteOfDay(schedule.from); m < minuteOfDay(schedule.until); m += schedule.minutes) {
    minutes.push(m);
  }
  return minutes;
}

/** The KST week-minutes (Sunday 00:00 = 0) at which `schedule` fires, ascending. */
export function kstWeekMinutes(schedule: KstSchedule): number[] {
  const ofDay = firingMinutesOfDay(schedule);
  const days = schedule.days.map((day) => WEEKDAYS.indexOf(day)).sort((a, b) => a - b);
  return days.flatMap((day) => ofDay.map((minute) => day * 24 * 60 + minute));
}
