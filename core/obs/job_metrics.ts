/**
 * The job series and the observer that feeds them: an object with the shape of `JobObserver`
 * (core/jobs/observer.ts), handed to `registerJobs` as `observer`. The `job_name` label is a name
 * from the engine's fixed jobs table; not `job`, which Prometheus sets to the scrape job's name.
 * @module
 */
import { Counter, Gauge, Histogram, type Registry } from "prom-client";
import type { JobRunReport, JobSkipReason } from "../jobs/observer.ts";

/** Seconds: a reconciliation takes under a second, a strategy run over many symbols minutes. */
const DURATION_BUCKETS = [0.1, 0.5, 1, 5, 15, 60, 300, 900];

/** The job observer's methods; structurally a `JobObserver`. */
export interface JobMetricsRecorder {
  runFinished(report: JobRunReport): void;
  runSkipped(job: string, reason: JobSkipReason): void;
}

/** Registers the `job_*` series on `registry` and returns their observer. */
export function registerJobMetrics(registry: Registry): JobMetricsRecorder {
  const registers = [registry];
  const labelNames = ["job_name"];
  const runs = new Counter({
    name: "job_runs_total",
    help: "Job runs that ended, by job and outcome (ok or error).",
    labelNames: ["job_name", "outcome"],
    registers,
  });
  const duration = new Histogram({
    name: "job_run_duration_seconds",
    help: "How long each job run took, by the store's clock.",
    labelNames,
    buckets: DURATION_BUCKETS,
    registers,
  });
  const lastRun = new Gauge({
    name: "job_last_run_timestamp_seconds",
    help: "When the job's latest run ended, Unix seconds of the store's clock.",
    labelNames,
    registers,
  });
  const lastSuccess = new Gauge({
    name: "job_last_success_timestamp_seconds",
    help: "When the job's latest successful run ended, Unix seconds of the store's clock.",
    labelNames,
    registers,
  });
  const lastOk = new Gauge({
    name: "job_last_run_success",
    help: "1 when the job's latest run succeeded, 0 when it failed.",
    labelNames,
    registers,
  });
  const skipped = new Counter({
    name: "job_skipped_total",
    help: "Job firings that did not run, by job and reason (holiday, market_closed, not_due, " +
      "overlap, lease_held).",
    labelNames: ["job_name", "reason"],
    registers,
  });
  return {
    runSkipped: (job, reason) => skipped.inc({ job_name: job, reason }),
    runFinished({ job, startedAt, finishedAt, ok }) {
      const labels = { job_name: job };
      runs.inc({ ...labels, outcome: ok ? "ok" : "error" });
      duration.observe(labels, (finishedAt - startedAt) / 1000);
      lastRun.set(labels, finishedAt / 1000);
      lastOk.set(labels, ok ? 1 : 0);
      if (ok) lastSuccess.set(labels, finishedAt / 1000);
    },
  };
}
