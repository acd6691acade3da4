import { type KstSchedule, minuteOfDay, WEEKDAYS } from "../../core/jobs/mod.ts";

/**
 * Whether `schedule` means to fire at KST weekday `weekday` (0 = Sunday), minute `minute` after
 * midnight: read straight from the schedule's data, independently of the generator.
 */
export function intendedAt(schedule: KstSchedule, weekday: number, minute: number): boolean {
  if (!schedule.days.includes(WEEKDAYS[weekday]!)) return false;
  if (schedule.kind === "at") return schedule.times.some((time) => minuteOfDay(time) === minute);
  const from = minuteOfDay(schedule.from);
  return minute >= from && minute < minuteOfDay(schedule.until) &&
    (minute - from) % schedule.minutes === 0;
}

/** A `Deno.cron` stand-in that records each registration's name, expression and handler. */
export class FakeCron {
  readonly registered: { name: string; expression: string; handler: () => Promise<void> }[] = [];
  readonly cron = (name: string, expression: string, handler: () => Promise<void>): void => {
    this.registered.push({ name, expression, handler });
  };

  /** The handler registered for the job `name` (all of a job's expressions share one). */
  handler(name: string): () => Promise<void> {
    const found = this.registered.find((r) => r.name === name || r.name.startsWith(`${name}-`));
    if (!found) throw new Error(`no cron registered for ${name}`);
    return found.handler;
  }
}

/** A promise with its resolver, for holding a job's run open. */
export function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

/** The crons as docs/jobs.md's table writes them, UTC, in the order they are registered. */
export const TABLE_CRONS: readonly { cronName: string; expression: string }[] = [
  { cronName: "holiday-refresh", expression: "30 22 * * *" },
  { cronName: "pre-open-check", expression: "50 23 * * SUN-THU" },
  { cronName: "strategy-run", expression: "10 0,6 * * MON-FRI" },
  { cronName: "alert-sweep-1", expression: "* 0-6 * * MON-FRI" },
  { cronName: "alert-sweep-2", expression: "0-29 7 * * MON-FRI" },
  { cronName: "reconcile-1", expression: "*/5 0-6 * * MON-FRI" },
  { cronName: "reconcile-2", expression: "0-25/5 7 * * MON-FRI" },
  { cronName: "daily-report", expression: "40 6-7 * * MON-FRI" },
];
