import assert from "node:assert/strict";
import { recentBalance } from "@/core/web/views/mod.ts";
import { startE2e } from "../../broker/kis/_e2e.ts";

Deno.test("pages share one recent balance read and never keep a failed one", async (t) => {
  await using e2e = await startE2e();
  let clock = 1_000_000;
  const now = () => clock;

  await t.step("reads within the age share the first read", async () => {
    const first = await recentBalance(e2e.broker, { now });
    clock += 4_999;
    const again = await recentBalance(e2e.broker, { now });
    assert.equal(again, first);
    assert.equal(first.at, 1_000_000);
    assert.ok(first.read.ok);
  });

  await t.step("an older read is replaced by a new one", async () => {
    clock += 1;
    const fresh = await recentBalance(e2e.broker, { now });
    assert.equal(fresh.at, 1_005_000);
  });

  await t.step("a failed read is shown once and asked again next time", async () => {
    clock += 10_000;
    e2e.sim.faults.inject({ kind: "corruptFields", fields: { dnca_tot_amt: "many" } });
    const failed = await recentBalance(e2e.broker, { now });
    assert.equal(failed.read.ok, false);
    e2e.sim.faults.clear();
    const retried = await recentBalance(e2e.broker, { now });
    assert.ok(retried.read.ok);
    assert.notEqual(retried, failed);
  });
});
