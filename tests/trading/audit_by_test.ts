import assert from "node:assert/strict";
import { parseSymbolCode } from "../../core/krx/mod.ts";
import { IdempotencyKeyReusedError } from "../../core/trading/mod.ts";
import { startJournal } from "./_journal.ts";

const symbol = parseSymbolCode("005930");

Deno.test("the journal's intent and amendment audit entries name who asked, when told", async (t) => {
  await using rig = await startJournal();
  const { journal, e2e, store } = rig;
  const lower = e2e.sim.market.quote(symbol).lower;
  const order = { type: "limit", side: "buy", symbol, quantity: 2, price: lower } as const;
  const auditOf = async (subject: string, action: string) =>
    (await store.audit.list({ limit: 1000 })).items
      .filter((e) => e.subject === subject && e.action === action);

  await t.step("placeOrder and cancelOrder record by", async () => {
    const placed = await journal.placeOrder({ idempotencyKey: "by-1", order, by: "kim" });
    await journal.cancelOrder(placed.id, { idempotencyKey: "by-c1", by: "lee" });
    assert.deepEqual((await auditOf(placed.id, "intent")).map((e) => e.data.by), ["kim"]);
    assert.deepEqual((await auditOf(placed.id, "cancel_requested")).map((e) => e.data.by), ["lee"]);
  });
  await t.step("reviseOrder records by", async () => {
    const placed = await journal.placeOrder({ idempotencyKey: "by-2", order });
    await journal.reviseOrder(placed.id, {
      idempotencyKey: "by-r1",
      revision: { type: "limit", price: lower + 100 },
      by: "park",
    });
    assert.deepEqual((await auditOf(placed.id, "revise_requested")).map((e) => e.data.by), [
      "park",
    ]);
  });
  await t.step("without by the entry has no by field", async () => {
    const placed = await journal.placeOrder({ idempotencyKey: "by-3", order });
    const [intent] = await auditOf(placed.id, "intent");
    assert.ok(intent !== undefined && !("by" in intent.data));
  });
  await t.step(
    "by is not part of what a key names: a replay by another user is the same order",
    async () => {
      const again = await journal.placeOrder({ idempotencyKey: "by-1", order, by: "someone" });
      assert.equal((await auditOf(again.id, "intent")).length, 1);
      await assert.rejects(
        journal.placeOrder({ idempotencyKey: "by-1", order: { ...order, quantity: 3 }, by: "kim" }),
        IdempotencyKeyReusedError,
      );
    },
  );
});
