import assert from "node:assert/strict";
import { recentBalance } from "@/core/web/views/mod.ts";
import { startE2e } from "../../broker/kis/_e2e.ts";

Deno.test("pages read the shared recent balance, and a failed read as its message", async (t) => {
  await using e2e = await startE2e();
  let clock = 1_000_000;
  const now = () => clock;

  await t.step("two pages within the age show the same read", async () => {
    const first = await recentBalance(e2e.broker, { now });
    clock += 4_999;
    const again = await recentBalance(e2e.broker, { now });
    assert.ok(first.read.ok && again.read.ok);
    assert.equal(again.read.value, first.read.value);
    assert.equal(again.at, 1_000_000);
  });

  await t.step("a failed read is the page's message, and the next page asks again", async () => {
    clock += 10_000;
    e2e.sim.faults.inject({ kind: "corruptFields", fields: { dnca_tot_amt: "many" } });
    const failed = await recentBalance(e2e.broker, { now });
    assert.equal(failed.read.ok, false);
    e2e.sim.faults.clear();
    const retried = await recentBalance(e2e.broker, { now });
    assert.ok(retried.read.ok);
  });
});
