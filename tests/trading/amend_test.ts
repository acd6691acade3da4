import assert from "node:assert/strict";
import type { Broker, OrderRecord, OrderRequest } from "../../core/broker/mod.ts";
import { kstInstant, parseIsoDate, parseSymbolCode, seoulDate } from "../../core/krx/mod.ts";
import {
  AmendmentKeyReusedError,
  type BrokerRef,
  fillsOn,
  type JournalOrder,
  matchesAmendment,
  type OrderAmendment,
  OrderNotAmendableError,
  OrderNotFoundError,
  RECONCILE_DEFAULTS,
  RiskRejected,
  setKillSwitch,
} from "../../core/trading/mod.ts";
import { armBeforeOrders, startJournal } from "./_journal.ts";

const symbol = parseSymbolCode("005930");

/** The real broker, calling `arm` just before each call of `method` (a fault armed there hits it). */
function armBefore(broker: Broker, method: "cancelOrder" | "reviseOrder", arm: () => void): Broker {
  return new Proxy(broker, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      if (typeof value !== "function") return value;
      if (property !== method) return value.bind(target);
      return (...args: unknown[]) => {
        arm();
        return value.apply(target, args);
      };
    },
  });
}

/** A limit buy at the day's lower limit: it rests, so it can be cancelled or revised. */
function restingBuy(lower: number, quantity: number): OrderRequest {
  return { type: "limit", side: "buy", symbol, quantity, price: lower };
}

Deno.test("a cancel through the journal is sent once per key, audited and recorded", async (t) => {
  await using rig = await startJournal();
  const { journal, e2e, store } = rig;
  const quote = e2e.sim.market.quote(symbol);
  const order = await journal.placeOrder({
    idempotencyKey: "rest-1",
    order: restingBuy(quote.lower, 3),
  });
  const cancel = await journal.cancelOrder(order.id, { idempotencyKey: "cancel-1" });

  await t.step("KIS's answer and the order's resulting state are recorded", async () => {
    assert.equal(cancel.status, "accepted");
    const rows = e2e.sim.market.orders();
    assert.equal(rows.length, 2);
    assert.ok(cancel.status === "accepted" && cancel.ack.orderNo === rows[1]!.odno);
    assert.equal(rows[1]!.action, "cancel");
    const after = await journal.get(order.id);
    assert.equal(after?.status, "cancelled");
  });
  await t.step("a retry with the key returns the same cancel and sends nothing", async () => {
    const again = await journal.cancelOrder(order.id, { idempotencyKey: "cancel-1" });
    assert.equal(again.id, cancel.id);
    assert.equal(e2e.sim.market.orders().length, 2);
  });
  await t.step("the key for another change is refused", async () => {
    await assert.rejects(
      journal.reviseOrder(order.id, {
        idempotencyKey: "cancel-1",
        revision: { type: "limit", price: quote.lower },
      }),
      AmendmentKeyReusedError,
    );
  });
  await t.step("a cancelled order cannot be cancelled again; nothing is written", async () => {
    await assert.rejects(
      journal.cancelOrder(order.id, { idempotencyKey: "cancel-2" }),
      (error: unknown) => error instanceof OrderNotAmendableError && error.status === "cancelled",
    );
    assert.equal(await journal.amendmentByKey("cancel-2"), null);
    assert.equal(e2e.sim.market.orders().length, 2);
  });
  await t.step("the audit log holds the request, KIS's answer and the state", async () => {
    const actions = (await store.audit.list({ limit: 1000 })).items
      .filter((e) => e.subject === order.id).map((e) => e.action);
    assert.deepEqual(actions, [
      "intent",
      "submitted",
      "cancel_requested",
      "cancel_accepted",
      "cancelled",
    ]);
  });
});

