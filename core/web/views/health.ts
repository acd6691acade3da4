/**
 * The health page: the process's detailed health (core/runtime/health.ts, the same function
 * `GET /api/v1/health/details` answers with), and each scheduled job's schedule beside its last
 * run.
 * @module
 */
import type { Broker } from "../../broker/mod.ts";
import { type JobSchedule, jobSchedules } from "../../jobs/mod.ts";
import { type AppMetrics, appMetrics } from "../../obs/metrics.ts";
import type { Role } from "../../runtime/env.ts";
import { appConfig } from "../../runtime/current.ts";
import { type HealthDetails, loadHealthDetails } from "../../runtime/health.ts";
import type { Store } from "../../store/mod.ts";

/** One scheduled job: its schedule and its latest recorded run (null if it never ran). */
export interface JobRow {
  readonly name: HealthDetails["jobs"][number]["name"];
  readonly schedule: JobSchedule;
  readonly lastRun: HealthDetails["jobs"][number]["lastRun"];
}

/** What the health page shows: the detailed health, with each job's schedule. */
export interface HealthView extends Omit<HealthDetails, "jobs"> {
  /** Null when the broker answered a (recent) balance inquiry, else its error. */
  readonly brokerError: string | null;
  readonly jobs: readonly JobRow[];
}

/** The health of the running app's services (role from the parsed `ROLE`, metrics the process's). */
export async function loadHealth(services: {
  readonly mode: "demo" | "kis";
  readonly label: string;
  readonly store: Store;
  readonly broker: Broker;
}, options: {
  readonly balanceMaxAgeMs?: number;
  readonly role?: Role;
  readonly metrics?: AppMetrics;
} = {}): Promise<HealthView> {
  const details = await loadHealthDetails({
    ...services,
    role: options.role ?? appConfig().role,
    metrics: options.metrics ?? appMetrics,
    balanceMaxAgeMs: options.balanceMaxAgeMs,
  });
  const schedules = jobSchedules();
  return {
    ...details,
    brokerError: details.kis.rest.error,
    jobs: details.jobs.map((job) => ({ ...job, schedule: schedules[job.name] })),
  };
}
