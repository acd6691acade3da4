/**
 * The alert series and the observer that feeds them: an object with the shape of `AlertObserver`
 * (core/alerts/observer.ts), handed to `AlertWatcher` as `observer`. The one label is the rule's
 * kind, a fixed set.
 * @module
 */
import { Counter, Gauge, Histogram, type Registry } from "prom-client";

/** Seconds: one trade against the index is microseconds; the top buckets catch a stalled loop. */
const EVALUATION_BUCKETS = [0.00001, 0.00005, 0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05];

/** The alert observer's methods; structurally an `AlertObserver`. */
export interface AlertMetricsRecorder {
  watched(count: number): void;
  triggered(kind: string): void;
  evaluated(seconds: number): void;
}

/** Registers the `alerts_*` series on `registry` and returns their observer. */
export function registerAlertMetrics(registry: Registry): AlertMetricsRecorder {
  const registers = [registry];
  const active = new Gauge({
    name: "alerts_active",
    help: "Active alerts the last watcher to change holds.",
    registers,
  });
  const triggers = new Counter({
    name: "alerts_triggered_total",
    help: "Alert triggers this process committed, by rule kind.",
    labelNames: ["kind"],
    registers,
  });
  const evaluation = new Histogram({
    name: "alerts_evaluation_seconds",
    help: "Time to evaluate one trade against the alert index.",
    buckets: EVALUATION_BUCKETS,
    registers,
  });
  return {
    watched: (count) => active.set(count),
    triggered: (kind) => triggers.inc({ kind }),
    evaluated: (seconds) => evaluation.observe(seconds),
  };
}