Deno.test("cancels and revisions are refused where they are not legal", async (t) => {
  await using rig = await startJournal();
  const { journal, e2e } = rig;
  await t.step("an order the journal does not hold", async () => {
    await assert.rejects(
      journal.cancelOrder("01NOSUCHORDER", { idempotencyKey: "x-1" }),
      OrderNotFoundError,
    );
  });
  await t.step("a filled order", async () => {
    const filled = await journal.placeOrder({
      idempotencyKey: "filled",
      order: { type: "market", side: "buy", symbol, quantity: 1 },
    });
    await journal.reconcile();
    assert.equal((await journal.get(filled.id))?.status, "filled");
    await assert.rejects(
      journal.cancelOrder(filled.id, { idempotencyKey: "x-2" }),
      (error: unknown) => error instanceof OrderNotAmendableError && error.status === "filled",
    );
  });
  await t.step("an order whose placement is unknown", async () => {
    const lost = await rig.journalOn(
      rig.store,
      armBeforeOrders(e2e.broker, () => e2e.sim.faults.inject({ kind: "http500" })),
    ).placeOrder({
      idempotencyKey: "lost",
      order: restingBuy(e2e.sim.market.quote(symbol).lower, 1),
    });
    assert.equal(lost.status, "unknown");
    await assert.rejects(
      journal.cancelOrder(lost.id, { idempotencyKey: "x-3" }),
      (error: unknown) => error instanceof OrderNotAmendableError && error.status === "unknown",
    );
  });
  await t.step("a revision while the kill switch is on", async () => {
    const resting = await journal.placeOrder({
      idempotencyKey: "resting",
      order: restingBuy(e2e.sim.market.quote(symbol).lower, 1),
    });
    await setKillSwitch(rig.store, { on: true, reason: "test", by: "test" });
    await assert.rejects(
      journal.reviseOrder(resting.id, {
        idempotencyKey: "x-4",
        revision: { type: "market" },
      }),
      RiskRejected,
    );
    const cancelled = await journal.cancelOrder(resting.id, { idempotencyKey: "x-5" });
    assert.equal(cancelled.status, "accepted", "a cancel goes through with the switch on");
  });
  await t.step("none of the refusals wrote an amendment or reached KIS", async () => {
    for (const key of ["x-1", "x-2", "x-3", "x-4"]) {
      assert.equal(await journal.amendmentByKey(key), null);
    }
    assert.equal(e2e.sim.market.orders().filter((o) => o.action !== "new").length, 1);
  });
});

Deno.test("a revision moves the open part to a new order the journal follows", async (t) => {
  await using rig = await startJournal();
  const { journal, e2e, store, accountId } = rig;
  const quote = e2e.sim.market.quote(symbol);
  const order = await journal.placeOrder({
    idempotencyKey: "to-revise",
    order: restingBuy(quote.lower, 4),
  });
  const revision = { type: "limit" as const, price: quote.upper };
  const revised = await journal.reviseOrder(order.id, { idempotencyKey: "rev-1", revision });

  await t.step("the original is cancelled, the new order filled at the revised price", async () => {
    assert.equal(revised.status, "accepted");
    assert.ok(revised.status === "accepted" && revised.revisedOrderId !== null);
    assert.equal((await journal.get(order.id))?.status, "cancelled");
    const child = await journal.get(revised.revisedOrderId);
    assert.equal(child?.revises, order.id);
    assert.equal(child?.status, "filled");
    assert.deepEqual(child?.request, { ...order.request, price: quote.upper });
    const row = e2e.sim.market.orders().find((o) => o.action === "revise")!;
    assert.ok(child !== null && "ref" in child && child.ref.orderNo === row.odno);
  });
  await t.step("the new order's fills are recorded", async () => {
    const fills = await fillsOn(store, accountId, seoulDate(rig.now()));
    assert.equal(fills.reduce((sum, f) => sum + f.quantity, 0), 4);
    assert.ok(revised.status === "accepted");
    assert.ok(fills.every((f) => f.orderId === revised.revisedOrderId));
  });
  await t.step("a retry sends nothing and makes no second order", async () => {
    const again = await journal.reviseOrder(order.id, { idempotencyKey: "rev-1", revision });
    assert.deepEqual(again, revised);
    assert.equal(e2e.sim.market.orders().length, 2);
  });
});

