import assert from "node:assert/strict";
import { saveRiskLimits, setKillSwitch } from "@/core/trading/mod.ts";
import { expectError, expectJson, fieldsOf, sendJson } from "./_api.ts";
import { startTrading } from "./_trading.ts";

const BUY = { symbol: "005930", side: "buy", quantity: 3, type: "market" } as const;

Deno.test("POST /orders places once per Idempotency-Key: 201, then 200 with the same order", async (t) => {
  await using rig = await startTrading();
  const app = rig.app("trader");
  const key = { "Idempotency-Key": "web-0001" };

  await t.step("the first request places one order at the broker", async () => {
    const first = await expectJson<{ order: { id: string; status: string } }>(
      await sendJson(app, "POST", "/api/v1/orders", BUY, key),
      201,
    );
    assert.equal(first.order.status, "submitted");
    const again = await expectJson<{ order: { id: string } }>(
      await sendJson(app, "POST", "/api/v1/orders", BUY, key),
      200,
    );
    assert.equal(again.order.id, first.order.id);
    const ledger = rig.e2e.sim.market.orders().filter((o) => o.action === "new");
    assert.equal(ledger.length, 1, "one order at the simulator");
  });

  await t.step("the same key with another body is 422 and sends nothing", async () => {
    const error = await expectError(
      await sendJson(app, "POST", "/api/v1/orders", { ...BUY, quantity: 4 }, key),
      422,
    );
    assert.equal(error.code, "idempotency_key_reused");
    assert.equal(rig.e2e.sim.market.orders().length, 1);
  });

  await t.step("GET /orders and /orders/{id} read it back", async () => {
    const list = await expectJson<{ items: { id: string }[]; nextCursor: null }>(
      await app.request("/api/v1/orders?symbol=005930&status=submitted"),
      200,
    );
    assert.equal(list.items.length, 1);
    const one = await expectJson<{ order: { idempotencyKey: string } }>(
      await app.request(`/api/v1/orders/${list.items[0]!.id}`),
      200,
    );
    assert.equal(one.order.idempotencyKey, "web-0001");
    await expectError(await app.request("/api/v1/orders/nope"), 404);
  });
});

Deno.test("POST /orders without an Idempotency-Key is 400 naming the header, nothing written", async () => {
  await using rig = await startTrading();
  const error = await expectError(
    await sendJson(rig.app("trader"), "POST", "/api/v1/orders", BUY),
    400,
  );
  assert.deepEqual(fieldsOf(error), ["header.idempotency-key"]);
  assert.equal(rig.e2e.sim.market.orders().length, 0);
  assert.equal((await rig.store.audit.list()).items.some((e) => e.kind === "order"), false);
});

Deno.test("POST /orders refusals answer typed codes and reach no broker", async (t) => {
  await using rig = await startTrading();
  const app = rig.app("trader");
  const place = (body: unknown, key: string) =>
    sendJson(app, "POST", "/api/v1/orders", body, { "Idempotency-Key": key });

  await t.step("a viewer may not place orders", async () => {
    await expectError(await sendJson(rig.app("viewer"), "POST", "/api/v1/orders", BUY), 403);
  });
  await t.step("a limit order without a price is 400 naming price", async () => {
    const error = await expectError(await place({ ...BUY, type: "limit" }, "k-price"), 400);
    assert.deepEqual(fieldsOf(error), ["body.price"]);
  });
  await t.step("an unknown account is 404", async () => {
    const error = await expectError(
      await place({ ...BUY, accountId: "99999999-01" }, "k-acct"),
      404,
    );
    assert.equal(error.code, "account_not_found");
  });
  await t.step("an off-tick price is 422 invalid_price", async () => {
    const { price } = await rig.e2e.broker.getQuote("005930" as never);
    const error = await expectError(
      await place({ ...BUY, type: "limit", price: price + 1 }, "k-tick"),
      422,
    );
    assert.equal(error.code, "invalid_price");
    assert.ok(fieldsOf(error).includes("risk.off_tick"));
  });
  await t.step("an order over the per-order limit is 422 risk_limit", async () => {
    await saveRiskLimits(rig.store, {
      maxOrderKrw: 1_000,
      maxDailyKrw: 1_000_000,
      maxPositionWeightBps: 10_000,
      maxOpenOrders: 10,
    }, "test");
    const error = await expectError(await place(BUY, "k-limit"), 422);
    assert.equal(error.code, "risk_limit");
    assert.ok(fieldsOf(error).includes("risk.order_amount"));
  });
  await t.step("the kill switch is 409 kill_switch", async () => {
    await setKillSwitch(rig.store, { on: true, reason: "test", by: "test" });
    const error = await expectError(await place(BUY, "k-kill"), 409);
    assert.equal(error.code, "kill_switch");
  });
  assert.equal(rig.e2e.sim.market.orders().length, 0, "nothing reached the simulator");
});

