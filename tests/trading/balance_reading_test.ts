import assert from "node:assert/strict";
import { placeExit } from "../../core/alerts/exit_order.ts";
import { AlertRepository } from "../../core/alerts/repository.ts";
import type { OrderRequest } from "../../core/broker/mod.ts";
import { parseSymbolCode } from "../../core/krx/mod.ts";
import { BALANCE_READING_MAX_AGE_MS, RiskRejected } from "../../core/trading/mod.ts";
import { countingBroker, startJournal } from "./_journal.ts";

const symbol = parseSymbolCode("005930");
const marketBuy: OrderRequest = { type: "market", side: "buy", symbol, quantity: 3 };

Deno.test("a fresh balance reading stands in for the risk snapshot's own read", async (t) => {
  await using rig = await startJournal();
  const { broker, calls } = countingBroker(rig.e2e.broker);
  const journal = rig.journalOn(rig.store, broker);

  await t.step("placing with a fresh reading reads no balance and sends the order", async () => {
    const reading = await journal.readBalance();
    calls.clear();
    const order = await journal.placeOrder({ idempotencyKey: "fresh", order: marketBuy }, {
      balance: reading,
    });
    assert.equal(order.status, "submitted");
    assert.equal(calls.get("getBalance") ?? 0, 0);
    assert.equal(calls.get("placeOrder"), 1);
  });

  await t.step("the checks judge the reading: an equity of 1 KRW refuses a buy", async () => {
    const reading = await journal.readBalance();
    const poor = {
      ...reading,
      balance: { ...reading.balance, summary: { ...reading.balance.summary, totalValue: 1 } },
    };
    const error = await journal.placeOrder({ idempotencyKey: "poor", order: marketBuy }, {
      balance: poor,
    }).then(() => null, (e: unknown) => e);
    assert.ok(error instanceof RiskRejected);
    assert.deepEqual(error.rejections.map((r) => r.code), ["position_weight"]);
  });

  for (
    const [name, age] of [
      ["older than the limit", BALANCE_READING_MAX_AGE_MS + 1],
      ["from the future", -60_000],
    ] as const
  ) {
    await t.step(`a reading ${name} is ignored: the journal reads the balance`, async () => {
      const reading = await journal.readBalance();
      const poor = {
        readAt: rig.now() - age,
        balance: { ...reading.balance, summary: { ...reading.balance.summary, totalValue: 1 } },
      };
      calls.clear();
      const order = await journal.placeOrder({ idempotencyKey: `stale-${age}`, order: marketBuy }, {
        balance: poor,
      });
      assert.equal(order.status, "submitted");
      assert.equal(calls.get("getBalance"), 1);
    });
  }
});

Deno.test("an alert's exit reads the account once and sells what is held", async () => {
  await using rig = await startJournal();
  await rig.e2e.broker.placeOrder({ type: "market", side: "buy", symbol, quantity: 4 });
  const { broker, calls } = countingBroker(rig.e2e.broker);
  const journal = rig.journalOn(rig.store, broker);
  const alert = await new AlertRepository(rig.store).create({
    account: rig.accountId,
    symbol,
    rule: { kind: "stop_loss", trigger: { basis: "price", price: 1 } },
    action: { kind: "notify_and_exit", quantity: { kind: "all" } },
  });
  const outcome = await placeExit(alert, journal);
  assert.equal(outcome.status, "placed");
  assert.equal(outcome.status === "placed" && outcome.order.request.quantity, 4);
  assert.equal(calls.get("getBalance"), 1);
  assert.equal(calls.get("getQuote"), 1);
  assert.equal(calls.get("placeOrder"), 1);
});
