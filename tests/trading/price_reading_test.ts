import assert from "node:assert/strict";
import type { OrderRequest } from "../../core/broker/mod.ts";
import { parseSymbolCode, seoulDate } from "../../core/krx/mod.ts";
import { KEYS } from "../../core/store/mod.ts";
import { BALANCE_READING_MAX_AGE_MS, RiskRejected } from "../../core/trading/mod.ts";
import { countingBroker, startJournal } from "./_journal.ts";

const symbol = parseSymbolCode("005930");
const marketSell: OrderRequest = { type: "market", side: "sell", symbol, quantity: 2 };

Deno.test("a trade seen just now stands in for the quote of a market sell, and only of one", async (t) => {
  await using rig = await startJournal();
  await rig.e2e.broker.placeOrder({ type: "market", side: "buy", symbol, quantity: 10 });
  const { broker, calls } = countingBroker(rig.e2e.broker);
  const journal = rig.journalOn(rig.store, broker);
  const seenPrice = rig.e2e.sim.market.price(symbol) + 1_000;
  const dayAmount = async () =>
    Number(
      (await rig.store.kv.get<Deno.KvU64>(
        KEYS.orderAmountByDay(rig.accountId, seoulDate(rig.now())),
      )).value?.value ?? 0n,
    );

  await t.step("a fresh trade: no quote read, the day's amount counts the sell at it", async () => {
    const before = await dayAmount();
    calls.clear();
    const order = await journal.placeOrder({ idempotencyKey: "seen", order: marketSell }, {
      lastTrade: { price: seenPrice, readAt: rig.now() },
    });
    assert.equal(order.status, "submitted");
    assert.equal(calls.get("getQuote") ?? 0, 0);
    assert.equal(order.signalPrice, seenPrice);
    assert.equal(await dayAmount() - before, seenPrice * 2);
  });

  await t.step(
    "the seen price is judged: over the per-order limit the sell is refused",
    async () => {
      const error = await journal.placeOrder({ idempotencyKey: "dear", order: marketSell }, {
        lastTrade: { price: 100_000_000, readAt: rig.now() },
      }).then(() => null, (e: unknown) => e);
      assert.ok(error instanceof RiskRejected);
      assert.deepEqual(error.rejections.map((r) => r.code), ["order_amount"]);
    },
  );

  const readsQuote: [string, OrderRequest, number][] = [
    ["a trade older than the limit", marketSell, BALANCE_READING_MAX_AGE_MS + 1],
    ["a trade from the future", marketSell, -60_000],
    ["a limit sell (its limits need the base price)", {
      ...marketSell,
      type: "limit",
      price: rig.e2e.sim.market.price(symbol),
    }, 0],
    ["a market buy (reserved at the upper limit)", { ...marketSell, side: "buy" }, 0],
  ];
  for (const [name, order, age] of readsQuote) {
    await t.step(`${name}: the journal reads the quote`, async () => {
      calls.clear();
      const placed = await journal.placeOrder({ idempotencyKey: `quote-${name}`, order }, {
        lastTrade: { price: 1, readAt: rig.now() - age },
      });
      assert.equal(placed.status, "submitted");
      assert.equal(calls.get("getQuote"), 1);
    });
  }
});