Deno.test("a cancel whose answer was lost is settled by reconciliation", async (t) => {
  await using rig = await startJournal();
  const { e2e } = rig;
  const lower = e2e.sim.market.quote(symbol).lower;
  const order = await rig.journal.placeOrder({
    idempotencyKey: "answer-lost",
    order: restingBuy(lower, 2),
  });
  const garbling = rig.journalOn(
    rig.store,
    armBefore(
      e2e.broker,
      "cancelOrder",
      () => e2e.sim.faults.inject({ kind: "omitFields", fields: ["ODNO", "odno"], count: 1 }),
    ),
  );
  const lost = await garbling.cancelOrder(order.id, { idempotencyKey: "cancel-lost" });

  await t.step("KIS cancelled it but the journal could not read the answer", () => {
    assert.equal(lost.status, "unknown");
    assert.equal(e2e.sim.market.orders().filter((o) => o.action === "cancel").length, 1);
  });
  await t.step("reconciliation finds KIS's cancel row and the order's state", async () => {
    const report = await rig.journal.reconcile();
    assert.deepEqual(report.amendments.accepted, [lost.id]);
    const settled = await rig.journal.amendmentByKey("cancel-lost");
    const row = e2e.sim.market.orders().find((o) => o.action === "cancel")!;
    assert.ok(settled?.status === "accepted" && settled.ack.orderNo === row.odno);
    assert.equal((await rig.journal.get(order.id))?.status, "cancelled");
  });
  await t.step(
    "a cancel that never reached KIS is resolved not sent after the horizon",
    async () => {
      const other = await rig.journal.placeOrder({
        idempotencyKey: "never-cancelled",
        order: restingBuy(lower, 5),
      });
      const failing = rig.journalOn(
        rig.store,
        armBefore(e2e.broker, "cancelOrder", () => e2e.sim.faults.inject({ kind: "http500" })),
      );
      const unsent = await failing.cancelOrder(other.id, { idempotencyKey: "cancel-500" });
      assert.equal(unsent.status, "unknown");
      assert.deepEqual((await rig.journal.reconcile()).amendments.pending, [unsent.id]);
      rig.shift(6 * 60_000);
      assert.deepEqual((await rig.journal.reconcile()).amendments.notSent, [unsent.id]);
      const retried = await rig.journal.cancelOrder(other.id, { idempotencyKey: "cancel-500" });
      assert.equal(retried.replaces, unsent.id);
      assert.equal(retried.status, "accepted");
      assert.equal(e2e.sim.market.orders().filter((o) => o.action === "cancel").length, 2);
    },
  );
});

Deno.test("a KIS row settles an amendment only when it shows the asked change", () => {
  const date = parseIsoDate("2026-11-27");
  const ref: BrokerRef = { orderNo: "0000010001", branchNo: "91252", route: "KRX", date };
  const createdAt = kstInstant(date, 10, 0, 0).getTime();
  const order: JournalOrder & { ref: BrokerRef } = {
    id: "o1",
    accountId: "acct",
    idempotencyKey: "k",
    request: restingBuy(30_200, 5),
    createdAt,
    updatedAt: createdAt,
    replaces: null,
    status: "submitted",
    ref,
  };
  const row = (fields: Partial<OrderRecord>): OrderRecord => ({
    orderNo: "0000010002",
    branchNo: "91252",
    route: "KRX",
    date,
    time: "10:00:01",
    originalOrderNo: ref.orderNo,
    symbol,
    name: "삼성전자",
    side: "buy",
    type: "limit",
    quantity: 5,
    price: 30_200,
    filledQuantity: 0,
    filledAmount: 0,
    averageFillPrice: 0,
    state: { status: "cancelled", filledQuantity: 0 },
    ...fields,
  });
  const amendment = (request: OrderAmendment["request"]): OrderAmendment => ({
    id: "a1",
    accountId: "acct",
    orderId: order.id,
    idempotencyKey: "c",
    request,
    createdAt,
    updatedAt: createdAt,
    replaces: null,
    status: "unknown",
    error: "lost",
  });
  const options = { ...RECONCILE_DEFAULTS };
  const cancel = amendment({ kind: "cancel" });
  const revise = amendment({ kind: "revise", revision: { type: "limit", price: 30_500 } });
  const cancelRow = row({});
  const reviseRow = row({ price: 30_500, state: { status: "open", remainingQuantity: 5 } });
  assert.equal(matchesAmendment(cancel, order, cancelRow, options), true);
  assert.equal(matchesAmendment(cancel, order, reviseRow, options), false);
  assert.equal(matchesAmendment(revise, order, reviseRow, options), true);
  assert.equal(matchesAmendment(revise, order, cancelRow, options), false);
  assert.equal(
    matchesAmendment(cancel, order, row({ originalOrderNo: "0000000000" }), options),
    false,
    "a new order's row is not a cancel",
  );
  assert.equal(
    matchesAmendment(cancel, order, row({ originalOrderNo: "0000019999" }), options),
    false,
    "a row naming another order",
  );
  assert.equal(
    matchesAmendment(cancel, order, row({ time: "10:06:00" }), options),
    false,
    "a row after the horizon",
  );
  assert.equal(
    matchesAmendment(amendment({ kind: "cancel", quantity: 2 }), order, cancelRow, options),
    false,
    "a cancel of 2 shares is not a row of 5",
  );
});
