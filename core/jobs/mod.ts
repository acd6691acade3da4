/**
 * Scheduled jobs: the schedule table in KST, its translation to UTC `Deno.cron` expressions, the
 * trading-day and session guard, and the runner that registers handlers, skips overlapping runs
 * and records each job's last run.
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
export {
  type JobRunStatus,
  jobStatusKey,
  type JobStatusStore,
  KvJobStatusStore,
} from "./status.ts";
export { type JobObserver, type JobRunReport, NO_JOB_OBSERVER } from "./observer.ts";
export { type JobLease, jobLeaseKey, KvJobLease, type LeaseTicket } from "./lease.ts";
export {
  type CronRegistrar,
  type CronRegistration,
  defineJob,
  type Job,
  type JobContext,
  type JobFiring,
  type JobTrigger,
  registerJobs,
  type RegisterJobsOptions,
} from "./runner.ts";
