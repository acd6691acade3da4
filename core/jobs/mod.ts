/**
 * Scheduled jobs: the schedule table in KST and its translation to UTC `Deno.cron` expressions.
 *
 * @module
 */
export {
  clockTimeOf,
  clockTimeSchema,
  EVERY_DAY,
  firingMinutesOfDay,
  type KstSchedule,
  kstScheduleSchema,
  kstWeekMinutes,
  minuteOfDay,
  MINUTES_PER_WEEK,
  MON_TO_FRI,
  type Weekday,
  WEEKDAYS,
} from "./kst_schedule.ts";
export { type CronFields, cronMatches, parseCronExpression } from "./cron_expr.ts";
export { utcCronExpressions } from "./kst_to_utc.ts";
export {
  JOB_NAMES,
  type JobGuard,
  type JobName,
  type JobNeed,
  type JobSchedule,
  type JobScheduleConfig,
  jobScheduleConfigSchema,
  jobSchedules,
  WIDEST_SESSION,
} from "./schedules.ts";
export { type GuardDecision, guardDecision } from "./guard.ts";
