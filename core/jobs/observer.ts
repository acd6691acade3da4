/**
 * What the job runner reports about each run, for metrics: an interface the app's metrics
 * implement (core/obs/job_metrics.ts), so this package imports no metrics library.
 * @module
 */
import type { GuardSkipCode } from "./guard.ts";

/** One finished run: which job, when (epoch ms of the store's clock) and whether it succeeded. */
export interface JobRunReport {
  readonly job: string;
  readonly startedAt: number;
  readonly finishedAt: number;
  readonly ok: boolean;
}

/**
 * Why a firing did not run: its guard's code (`holiday`, `market_closed`, `not_due`), `overlap`
 * (this process's previous run is still going) or `lease_held` (another process runs it).
 */
export type JobSkipReason = GuardSkipCode | "overlap" | "lease_held";

/** Receives each finished run and each skipped firing. */
export interface JobObserver {
  /** A run of `report.job` ended, successfully or not. */
  runFinished(report: JobRunReport): void;
  /** A firing of `job` was skipped for `reason`. */
  runSkipped(job: string, reason: JobSkipReason): void;
}

/** The observer that ignores everything: the default. */
export const NO_JOB_OBSERVER: JobObserver = { runFinished: () => {}, runSkipped: () => {} };
