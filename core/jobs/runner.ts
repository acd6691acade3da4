/**
 * The edge between the job table and `Deno.cron`: {@link defineJob} pairs a schedule with its
 * handler, and {@link registerJobs} registers each UTC expression with a handler that applies
 * the guard, skips overlapping runs (in process and, through a KV lease, across processes),
 * records the run's status and logs instead of throwing.
 * @module
 */
import { DEFAULT_CALENDAR, type IsoDate, type TradingCalendar } from "../krx/mod.ts";
import { log as defaultLog, type LogFields, type LogLevel } from "../obs/log.ts";
import { inSpan } from "../obs/tracing.ts";
import { parseCronExpression } from "./cron_expr.ts";
import { guardDecision } from "./guard.ts";
import { kstScheduleSchema } from "./kst_schedule.ts";
import { utcCronExpressions } from "./kst_to_utc.ts";
import type { JobLease } from "./lease.ts";
import { type JobObserver, NO_JOB_OBSERVER } from "./observer.ts";
import type { JobSchedule } from "./schedules.ts";
import type { JobStatusStore } from "./status.ts";

/** What a handler is told about the firing it runs for. */
export interface JobContext {
  /** The instant the firing was handled, epoch ms. */
  readonly now: number;
  /** The KST date of `now`. */
  readonly date: IsoDate;
}

/** A job ready to register: its schedule, its UTC cron expressions and its handler. */
export interface Job {
  readonly name: string;
  readonly schedule: JobSchedule;
  /** UTC expressions for `Deno.cron`, computed from `schedule.kst`. */
  readonly expressions: readonly string[];
  readonly run: (context: JobContext) => Promise<void> | void;
}

// Deno.cron's own limit on names is 64 characters; the runner appends "-N" per expression.
const JOB_NAME = /^[a-z][a-z0-9-]{0,59}$/;

/**
 * A job from its name, schedule and handler; the schedule is checked and the UTC expressions
 * computed here, so a bad schedule fails at start-up rather than at its first firing.
 *
 * @throws {RangeError} when the name is not lower-case letters, digits and dashes (≤ 60).
 * @throws {z.ZodError} when the KST schedule does not parse (`kstScheduleSchema`).
 */
export function defineJob(
  job: { name: string; schedule: JobSchedule; run: Job["run"] },
): Job {
  if (!JOB_NAME.test(job.name)) {
    throw new RangeError(`invalid job name "${job.name}": use a-z, 0-9 and -, at most 60`);
  }
  kstScheduleSchema.parse(job.schedule.kst);
  return { ...job, expressions: utcCronExpressions(job.schedule.kst) };
}

/** `Deno.cron`'s three-argument form, or a fake that records registrations in tests. */
export type CronRegistrar = (
  name: string,
  schedule: string,
  handler: () => Promise<void>,
) => unknown;

/** What {@link registerJobs} needs from its environment. */
export interface RegisterJobsOptions {
  readonly cron: CronRegistrar;
  readonly status: JobStatusStore;
  /** Shared between processes on one KV; without it only in-process overlap is prevented. */
  readonly lease?: JobLease;
  /** Epoch ms; default `Date.now`. */
  readonly now?: () => number;
  /** The calendar, or where to get the current one (e.g. the KV-refreshed calendar). */
  readonly calendar?: TradingCalendar | (() => TradingCalendar | Promise<TradingCalendar>);
  /** Identifies this process in leases and logs; default a random UUID. */
  readonly holder?: string;
  readonly log?: (level: LogLevel, message: string, fields?: LogFields) => void;
  /** Hears every run that ended, for metrics (default: nothing). */
  readonly observer?: JobObserver;
}

/** What firing a job did: it ran (its status is recorded), or why it did not. */
export type JobFiring =
  | { readonly outcome: "ran" }
  | { readonly outcome: "skipped"; readonly reason: string }
  | { readonly outcome: "busy"; readonly reason: string };

/**
 * Who fired a job: its cron, or a person asking for a run now. A manual firing takes the lease on
 * its own instant rather than the minute's slot, so a cron run that finished this minute does not
 * refuse it, while a run still holding the lease does.
 */
export type JobTrigger = "cron" | "manual";

/** One cron of a job: which job, under which cron name, on which UTC expression. */
export interface CronSlot {
  readonly job: string;
  readonly cronName: string;
  readonly expression: string;
}

/** One registered cron, and how to fire its job now. */
export interface CronRegistration extends CronSlot {
  /** Fires the job now through the same guard, lease and status path (shared by its crons). */
  readonly fire: (trigger: JobTrigger) => Promise<JobFiring>;
}

/**
 * The crons of job `name`: one per expression, named `name` alone when there is one expression and
 * `name-1`, `name-2`, … when there are several (`Deno.cron` names must be unique).
 *
 * @example cronRegistrations("reconcile", ["*\/5 0-6 * * MON-FRI", "0-25/5 7 * * MON-FRI"])[1].cronName // "reconcile-2"
 */
export function cronRegistrations(
  name: string,
  expressions: readonly string[],
): CronSlot[] {
  return expressions.map((expression, i) => ({
    job: name,
    cronName: expressions.length === 1 ? name : `${name}-${i + 1}`,
    expression,
  }));
}

