/**
 * The notification series: each queue job's outcome by channel, and the queue's depth read from
 * KV at each scrape (core/notify/queue_depth.ts). Channels are named by their type, so the label
 * set is bounded.
 * @module
 */
import { Counter, Gauge, type Registry } from "prom-client";
import type { JobOutcome } from "../notify/notifier.ts";
import type { NotifyQueueDepth } from "../notify/queue_depth.ts";

/** The notification recorder: the notifier's `observe` and the depth gauge's source. */
export interface NotifyMetricsRecorder {
  /** Counts one handled job; hand it to the `Notifier` as `observe`. */
  handled(outcome: JobOutcome): void;
  /**
   * Reads the queue's depth at every scrape through `read` (e.g. `notifyQueueDepth(kv)`); a
   * failed read keeps the last values.
   */
  queueFrom(read: () => Promise<NotifyQueueDepth>): void;
}

/** Registers `notify_jobs_total{channel,outcome}` and `notify_queue_jobs{state}` on `registry`. */
export function registerNotifyMetrics(registry: Registry): NotifyMetricsRecorder {
  const registers = [registry];
  const jobs = new Counter({
    name: "notify_jobs_total",
    help: "Notification queue jobs handled, by channel and outcome (delivered, retrying, failed, " +
      "deferred, busy, duplicate, ignored).",
    labelNames: ["channel", "outcome"],
    registers,
  });
  let readDepth: (() => Promise<NotifyQueueDepth>) | undefined;
  new Gauge({
    name: "notify_queue_jobs",
    help: "Notification jobs on the KV queue by state (queued, retrying), and undelivered ones.",
    labelNames: ["state"],
    registers,
    async collect() {
      if (readDepth === undefined) return;
      // a failed read must not fail the scrape: the gauge keeps its last values
      const depth = await readDepth().catch(() => undefined);
      if (depth === undefined) return;
      for (const state of ["queued", "retrying", "undelivered"] as const) {
        this.set({ state }, depth[state]);
      }
    },
  });
  return {
    handled: (outcome) =>
      jobs.inc({
        channel: "channel" in outcome ? outcome.channel : "none",
        outcome: outcome.outcome,
      }),
    queueFrom: (read) => readDepth = read,
  };
}
