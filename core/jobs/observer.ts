/**
 * What the job runner reports about each run, for metrics: an interface the app's metrics
 * implement (core/obs/job_metrics.ts), so this package imports no metrics library.
 * @module
 */

/** One finished run: which job, when (epoch ms of the store's clock) and whether it succeeded. */
export interface JobRunReport {
  readonly job: string;
  readonly startedAt: number;
  readonly finishedAt: number;
  readonly ok: boolean;
}

/** Receives each finished run. */
export interface JobObserver {
  /** A run of `report.job` ended, successfully or not. */
  runFinished(report: JobRunReport): void;
}

/** The observer that ignores everything: the default. */
export const NO_JOB_OBSERVER: JobObserver = { runFinished: () => {} };
