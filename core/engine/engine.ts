/**
 * The running engine: registers the jobs with their handlers through `registerJobs` (the KV
 * lease across processes, each run's status in KV, the stored trading calendar, the market's
 * clock) and says what is scheduled and how each job last ran.
 * @module
 */
import {
  type CronRegistrar,
  type JobFiring,
  type JobObserver,
  type JobRunStatus,
  KvJobLease,
  KvJobStatusStore,
  registerJobs,
} from "../jobs/mod.ts";
import { log as defaultLog } from "../obs/log.ts";
import { type EngineJobDeps, engineJobs } from "./jobs.ts";

/** What the engine needs: the handlers' dependencies and where to register the crons. */
export interface EngineOptions extends Omit<EngineJobDeps, "log"> {
  /** `Deno.cron` in the app; the demo's simulated-clock registrar or a test's recorder otherwise. */
  readonly cron: CronRegistrar;
  /** Identifies this process in leases and logs; default a random UUID. */
  readonly holder?: string;
  readonly log?: EngineJobDeps["log"];
  /** Hears every job run, for metrics (default: nothing). */
  readonly jobObserver?: JobObserver;
}

/** One scheduled job as the health page and the API show it. */
export interface EngineJobInfo {
  readonly name: string;
  readonly summary: string;
  /** The UTC cron expressions registered (the KST schedule shifted nine hours). */
  readonly expressions: readonly string[];
  /** The latest run, or null when it never ran against this store. */
  readonly lastRun: JobRunStatus | null;
}

/** The registered jobs of this process. */
export interface Engine {
  /** Every registered job with its schedule and latest run. */
  jobs(): Promise<EngineJobInfo[]>;
  /**
   * Fires job `name` now, through the same guard, lease and status recording as its cron (the
   * demo's runs at start-up); resolves when the run is over.
   *
   * @throws {RangeError} when no job of that name is registered.
   */
  run(name: string): Promise<void>;
  /**
   * Runs job `name` now for a person (the API's "run now"): the same guard, lease and status
   * recording, with the lease taken on this instant, so only a run still going refuses it. Says
   * whether it ran, or why not.
   *
   * @throws {RangeError} when no job of that name is registered.
   */
  runNow(name: string): Promise<JobFiring>;
  /** Stops firing handlers and waits for the runs in progress. */
  close(): Promise<void>;
}

/**
 * Registers the engine's jobs with `options.cron`. Jobs that place orders wait for the desk's
 * start-up reconciliation (`TradingDesk.ready`).
 */
export function startEngine(options: EngineOptions): Engine {
  const log = options.log ?? defaultLog;
  const { store, desk } = options;
  const status = new KvJobStatusStore(store.kv);
  const jobs = engineJobs({ ...options, log });
  const running = new Set<Promise<void>>();
  let closed = false;
  const byCronName = new Map<string, () => Promise<void>>();
  const registrations = registerJobs(jobs, {
    cron: (name, expression, handler) => {
      const tracked = () => {
        if (closed) return Promise.resolve();
        const run = handler().finally(() => running.delete(run));
        running.add(run);
        return run;
      };
      byCronName.set(name, tracked);
      return options.cron(name, expression, tracked);
    },
    status,
    lease: new KvJobLease(store.kv),
    now: store.now,
    calendar: () => desk.calendar(),
    holder: options.holder,
    log,
    observer: options.jobObserver,
  });
  const registrationOf = (name: string) => {
    const registration = registrations.find((r) => r.job === name);
    if (!registration) throw new RangeError(`no job named "${name}" is registered`);
    return registration;
  };
  const handlerOf = (name: string) => byCronName.get(registrationOf(name).cronName)!;
  return {
    async jobs() {
      return await Promise.all(jobs.map(async (job) => ({
        name: job.name,
        summary: job.schedule.summary,
        expressions: job.expressions,
        lastRun: await status.get(job.name),
      })));
    },
    run: (name) => handlerOf(name)(),
    runNow(name) {
      const { fire } = registrationOf(name);
      if (closed) return Promise.resolve({ outcome: "busy", reason: "the engine is stopping" });
      const run = fire("manual");
      const tracked = run.then(() => {}).finally(() => running.delete(tracked));
      running.add(tracked);
      return run;
    },
    async close() {
      closed = true;
      await Promise.all(running);
    },
  };
}
