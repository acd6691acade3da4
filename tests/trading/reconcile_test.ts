import assert from "node:assert/strict";
import type { OrderRecord, OrderRequest } from "../../core/broker/mod.ts";
import { parseIsoDate, parseSymbolCode, seoulDate } from "../../core/krx/mod.ts";
import type { Store } from "../../core/store/mod.ts";
import {
  type JournalOrder,
  matchesIntent,
  OrderRepository,
  RECONCILE_DEFAULTS,
} from "../../core/trading/mod.ts";
import { within } from "../broker/kis/_e2e.ts";
import { armBeforeOrders, startJournal } from "./_journal.ts";

const symbol = parseSymbolCode("005930");

/** Writes an intent as `placeOrder` does, but stops there: the process "died" before the call. */
async function writeIntentOnly(
  store: Store,
  accountId: string,
  key: string,
  request: OrderRequest,
): Promise<JournalOrder> {
  const now = store.now();
  const order = {
    id: store.nextId(),
    accountId,
    idempotencyKey: key,
    request,
    createdAt: now,
    updatedAt: now,
    replaces: null,
    status: "intent" as const,
  };
  const amount = request.type === "limit" ? request.price * request.quantity : 0;
  const written = await new OrderRepository(store, accountId)
    .createIntent(order, seoulDate(now), amount, []);
  assert.ok(written);
  return order;
}

Deno.test("reconciliation resolves an intent whose broker call succeeded but was never recorded", async (t) => {
  await using rig = await startJournal();
  const { e2e, store, journal } = rig;
  const request: OrderRequest = { type: "market", side: "buy", symbol, quantity: 4 };
  const intent = await writeIntentOnly(store, rig.accountId, "crash-after-send", request);
  // the call reached KIS; the process died before writing the acknowledgement
  const ack = await e2e.broker.placeOrder(request);

  await t.step("the intent is matched to KIS's order and takes its state and fills", async () => {
    const report = await journal.reconcile();
    assert.deepEqual(report.matched, [intent.id]);
    const order = await journal.get(intent.id);
    assert.ok(order && "ref" in order, JSON.stringify(order));
    assert.equal(order.ref.orderNo, ack.orderNo);
    assert.equal(order.ref.branchNo, ack.branchNo);
    const simOrder = e2e.sim.market.orders().find((o) => o.odno === ack.orderNo)!;
    assert.equal(simOrder.remaining, 0, "a market buy fills at once in the continuous session");
    assert.deepEqual(
      order.status === "filled" ? [order.filledQuantity, order.filledAmount] : order.status,
      [simOrder.filledQty, simOrder.filledAmount],
    );
  });
  await t.step("retrying the key afterwards sends nothing", async () => {
    const again = await journal.placeOrder({ idempotencyKey: "crash-after-send", order: request });
    assert.equal(again.id, intent.id);
    assert.equal(e2e.sim.market.orders().length, 1);
  });
  await t.step("the match is audited", async () => {
    const actions = (await store.audit.list({ limit: 1000 })).items
      .filter((e) => e.subject === intent.id).map((e) => e.action);
    assert.equal(actions[0], "intent");
    assert.ok(actions.length >= 2);
  });
});

Deno.test("reconciliation resolves an intent whose broker call never happened", async (t) => {
  await using rig = await startJournal();
  const { e2e, store, journal } = rig;
  const price = e2e.sim.market.price(symbol);
  const request: OrderRequest = { type: "limit", side: "buy", symbol, quantity: 1, price };
  const intent = await writeIntentOnly(store, rig.accountId, "crash-before-send", request);

  await t.step(
    "within the horizon it stays an intent (KIS may list today's orders late)",
    async () => {
      const report = await journal.reconcile();
      assert.deepEqual(report.pending, [intent.id]);
      assert.equal((await journal.get(intent.id))?.status, "intent");
      const retry = await journal.placeOrder({
        idempotencyKey: "crash-before-send",
        order: request,
      });
      assert.equal(retry.id, intent.id, "the key still returns the intent");
      assert.equal(e2e.sim.market.orders().length, 0);
    },
  );
  await t.step(
    "after the horizon it is not sent; then, and only then, the key places again",
    async () => {
      rig.shift(RECONCILE_DEFAULTS.horizonMs);
      const report = await journal.reconcile();
      assert.deepEqual(report.notSent, [intent.id]);
      const placed = await journal.placeOrder({
        idempotencyKey: "crash-before-send",
        order: request,
      });
      assert.equal(placed.replaces, intent.id);
      assert.equal(e2e.sim.market.orders().length, 1);
    },
  );
});

Deno.test("reconciliation gives one broker order to one intent only", async () => {
  await using rig = await startJournal();
  const { e2e, store, journal } = rig;
  const request: OrderRequest = { type: "market", side: "buy", symbol, quantity: 2 };
  const first = await writeIntentOnly(store, rig.accountId, "twin-1", request);
  const second = await writeIntentOnly(store, rig.accountId, "twin-2", request);
  await e2e.broker.placeOrder(request);
  const report = await journal.reconcile();
  assert.deepEqual(report.matched, [first.id], "the earliest intent takes it");
  assert.deepEqual(report.pending, [second.id]);
  rig.shift(RECONCILE_DEFAULTS.horizonMs);
  assert.deepEqual((await journal.reconcile()).notSent, [second.id]);
});

