import assert from "node:assert/strict";
import { recentBalance } from "@/core/broker/mod.ts";
import { startE2e } from "./kis/_e2e.ts";

Deno.test("readers share one recent balance read and never keep a failed one", async (t) => {
  await using e2e = await startE2e();
  let clock = 1_000_000;
  const now = () => clock;

  await t.step("reads within the age share the first read, in flight or settled", async () => {
    const first = recentBalance(e2e.broker, { now });
    const during = recentBalance(e2e.broker, { now });
    assert.equal(during.balance, first.balance, "a reader during the read waits for it");
    clock += 4_999;
    const again = recentBalance(e2e.broker, { now });
    assert.equal(again.balance, first.balance);
    assert.equal(again.at, 1_000_000);
    assert.ok((await again.balance).summary.totalValue > 0);
  });

  await t.step("an older read is replaced by a new one", async () => {
    const old = recentBalance(e2e.broker, { now });
    clock += 1;
    const fresh = recentBalance(e2e.broker, { now });
    assert.equal(fresh.at, 1_005_000);
    assert.notEqual(fresh.balance, old.balance);
    await fresh.balance;
  });

  await t.step("a failed read reaches its readers and the next one asks again", async () => {
    clock += 10_000;
    e2e.sim.faults.inject({ kind: "corruptFields", fields: { dnca_tot_amt: "many" } });
    const failed = recentBalance(e2e.broker, { now });
    await assert.rejects(failed.balance);
    e2e.sim.faults.clear();
    const retried = recentBalance(e2e.broker, { now });
    assert.notEqual(retried.balance, failed.balance);
    assert.ok((await retried.balance).summary.totalValue > 0);
  });
});
