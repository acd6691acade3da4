import assert from "node:assert/strict";
import { parseSymbolCode, seoulDate } from "../../core/krx/mod.ts";
import { runDailyReport } from "../../core/report/mod.ts";
import { fillsOn, listPositions } from "../../core/trading/mod.ts";
import { startJournal } from "../trading/_journal.ts";

const samsung = parseSymbolCode("005930");

Deno.test("a position bought and sold out the same day, never synced: the sale's cost is the day's buy price", async () => {
  await using rig = await startJournal({ seed: 1 });
  const { store, accountId, e2e, journal } = rig;
  await journal.placeOrder({
    idempotencyKey: "buy",
    order: { type: "market", side: "buy", symbol: samsung, quantity: 40 },
  });
  await journal.reconcile();
  e2e.sim.clock.advance(10 * 60_000); // the price moves before the sale
  await journal.placeOrder({
    idempotencyKey: "sell",
    order: { type: "market", side: "sell", symbol: samsung, quantity: 40 },
  });
  await journal.reconcile();
  const day = seoulDate(rig.now());
  const fills = await fillsOn(store, accountId, day);
  const bought = fills.find((f) => f.side === "buy")!;
  const sold = fills.find((f) => f.side === "sell")!;
  assert.notEqual(bought.price, sold.price, "the test needs the two prices apart");
  assert.deepEqual((await listPositions(store, accountId)).items, [], "no snapshot was synced");

  const { report } = await runDailyReport({ store, broker: e2e.broker, accountId }, day);
  const row = report.trades.items.find((r) => r.side === "sell");
  assert.ok(row?.side === "sell");
  assert.equal(row.averageCost, bought.amount / bought.quantity);
  assert.equal(row.realised, sold.amount - row.fee - row.tax - bought.amount);
});