Deno.test("reconciliation follows placed orders to their fills and cancels", async (t) => {
  await using rig = await startJournal();
  const { e2e, journal } = rig;
  const quote = await e2e.broker.getQuote(symbol);
  const resting = await journal.placeOrder({
    idempotencyKey: "rest",
    order: {
      type: "limit",
      side: "buy",
      symbol,
      quantity: 1,
      price: quote.price - 2 * quote.tickSize,
    },
  });
  const crossing = await journal.placeOrder({
    idempotencyKey: "cross",
    order: { type: "market", side: "buy", symbol, quantity: 1 },
  });
  assert.ok("ref" in resting && "ref" in crossing);
  assert.equal(crossing.status, "submitted", "the acknowledgement carries no fills");

  await t.step("the market order takes KIS's fills; the resting one stays submitted", async () => {
    const report = await journal.reconcile();
    assert.deepEqual(report.updated, [crossing.id]);
    const simOrder = e2e.sim.market.orders().find((o) => o.odno === crossing.ref.orderNo)!;
    const filled = await journal.get(crossing.id);
    assert.deepEqual(
      filled && "filledQuantity" in filled
        ? [filled.status, filled.filledQuantity, filled.filledAmount]
        : null,
      ["filled", simOrder.filledQty, simOrder.filledAmount],
    );
    assert.equal((await journal.get(resting.id))?.status, "submitted");
  });
  await t.step("a cancel made at the broker shows as cancelled with no fills", async () => {
    await e2e.broker.cancelOrder(resting.ref);
    const report = await journal.reconcile();
    assert.deepEqual(report.updated, [resting.id]);
    const cancelled = await journal.get(resting.id);
    assert.equal(cancelled?.status, "cancelled");
    assert.ok(cancelled && "filledQuantity" in cancelled && cancelled.filledQuantity === 0);
    assert.deepEqual(await journal.openOrders(), []);
  });
});

Deno.test("the matching rule: same fields, a new order, inside the time window", async (t) => {
  const createdAt = Date.parse("2026-11-27T00:30:00.400Z"); // 09:30:00.400 KST
  const intent: JournalOrder = {
    id: "o1",
    accountId: "a",
    idempotencyKey: "k",
    request: { type: "limit", side: "buy", symbol, quantity: 5, price: 70_000 },
    createdAt,
    updatedAt: createdAt,
    replaces: null,
    status: "intent",
  };
  const record: OrderRecord = {
    orderNo: "0000000007",
    branchNo: "00950",
    route: "KRX",
    date: parseIsoDate("2026-11-27"),
    time: "09:30:01",
    originalOrderNo: "",
    symbol,
    name: "삼성전자",
    side: "buy",
    type: "limit",
    quantity: 5,
    price: 70_000,
    filledQuantity: 0,
    filledAmount: 0,
    averageFillPrice: 0,
    state: { status: "open", remainingQuantity: 5 },
  };
  const match = (r: Partial<OrderRecord>) =>
    matchesIntent(intent, { ...record, ...r }, "KRX", RECONCILE_DEFAULTS);
  await t.step("the same order a second later matches", () => assert.equal(match({}), true));
  await t.step("the same second as the intent (KIS times have no milliseconds)", () => {
    assert.equal(match({ time: "09:30:00" }), true);
  });
  await t.step("any differing field does not", () => {
    assert.equal(match({ symbol: parseSymbolCode("000660") }), false);
    assert.equal(match({ side: "sell" }), false);
    assert.equal(match({ quantity: 6 }), false);
    assert.equal(match({ price: 70_100 }), false);
    assert.equal(match({ type: "market", price: 0 }), false);
    assert.equal(match({ route: "NXT" }), false);
  });
  await t.step("a revision or cancel row does not", () => {
    assert.equal(match({ originalOrderNo: "0000000003" }), false);
  });
  await t.step("outside the window does not", () => {
    assert.equal(match({ time: "09:29:50" }), false, "well before the intent");
    assert.equal(match({ time: "09:35:01" }), false, "after the horizon");
    assert.equal(match({ date: parseIsoDate("2026-11-26") }), false);
  });
});

Deno.test("an acknowledgement arriving after the horizon is kept as evidence, not applied", async () => {
  await using rig = await startJournal();
  const { e2e, journal } = rig;
  const slowOrders = rig.journalOn(
    rig.store,
    armBeforeOrders(e2e.broker, () => e2e.sim.faults.inject({ kind: "slow", ms: 2_000, count: 1 })),
  );
  const request: OrderRequest = { type: "market", side: "buy", symbol, quantity: 1 };
  await e2e.broker.getQuote(symbol); // the token is issued before counting requests
  const before = e2e.sim.stats.requests;
  const placing = slowOrders.placeOrder({ idempotencyKey: "slow", order: request });
  // the risk checks read quote, balance and buyable cash; the fourth request is the order, which
  // then waits at the gateway while KIS has no order yet
  await within(
    (async () => {
      while (e2e.sim.stats.requests < before + 4) {
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })(),
    "the order request",
  );
  const intent = await journal.byIdempotencyKey("slow");
  assert.ok(intent);
  rig.shift(RECONCILE_DEFAULTS.horizonMs);
  assert.deepEqual((await journal.reconcile()).notSent, [intent.id]);
  const after = await placing;
  assert.equal(after.status, "not_sent", "the final state stays");
  assert.equal(e2e.sim.market.orders().length, 1, "but KIS did take the order");
  const late = (await rig.store.audit.list({ limit: 1000 })).items
    .filter((e) => e.subject === intent.id && e.action === "late_ack");
  assert.equal(late.length, 1);
  assert.ok(
    rig.lines.some((l) => l.level === "error" && /already resolved not sent/.test(l.message)),
  );
});
