/**
 * Process series read at scrape time: memory from `Deno.memoryUsage()` and event-loop lag from
 * `node:perf_hooks`. prom-client's own default collectors read `/proc`, which the server's
 * `--allow-read=.` does not grant, so the few that matter are taken from Deno directly.
 * @module
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import { Gauge, type Registry } from "prom-client";

/** Resolution of the event-loop delay sampler, in milliseconds. */
const LAG_RESOLUTION_MS = 20;

/**
 * Registers `process_resident_memory_bytes`, `process_heap_used_bytes`,
 * `process_heap_total_bytes` and `process_event_loop_lag_seconds` (mean, p99 and max since the
 * last scrape) on `registry`.
 */
export function registerProcessMetrics(registry: Registry): void {
  const registers = [registry];
  const memory = (name: string, help: string, read: (usage: Deno.MemoryUsage) => number) =>
    new Gauge({
      name,
      help,
      registers,
      collect() {
        this.set(read(Deno.memoryUsage()));
      },
    });
  memory("process_resident_memory_bytes", "Resident set size in bytes.", (u) => u.rss);
  memory("process_heap_used_bytes", "V8 heap in use, in bytes.", (u) => u.heapUsed);
  memory("process_heap_total_bytes", "V8 heap reserved, in bytes.", (u) => u.heapTotal);

  // The sampler starts on the first scrape, so a process that is never scraped runs no timer.
  let delay: ReturnType<typeof monitorEventLoopDelay> | undefined;
  new Gauge({
    name: "process_event_loop_lag_seconds",
    help: "Event-loop delay since the previous scrape, by statistic (mean, p99, max).",
    labelNames: ["stat"],
    registers,
    collect() {
      if (delay === undefined) {
        delay = monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS });
        delay.enable();
        return;
      }
      // The histogram is in nanoseconds; with no sample yet its mean is NaN.
      const seconds = (ns: number) => Number.isFinite(ns) ? ns / 1e9 : 0;
      this.set({ stat: "mean" }, seconds(delay.mean));
      this.set({ stat: "p99" }, seconds(delay.percentile(99)));
      this.set({ stat: "max" }, seconds(delay.max));
      delay.reset();
    },
  });
}
