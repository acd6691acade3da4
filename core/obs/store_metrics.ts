/**
 * The store's series: whether Deno KV answers and how long one read takes, measured at each
 * scrape through a probe (core/store/probe.ts) the runtime hands in.
 * @module
 */
import { Gauge, type Registry } from "prom-client";
import type { KvProbe } from "../store/probe.ts";

/** The store recorder: where the KV gauges read from. */
export interface StoreMetricsRecorder {
  /** Probes KV at every scrape through `probe` (e.g. `() => probeKv(store.kv)`). */
  kvFrom(probe: () => Promise<KvProbe>): void;
}

/** Registers `kv_up` and `kv_read_seconds` on `registry`. */
export function registerStoreMetrics(registry: Registry): StoreMetricsRecorder {
  const registers = [registry];
  let probe: (() => Promise<KvProbe>) | undefined;
  // each gauge reads on its own: prom-client collects the series of one scrape concurrently
  new Gauge({
    name: "kv_read_seconds",
    help: "Time one Deno KV read took at the latest scrape that reached KV.",
    registers,
    async collect() {
      if (probe === undefined) return;
      const result = await probe();
      // a failed read keeps the latency of the last one that answered
      if (result.reachable) this.set(result.latencyMs / 1000);
    },
  });
  new Gauge({
    name: "kv_up",
    help: "1 when a Deno KV read succeeded at the scrape, 0 when it failed.",
    registers,
    async collect() {
      if (probe !== undefined) this.set((await probe()).reachable ? 1 : 0);
    },
  });
  return { kvFrom: (source) => probe = source };
}
