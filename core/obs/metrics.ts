/**
 * The app's Prometheus metrics on prom-client: one registry per process holding the HTTP, process
 * and KIS series. Every label takes values from a bounded set (route templates, HTTP methods and
 * statuses, tr_ids from the KIS table), never raw paths, symbols or users.
 * @module
 */
import { Counter, Gauge, Histogram, Registry } from "prom-client";
import { registerProcessMetrics } from "./process_metrics.ts";

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

/** The KIS client series, fed through the sink `kisMetricsSink` builds. */
export interface KisMetrics {
  readonly restCalls: Counter<"tr_id" | "outcome">;
  readonly restRetries: Counter<"tr_id" | "reason">;
}

/** A registry with the app's series registered on it. */
export interface AppMetrics {
  readonly registry: Registry;
  readonly http: HttpMetrics;
  readonly kis: KisMetrics;
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
  const kis: KisMetrics = {
    restCalls: new Counter({
      name: "kis_rest_requests_total",
      help: "KIS REST requests finished (after retries), by tr_id and outcome.",
      labelNames: ["tr_id", "outcome"],
      registers,
    }),
    restRetries: new Counter({
      name: "kis_rest_retries_total",
      help: "KIS REST requests resent after a rate refusal (EGW00201/EGW00215) or a server error.",
      labelNames: ["tr_id", "reason"],
      registers,
    }),
  };
  registerProcessMetrics(registry);
  return { registry, http, kis };
}

/** The process-wide metrics that `fresh.config.ts` and `/metrics` share. */
export const appMetrics: AppMetrics = createMetrics();