/**
 * Registers every job's expressions with `options.cron` (through `registerCronsAtLoad` on Deno
 * Deploy, whose crons must be registered at module top level).
 * Handlers never throw: a failure is logged and recorded, and the next firing is the retry, so
 * `Deno.cron` never re-runs a firing outside its slot.
 *
 * @throws {SyntaxError} when an expression does not read back (it would not reach `Deno.cron`).
 * @throws {RangeError} when two jobs share a name.
 */
export function registerJobs(
  jobs: readonly Job[],
  options: RegisterJobsOptions,
): CronRegistration[] {
  const names = new Set(jobs.map((job) => job.name));
  if (names.size !== jobs.length) throw new RangeError("job names must be distinct");
  const holder = options.holder ?? crypto.randomUUID();
  const registrations: CronRegistration[] = [];
  for (const job of jobs) {
    const fire = guardedHandler(job, { ...options, holder });
    const handler = async () => {
      await fire("cron");
    };
    for (const slot of cronRegistrations(job.name, job.expressions)) {
      parseCronExpression(slot.expression);
      options.cron(slot.cronName, slot.expression, handler);
      registrations.push({ ...slot, fire });
    }
  }
  return registrations;
}

/** One handler per job, shared by its expressions so the in-process flag spans all of them. */
function guardedHandler(
  job: Job,
  options: RegisterJobsOptions & { readonly holder: string },
): (trigger: JobTrigger) => Promise<JobFiring> {
  const now = options.now ?? Date.now;
  const log = options.log ?? defaultLog;
  const { status, lease, holder } = options;
  const observer = options.observer ?? NO_JOB_OBSERVER;
  let running = false;
  return async (trigger) => {
    const firedAt = now();
    const fields = { job: job.name, holder, trigger };
    // a lease that fails to finish after a reported run must not report the run a second time
    let reported = false;
    if (running) {
      log("warn", "job skipped: the previous run is still going", fields);
      observer.runSkipped(job.name, "overlap");
      return { outcome: "busy", reason: "the previous run is still going" };
    }
    running = true;
    try {
      const calendar = typeof options.calendar === "function"
        ? await options.calendar()
        : options.calendar ?? DEFAULT_CALENDAR;
      const decision = guardDecision(job.schedule, firedAt, calendar);
      if (!decision.run) {
        log("debug", "job skipped by its guard", { ...fields, reason: decision.reason });
        observer.runSkipped(job.name, decision.code);
        return { outcome: "skipped", reason: decision.reason };
      }
      const slot = trigger === "manual" ? firedAt : Math.floor(firedAt / 60_000) * 60_000;
      const ticket = lease
        ? await lease.acquire(job.name, slot, holder, firedAt, job.schedule.leaseMs)
        : undefined;
      if (ticket === null) {
        log("info", "job skipped: another process holds this run", fields);
        observer.runSkipped(job.name, "lease_held");
        return { outcome: "busy", reason: "another process holds this run" };
      }
      try {
        await runAndRecord(job, { now: firedAt, date: decision.date }, status, now, log, {
          runFinished: (report) => {
            reported = true;
            observer.runFinished(report);
          },
          runSkipped: (name, reason) => observer.runSkipped(name, reason),
        });
      } finally {
        if (ticket) await lease!.finish(ticket, now());
      }
      return { outcome: "ran" };
    } catch (error) {
      // Reached when the calendar (e.g. a year it does not cover), the lease or the status store
      // failed, not the job; the health page should still show it.
      log("error", "job could not run", { ...fields, error });
      if (!reported) {
        observer.runFinished({ job: job.name, startedAt: firedAt, finishedAt: now(), ok: false });
      }
      await recordFinish(status, job.name, firedAt, now(), { error }).catch((recordError) =>
        log("error", "job status not recorded", { ...fields, recordError })
      );
      return { outcome: "ran" };
    } finally {
      running = false;
    }
  };
}

async function runAndRecord(
  job: Job,
  context: JobContext,
  status: JobStatusStore,
  now: () => number,
  log: NonNullable<RegisterJobsOptions["log"]>,
  observer: JobObserver,
): Promise<void> {
  await status.record({ name: job.name, state: "running", startedAt: context.now });
  let failure: { error: unknown } | null = null;
  try {
    await inSpan("job.run", { "job.name": job.name }, async () => await job.run(context));
  } catch (error) {
    failure = { error };
  }
  const finishedAt = now();
  const fields = { job: job.name, durationMs: finishedAt - context.now };
  if (failure) log("error", "job failed", { ...fields, error: failure.error });
  else log("info", "job finished", fields);
  await recordFinish(status, job.name, context.now, finishedAt, failure);
  // after the record, so a failure to record is reported by the caller, as a failed run
  observer.runFinished({ job: job.name, startedAt: context.now, finishedAt, ok: !failure });
}

function recordFinish(
  status: JobStatusStore,
  name: string,
  startedAt: number,
  finishedAt: number,
  failure: { error: unknown } | null,
): Promise<void> {
  const run = { name, startedAt, finishedAt, durationMs: finishedAt - startedAt };
  if (!failure) return status.record({ ...run, state: "ok" });
  const { error } = failure;
  return status.record({
    ...run,
    state: "error",
    error: error instanceof Error ? error.message : String(error),
  });
}
