/**
 * Our own reader of the five-field cron expressions this module writes for `Deno.cron`, so the
 * generator's output can be checked against an independent reading. It accepts only what we emit:
 * `*`, values, ranges and steps in the minute and hour fields, `*` for day of month and month,
 * and weekday *names* (Deno counts weekdays 1–7 from Sunday and rejects 0, other crons count
 * 0–6, so a number there would be ambiguous).
 * @module
 */
import { WEEKDAYS } from "./kst_schedule.ts";

/** The instants a cron expression matches, as the set of values allowed in each field (UTC). */
export interface CronFields {
  readonly minutes: ReadonlySet<number>;
  readonly hours: ReadonlySet<number>;
  /** 0 = Sunday … 6 = Saturday. */
  readonly weekdays: ReadonlySet<number>;
}

/**
 * Parses a five-field cron expression.
 *
 * @throws {SyntaxError} naming the expression and the field it cannot read.
 * @example parseCronExpression("50 23 * * SUN-THU").weekdays // Set {0, 1, 2, 3, 4}
 */
export function parseCronExpression(expression: string): CronFields {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5) {
    throw new SyntaxError(`cron "${expression}": expected 5 fields, found ${fields.length}`);
  }
  const [minute, hour, dayOfMonth, month, weekday] = fields as [
    string,
    string,
    string,
    string,
    string,
  ];
  const fail = (field: string, why: string): never => {
    throw new SyntaxError(`cron "${expression}": ${field} field: ${why}`);
  };
  if (dayOfMonth !== "*") fail("day-of-month", `only * is supported, found "${dayOfMonth}"`);
  if (month !== "*") fail("month", `only * is supported, found "${month}"`);
  return {
    minutes: numberField(minute, 59, (why) => fail("minute", why)),
    hours: numberField(hour, 23, (why) => fail("hour", why)),
    weekdays: weekdayField(weekday, (why) => fail("day-of-week", why)),
  };
}

/** Whether `fields` match the UTC minute containing `instant`. */
export function cronMatches(fields: CronFields, instant: Date): boolean {
  return fields.minutes.has(instant.getUTCMinutes()) && fields.hours.has(instant.getUTCHours()) &&
    fields.weekdays.has(instant.getUTCDay());
}

function numberField(text: string, max: number, fail: (why: string) => never): Set<number> {
  const values = new Set<number>();
  for (const item of text.split(",")) {
    const match = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(item);
    if (!match) fail(`cannot read "${item}"`);
    const [, whole, first, last, step] = match!;
    const from = whole === "*" ? 0 : Number(first);
    const to = whole === "*" ? max : last === undefined ? from : Number(last);
    const by = step === undefined ? 1 : Number(step);
    if (step !== undefined && whole !== "*" && last === undefined) {
      fail(`"${item}": a step needs * or a range`);
    }
    if (from > to || to > max) fail(`"${item}" is outside 0–${max} or runs backwards`);
    if (by < 1) fail(`"${item}": the step must be at least 1`);
    for (let value = from; value <= to; value += by) values.add(value);
  }
  return values;
}

function weekdayField(text: string, fail: (why: string) => never): Set<number> {
  if (text === "*") return new Set(WEEKDAYS.keys());
  const values = new Set<number>();
  for (const item of text.split(",")) {
    const [first, last = first, extra] = item.split("-");
    const from = WEEKDAYS.indexOf(first as (typeof WEEKDAYS)[number]);
    const to = WEEKDAYS.indexOf(last as (typeof WEEKDAYS)[number]);
    if (extra !== undefined || from < 0 || to < 0) {
      fail(`"${item}": expected weekday names SUN–SAT (numbers are ambiguous across crons)`);
    }
    if (from > to) fail(`"${item}" wraps past Saturday; write it as a list`);
    for (let day = from; day <= to; day++) values.add(day);
  }
  return values;
}