Deno.test("POST /orders outside the session is 409 market_closed", async () => {
  await using rig = await startTrading({
    clock: { mode: "manual", start: new Date("2026-11-27T08:00:00Z") },
  });
  const error = await expectError(
    await sendJson(rig.app("trader"), "POST", "/api/v1/orders", BUY, { "Idempotency-Key": "k" }),
    409,
  );
  assert.equal(error.code, "market_closed");
});

Deno.test("the order routes answer 503 without a store", async () => {
  await using rig = await startTrading();
  const error = await expectError(
    await rig.app("viewer", { store: undefined }).request("/api/v1/orders"),
    503,
  );
  assert.equal(error.code, "store_unavailable");
});

Deno.test("GET /orders filters by symbol and KST date and pages with a cursor", async () => {
  await using rig = await startTrading();
  const trader = rig.app("trader");
  for (const [n, symbol] of ["005930", "000660", "005930", "000660"].entries()) {
    await expectJson(
      await sendJson(trader, "POST", "/api/v1/orders", { ...BUY, symbol, quantity: n + 1 }, {
        "Idempotency-Key": `k-${n}`,
      }),
      201,
    );
  }
  const viewer = rig.app("viewer");
  type Page = { items: { request: { symbol: string; quantity: number } }[]; nextCursor: string };
  const first = await expectJson<Page>(
    await viewer.request("/api/v1/orders?symbol=000660&limit=1"),
    200,
  );
  assert.deepEqual(first.items.map((o) => o.request.quantity), [2]);
  const rest = await expectJson<Page>(
    await viewer.request(
      `/api/v1/orders?symbol=000660&limit=1&cursor=${encodeURIComponent(first.nextCursor)}`,
    ),
    200,
  );
  assert.deepEqual(rest.items.map((o) => o.request.quantity), [4]);
  // the simulator's day is 2026-11-27 KST
  const today = await expectJson<Page>(
    await viewer.request("/api/v1/orders?from=2026-11-27&to=2026-11-27"),
    200,
  );
  assert.equal(today.items.length, 4);
  const tomorrow = await expectJson<Page>(
    await viewer.request("/api/v1/orders?from=2026-11-28"),
    200,
  );
  assert.deepEqual(tomorrow.items, []);
});

Deno.test("five simultaneous POSTs with one Idempotency-Key place one order", async () => {
  await using rig = await startTrading();
  const app = rig.app("trader");
  const answers = await Promise.all(
    Array.from(
      { length: 5 },
      () => sendJson(app, "POST", "/api/v1/orders", BUY, { "Idempotency-Key": "same" }),
    ),
  );
  const ids = new Set<string>();
  for (const res of answers) {
    const body = await res.json();
    assert.ok(res.status === 201 || res.status === 200, JSON.stringify(body));
    ids.add(body.order.id);
  }
  assert.equal(ids.size, 1, "every answer names the same order");
  assert.equal(rig.e2e.sim.market.orders().length, 1, "one order at the simulator");
});

Deno.test("the kill switch turned on through the API stops the next order", async () => {
  await using rig = await startTrading();
  const app = rig.app("trader");
  await expectJson(
    await sendJson(app, "PUT", "/api/v1/kill-switch", { on: true, reason: "stop" }),
    200,
  );
  const error = await expectError(
    await sendJson(app, "POST", "/api/v1/orders", BUY, { "Idempotency-Key": "after-kill" }),
    409,
  );
  assert.equal(error.code, "kill_switch");
  await expectJson(
    await sendJson(app, "PUT", "/api/v1/kill-switch", { on: false, reason: "go" }),
    200,
  );
  await expectJson(
    await sendJson(app, "POST", "/api/v1/orders", BUY, { "Idempotency-Key": "after-kill" }),
    201,
  );
  assert.equal(rig.e2e.sim.market.orders().length, 1);
});
