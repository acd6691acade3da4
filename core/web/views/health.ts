/**
 * The health page: which market the app trades and whether its broker answers, the kill switch,
 * and each scheduled job's schedule and last run.
 * @module
 */
import type { Broker } from "../../broker/mod.ts";
import {
  JOB_NAMES,
  type JobName,
  type JobRunStatus,
  type JobSchedule,
  jobSchedules,
  KvJobStatusStore,
} from "../../jobs/mod.ts";
import type { Store } from "../../store/mod.ts";
import { type KillSwitch, readKillSwitch } from "../../trading/mod.ts";
import { VERSION } from "../../version.ts";
import { recentBalance } from "./balance_cache.ts";

/** One scheduled job: its schedule and its latest recorded run (null if it never ran). */
export interface JobRow {
  readonly name: JobName;
  readonly schedule: JobSchedule;
  readonly lastRun: JobRunStatus | null;
}

/** What the health page shows. */
export interface HealthView {
  readonly mode: "demo" | "kis";
  readonly label: string;
  /** Null when the broker answered a (recent) balance inquiry, else its error. */
  readonly brokerError: string | null;
  readonly killSwitch: KillSwitch;
  readonly jobs: readonly JobRow[];
  readonly version: string;
}

/** The health of the running app's services. */
export async function loadHealth(services: {
  readonly mode: "demo" | "kis";
  readonly label: string;
  readonly store: Store;
  readonly broker: Broker;
}, options: { readonly balanceMaxAgeMs?: number } = {}): Promise<HealthView> {
  const schedules = jobSchedules();
  const [broker, killSwitch, runs] = await Promise.all([
    recentBalance(services.broker, {
      maxAgeMs: options.balanceMaxAgeMs,
      now: services.store.now,
    }),
    readKillSwitch(services.store.kv),
    new KvJobStatusStore(services.store.kv).list(),
  ]);
  const lastRuns = new Map(runs.map((run) => [run.name, run]));
  return {
    mode: services.mode,
    label: services.label,
    brokerError: broker.read.ok ? null : broker.read.error,
    killSwitch: killSwitch.state,
    jobs: JOB_NAMES.map((name) => ({
      name,
      schedule: schedules[name],
      lastRun: lastRuns.get(name) ?? null,
    })),
    version: VERSION,
  };
}
