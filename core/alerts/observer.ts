/**
 * What the alert watcher reports as it works, for metrics: an interface the app's metrics implement
 * (core/obs/alert_metrics.ts), so this package imports no metrics library.
 * @module
 */
import type { AlertRule } from "./schema.ts";

/** Receives the watched count, triggers and evaluation times. */
export interface AlertObserver {
  /** The watcher now holds `count` active alerts. */
  watched(count: number): void;
  /** An alert of rule `kind` fired, and this process committed the trigger. */
  triggered(kind: AlertRule["kind"]): void;
  /** Evaluating one trade against the index took `seconds`. */
  evaluated(seconds: number): void;
}

/** The observer that ignores everything: the default. */
export const NO_ALERT_OBSERVER: AlertObserver = {
  watched: () => {},
  triggered: () => {},
  evaluated: () => {},
};
