/**
 * Turns a KST schedule into the UTC cron expressions `Deno.cron` needs. Shifting by nine hours
 * can move a firing to the previous weekday or split an hour range, so one schedule may need
 * several expressions; together they fire exactly once at each intended minute.
 * @module
 */
import { KST_OFFSET_MS } from "../krx/mod.ts";
import { type KstSchedule, kstWeekMinutes, MINUTES_PER_WEEK, WEEKDAYS } from "./kst_schedule.ts";

const KST_OFFSET_MINUTES = KST_OFFSET_MS / 60_000;

/**
 * The UTC cron expressions that together fire at exactly the KST minutes of `schedule`, each
 * minute by one expression only. Weekdays are written as names, never numbers.
 *
 * @example utcCronExpressions({ kind: "at", times: ["08:50"], days: MON_TO_FRI })
 * // ["50 23 * * SUN-THU"]
 */
export function utcCronExpressions(schedule: KstSchedule): string[] {
  // Minutes of each UTC (weekday, hour) cell, then cells grouped by identical minute sets and
  // weekdays grouped by identical hour sets: each group is one expression.
  const cells = new Map<string, Set<number>>();
  for (const kst of kstWeekMinutes(schedule)) {
    const utc = (kst - KST_OFFSET_MINUTES + MINUTES_PER_WEEK) % MINUTES_PER_WEEK;
    const cell = `${Math.floor(utc / 1440)}:${Math.floor(utc / 60) % 24}`;
    const minutes = cells.get(cell) ?? new Set<number>();
    minutes.add(utc % 60);
    cells.set(cell, minutes);
  }
  const groups = new Map<string, { firstMinute: number; hoursByDay: Map<number, number[]> }>();
  for (const [cell, minutes] of cells) {
    const [day, hour] = cell.split(":").map(Number) as [number, number];
    const sorted = [...minutes].sort((a, b) => a - b);
    const minuteField = numberField(sorted, 59);
    const group = groups.get(minuteField) ?? { firstMinute: sorted[0]!, hoursByDay: new Map() };
    group.hoursByDay.set(day, [...(group.hoursByDay.get(day) ?? []), hour]);
    groups.set(minuteField, group);
  }
  const expressions: { text: string; order: number }[] = [];
  for (const [minuteField, { firstMinute, hoursByDay }] of groups) {
    const daysByHours = new Map<string, { firstHour: number; days: number[] }>();
    for (const [day, hours] of hoursByDay) {
      hours.sort((a, b) => a - b);
      const hourField = numberField(hours, 23);
      const entry = daysByHours.get(hourField) ?? { firstHour: hours[0]!, days: [] };
      entry.days.push(day);
      daysByHours.set(hourField, entry);
    }
    for (const [hourField, { firstHour, days }] of daysByHours) {
      days.sort((a, b) => a - b);
      expressions.push({
        text: `${minuteField} ${hourField} * * ${weekdayField(days)}`,
        order: (days[0]! * 24 + firstHour) * 60 + firstMinute,
      });
    }
  }
  return expressions.sort((a, b) => a.order - b.order).map((e) => e.text);
}

/** Writes ascending `values` out of 0…`max` as `*`, a range, a stepped range or a list. */
function numberField(values: readonly number[], max: number): string {
  if (values.length === max + 1) return "*";
  const first = values[0]!;
  const last = values.at(-1)!;
  const step = values.length > 1 ? values[1]! - first : 1;
  const evenlySpaced = values.every((value, i) => value === first + i * step);
  if (evenlySpaced && step === 1) return first === last ? `${first}` : `${first}-${last}`;
  if (evenlySpaced && values.length >= 3) {
    return first === 0 && last + step > max ? `*/${step}` : `${first}-${last}/${step}`;
  }
  return runs(values).map(([from, to]) =>
    from === to ? `${from}` : to === from + 1 ? `${from},${to}` : `${from}-${to}`
  ).join(",");
}

/** Writes ascending weekday indexes as names: `*`, `MON-FRI`, `SUN,SAT`. */
function weekdayField(days: readonly number[]): string {
  if (days.length === WEEKDAYS.length) return "*";
  return runs(days).map(([from, to]) =>
    from === to ? WEEKDAYS[from]! : `${WEEKDAYS[from]!}-${WEEKDAYS[to]!}`
  ).join(",");
}

/** Maximal runs of consecutive values in an ascending list. */
function runs(values: readonly number[]): [number, number][] {
  const result: [number, number][] = [];
  for (const value of values) {
    const current = result.at(-1);
    if (current && current[1] === value - 1) current[1] = value;
    else result.push([value, value]);
  }
  return result;
}
