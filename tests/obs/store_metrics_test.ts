import assert from "node:assert/strict";
import { createMetrics } from "@/core/obs/metrics.ts";
import { probeKv } from "@/core/store/mod.ts";

/** The value of the unlabelled series `name` in the text exposition. */
async function sample(metrics: ReturnType<typeof createMetrics>, name: string): Promise<number> {
  const line = (await metrics.registry.metrics()).split("\n")
    .find((l) => l.startsWith(`${name} `));
  assert.ok(line, `${name} is exposed`);
  return Number(line.split(" ")[1]);
}

Deno.test("the KV gauges probe the store at each scrape: up with a read's time, then down when it closes", async () => {
  const kv = await Deno.openKv(":memory:");
  const metrics = createMetrics();
  metrics.store.kvFrom(() => probeKv(kv));
  assert.equal(await sample(metrics, "kv_up"), 1);
  const seconds = await sample(metrics, "kv_read_seconds");
  assert.ok(seconds > 0 && seconds < 1, `one read took ${seconds} s`);

  kv.close();
  const probe = await probeKv(kv);
  assert.equal(probe.reachable, false, "a closed store is reported, not thrown");
  assert.equal(await sample(metrics, "kv_up"), 0);
  assert.equal(await sample(metrics, "kv_read_seconds"), seconds, "the last answered read stays");
});
