/**
 * The app's Prometheus metrics on prom-client: one registry per process holding the HTTP, process,
 * KIS, trading, alert, job, notification and store series. Every label takes values from a bounded set (route templates, HTTP methods and
 * statuses, tr_ids from the KIS table), never raw paths, symbols or users.
 * @module
 */
import { Counter, Gauge, Histogram, Registry } from "prom-client";
import { type AlertMetricsRecorder, registerAlertMetrics } from "./alert_metrics.ts";
import { type JobMetricsRecorder, registerJobMetrics } from "./job_metrics.ts";
import { type KisMetricsRecorder, registerKisMetrics } from "./kis_metrics.ts";
import { type NotifyMetricsRecorder, registerNotifyMetrics } from "./notify_metrics.ts";
import { registerProcessMetrics } from "./process_metrics.ts";
import { registerStoreMetrics, type StoreMetricsRecorder } from "./store_metrics.ts";
import { registerTradingMetrics, type TradingMetricsRecorder } from "./trading_metrics.ts";

/** Seconds: from 5 ms (a cached page) to 10 s (a slow KIS call behind the rate budget). */
export const HTTP_DURATION_BUCKETS: readonly number[] = [
  0.005,
  0.01,
  0.025,
  0.05,
  0.1,
  0.25,
  0.5,
  1,
  2.5,
  5,
  10,
];

/** The HTTP series the web middleware records. */
export interface HttpMetrics {
  readonly requests: Counter<"route" | "method" | "status">;
  readonly duration: Histogram<"route" | "method" | "status">;
  readonly inFlight: Gauge;
}

/** A registry with the app's series registered on it. */
export interface AppMetrics {
  readonly registry: Registry;
  readonly http: HttpMetrics;
  /** The sink to hand to `KisBroker` (its `metrics` option). */
  readonly kis: KisMetricsRecorder;
  /** The observer to hand to `OrderJournal` (its `observer` option). */
  readonly trading: TradingMetricsRecorder;
  /** The observer to hand to `AlertWatcher` (its `observer` option). */
  readonly alerts: AlertMetricsRecorder;
  /** The observer to hand to `registerJobs` (its `observer` option). */
  readonly jobs: JobMetricsRecorder;
  /** The notifier's `observe`, and the queue depth's source. */
  readonly notify: NotifyMetricsRecorder;
  /** Where the KV gauges probe the store. */
  readonly store: StoreMetricsRecorder;
}

/**
 * Builds a fresh registry with every series of the app; tests build their own so counts start at
 * zero.
 */
export function createMetrics(): AppMetrics {
  const registry = new Registry();
  const registers = [registry];
  const http: HttpMetrics = {
    requests: new Counter({
      name: "http_requests_total",
      help: "HTTP requests answered, by route template, method and status.",
      labelNames: ["route", "method", "status"],
      registers,
    }),
    duration: new Histogram({
      name: "http_request_duration_seconds",
      help: "Time until the response headers were ready, by route template, method and status.",
      labelNames: ["route", "method", "status"],
      buckets: [...HTTP_DURATION_BUCKETS],
      registers,
    }),
    inFlight: new Gauge({
      name: "http_requests_in_flight",
      help: "HTTP requests being handled right now.",
      registers,
    }),
  };
  const kis = registerKisMetrics(registry);
  const trading = registerTradingMetrics(registry);
  const alerts = registerAlertMetrics(registry);
  const jobs = registerJobMetrics(registry);
  const notify = registerNotifyMetrics(registry);
  const store = registerStoreMetrics(registry);
  registerProcessMetrics(registry);
  return { registry, http, kis, trading, alerts, jobs, notify, store };
}

/** The process-wide metrics that `fresh.config.ts` and `/metrics` share. */
export const appMetrics: AppMetrics = createMetrics();
