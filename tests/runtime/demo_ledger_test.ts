import assert from "node:assert/strict";
import { demoResumeStart, demoStart } from "@/core/kis-sim/mod.ts";
import { kstInstant, parseIsoDate, seoulDate, type SymbolCode } from "@/core/krx/mod.ts";
import { startServices } from "@/core/runtime/mod.ts";

Deno.test("the demo resumes its market on the ledger's day when the replayed days ran ahead", () => {
  const now = new Date("2026-12-03T01:00:00Z"); // Thursday 10:00 KST, in session
  assert.deepEqual(demoResumeStart(now, null), demoStart(now));
  assert.deepEqual(demoResumeStart(now, parseIsoDate("2026-12-02")), demoStart(now));
  assert.deepEqual(demoResumeStart(now, parseIsoDate("2026-12-03")), demoStart(now));
  const ahead = demoResumeStart(now, parseIsoDate("2026-12-07"));
  assert.equal(seoulDate(ahead), "2026-12-07");
  assert.deepEqual(ahead, kstInstant("2026-12-07", 9, 0, 30));
});

Deno.test("a restarted demo finds the simulator's ledger in its store: same orders, same cash", async () => {
  const kvPath = await Deno.makeTempFile({ suffix: ".kv" });
  const symbol = "005930" as SymbolCode;
  try {
    const first = await startServices({ mode: "demo", kvPath });
    let before;
    try {
      const ack = await first.broker.placeOrder({
        type: "market",
        side: "buy",
        symbol,
        quantity: 3,
      });
      assert.ok(ack.orderNo);
      const today = seoulDate(first.simulator!.clock.now());
      for (let i = 0; i < 50; i++) {
        const held = (await first.broker.getBalance()).holdings.find((h) => h.symbol === symbol);
        if (held?.quantity === 3) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      before = {
        balance: await first.broker.getBalance(),
        orders: await first.broker.getOrders({ from: today, to: today }),
        today,
      };
      assert.equal(before.orders.length, 1, "the order is in the day's orders");
    } finally {
      await first.close();
    }
    const second = await startServices({ mode: "demo", kvPath });
    try {
      const orders = await second.broker.getOrders({ from: before.today, to: before.today });
      assert.deepEqual(
        orders.map((o) => [o.orderNo, o.filledQuantity]),
        before.orders.map((o) => [
          o.orderNo,
          o.filledQuantity,
        ]),
      );
      const balance = await second.broker.getBalance();
      const held = balance.holdings.find((h) => h.symbol === symbol);
      assert.equal(held?.quantity, 3);
      assert.equal(balance.summary.deposit, before.balance.summary.deposit);
    } finally {
      await second.close();
    }
  } finally {
    await Deno.remove(kvPath).catch(() => {});
  }
});
