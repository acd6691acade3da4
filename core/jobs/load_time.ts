/**
 * Crons registered while the entry module loads, bound to their handlers later. Deno Deploy reads
 * the `Deno.cron` calls made at the top level of the module graph when it loads; a call made after
 * an awaited start-up is not picked up. So the entry module registers every job's cron at once,
 * and the engine, once started, binds its handlers through {@link LoadTimeCrons.cron}; a firing
 * before that, or in a process that runs no jobs, is skipped with a logged reason.
 * @module
 */
import { log as defaultLog, type LogFields, type LogLevel } from "../obs/log.ts";
import { utcCronExpressions } from "./kst_to_utc.ts";
import { type CronRegistrar, cronRegistrations, type CronSlot } from "./runner.ts";
import { JOB_NAMES, jobSchedules } from "./schedules.ts";

/** `Deno.cron` with an abort signal: what {@link registerCronsAtLoad} registers with. */
export type LoadCron = (
  name: string,
  schedule: string,
  handler: () => Promise<void>,
  signal: AbortSignal,
) => unknown;

/** `Deno.cron(name, schedule, { signal }, handler)`. */
export const denoLoadCron: LoadCron = (name, schedule, handler, signal) =>
  Deno.cron(name, schedule, { signal }, handler);

/** Crons registered at load, waiting for their handlers. */
export interface LoadTimeCrons {
  /** What was registered, in order. */
  readonly registrations: readonly CronSlot[];
  /**
   * A registrar for `registerJobs`/`startEngine`: binds `handler` to the cron registered at load
   * under `name`.
   *
   * @throws {RangeError} when no cron of that name and expression was registered at load (a
   *   schedule configured differently from the table's defaults).
   */
  readonly cron: CronRegistrar;
  /** Says why this process will bind no handler (a worker, the demo's simulated clock). */
  idle(reason: string): void;
  /** Unregisters every cron (a `--help` run, a test), so nothing keeps the process alive. */
  stop(): void;
}

/** Every cron of the job table with its default schedule, as `startEngine` registers them. */
export function defaultCronRegistrations(): CronSlot[] {
  const schedules = jobSchedules({});
  return JOB_NAMES.flatMap((name) =>
    cronRegistrations(name, utcCronExpressions(schedules[name].kst))
  );
}

/**
 * Registers `registrations` (default: every job of the table) with `cron` now, each with a
 * handler that runs whatever is bound to it later and otherwise logs why it skipped.
 *
 * @example
 * // at the top level of main.ts
 * const crons = registerCronsAtLoad();
 * // later, once the services are up
 * startEngine({ ...deps, cron: crons.cron });
 */
export function registerCronsAtLoad(options: {
  readonly cron?: LoadCron;
  readonly registrations?: readonly CronSlot[];
  readonly log?: (level: LogLevel, message: string, fields?: LogFields) => void;
} = {}): LoadTimeCrons {
  const registrations = options.registrations ?? defaultCronRegistrations();
  const log = options.log ?? defaultLog;
  const cron = options.cron ?? denoLoadCron;
  const handlers = new Map<string, () => Promise<void>>();
  const abort = new AbortController();
  let idleReason: string | undefined;
  for (const { cronName, expression } of registrations) {
    cron(cronName, expression, () => {
      const handler = handlers.get(cronName);
      if (handler) return handler();
      if (idleReason !== undefined) {
        log("debug", "cron skipped", { cron: cronName, reason: idleReason });
      } else {
        const reason = handlers.size === 0
          ? "the engine has not started yet"
          : "this process's engine does not schedule this job";
        log("info", "cron skipped", { cron: cronName, reason });
      }
      return Promise.resolve();
    }, abort.signal);
  }
  return {
    registrations,
    cron(name, expression, handler) {
      const registered = registrations.find((r) => r.cronName === name);
      if (registered?.expression !== expression) {
        throw new RangeError(
          `cron "${name}" on "${expression}" was not registered at load (${
            registered ? `it was on "${registered.expression}"` : "no cron of that name"
          }); crons registered at load follow the job table's default schedule`,
        );
      }
      handlers.set(name, handler);
    },
    idle(reason) {
      idleReason = reason;
    },
    stop() {
      abort.abort();
    },
  };
}
