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
export { type GuardDecision, guardDecision, type GuardSkipCode } from "./guard.ts";
export {
  type JobRunStatus,
  jobStatusKey,
  type JobStatusStore,
  KvJobStatusStore,
} from "./status.ts";
export {
  type JobObserver,
  type JobRunReport,
  type JobSkipReason,
  NO_JOB_OBSERVER,
} from "./observer.ts";
export {
  type JobLease,
  jobLeaseKey,
  KvHolderLease,
  KvJobLease,
  type LeaseClaim,
  type LeaseTicket,
} from "./lease.ts";
export {
  type CronRegistrar,
  type CronRegistration,
  cronRegistrations,
  type CronSlot,
  defineJob,
  type Job,
  type JobContext,
  type JobFiring,
  type JobTrigger,
  registerJobs,
  type RegisterJobsOptions,
} from "./runner.ts";
export {
  defaultCronRegistrations,
  denoLoadCron,
  type LoadCron,
  type LoadTimeCrons,
  registerCronsAtLoad,
} from "./load_time.ts";
export { QueueDispatcher, type QueueHandler } from "./queue.ts";
