import assert from "node:assert/strict";
import type { Broker } from "@/core/broker/mod.ts";
import { expectError, expectJson, sendJson } from "./_api.ts";
import { startTrading, type TradingRig } from "./_trading.ts";

type Amendment = { id: string; orderId: string; status: string; request: { kind: string } };

/** Places a limit buy at the day's lower limit through the API: it rests at the simulator. */
async function placeResting(rig: TradingRig, key: string, quantity = 3) {
  const { lower } = rig.e2e.sim.market.quote("005930");
  const body = { symbol: "005930", side: "buy", quantity, type: "limit", price: lower };
  const { order } = await expectJson<{ order: { id: string; status: string } }>(
    await sendJson(rig.app("trader"), "POST", "/api/v1/orders", body, { "Idempotency-Key": key }),
    201,
  );
  assert.equal(order.status, "submitted");
  return { id: order.id, price: lower };
}

Deno.test("POST /orders/{id}/cancel cancels a resting order once even when sent twice", async (t) => {
  await using rig = await startTrading();
  const app = rig.app("trader");
  const cashBefore = rig.e2e.sim.market.account().orderableCash;
  const order = await placeResting(rig, "rest-1");
  assert.ok(rig.e2e.sim.market.account().orderableCash < cashBefore, "the buy reserves cash");
  const key = { "Idempotency-Key": "cancel-1" };
  const cancel = (body: unknown = {}) =>
    sendJson(app, "POST", `/api/v1/orders/${order.id}/cancel`, body, key);

  await t.step("the first request answers 201 with the accepted cancel", async () => {
    const { amendment } = await expectJson<{ amendment: Amendment }>(await cancel(), 201);
    assert.equal(amendment.status, "accepted");
    assert.equal(amendment.orderId, order.id);
    const again = await expectJson<{ amendment: Amendment }>(await cancel(), 200);
    assert.equal(again.amendment.id, amendment.id);
  });
  await t.step("the simulator shows one cancel and the reservation released", () => {
    const rows = rig.e2e.sim.market.orders();
    assert.deepEqual(rows.map((r) => r.action), ["new", "cancel"]);
    assert.equal(rows[0]!.remaining, 0);
    assert.equal(rig.e2e.sim.market.account().orderableCash, cashBefore);
  });
  await t.step("the order reads back cancelled", async () => {
    const { order: after } = await expectJson<{ order: { status: string } }>(
      await app.request(`/api/v1/orders/${order.id}`),
      200,
    );
    assert.equal(after.status, "cancelled");
  });
  await t.step("the same key with another body is 422 and sends nothing", async () => {
    const error = await expectError(await cancel({ quantity: 1 }), 422);
    assert.equal(error.code, "idempotency_key_reused");
    assert.equal(rig.e2e.sim.market.orders().length, 2);
  });
  await t.step("a cancelled order cannot be cancelled again: 409 order_not_amendable", async () => {
    const error = await expectError(
      await sendJson(app, "POST", `/api/v1/orders/${order.id}/cancel`, {}, {
        "Idempotency-Key": "cancel-2",
      }),
      409,
    );
    assert.equal(error.code, "order_not_amendable");
    assert.equal(rig.e2e.sim.market.orders().length, 2);
  });
  await t.step("the audit entries name the user who placed and cancelled", async () => {
    const entries = (await rig.store.audit.list({ limit: 1000 })).items
      .filter((e) =>
        e.subject === order.id && (e.action === "intent" || e.action === "cancel_requested")
      );
    assert.deepEqual(entries.map((e) => [e.action, e.data.by]), [
      ["intent", "trader-kim"],
      ["cancel_requested", "trader-kim"],
    ]);
  });
});

Deno.test("two simultaneous cancels with one key send one cancel", async () => {
  await using rig = await startTrading();
  const app = rig.app("trader");
  const order = await placeResting(rig, "rest-2");
  const answers = await Promise.all(
    [1, 2].map(() =>
      sendJson(app, "POST", `/api/v1/orders/${order.id}/cancel`, {}, { "Idempotency-Key": "c" })
    ),
  );
  const ids = new Set<string>();
  for (const res of answers) {
    const body = await res.json();
    assert.ok([200, 201, 202].includes(res.status), JSON.stringify(body));
    ids.add(body.amendment.id);
  }
  assert.equal(ids.size, 1);
  assert.deepEqual(rig.e2e.sim.market.orders().map((r) => r.action), ["new", "cancel"]);
});

Deno.test("POST /orders/{id}/cancel without a body cancels too", async () => {
  await using rig = await startTrading();
  const order = await placeResting(rig, "rest-3");
  const res = await rig.app("trader").request(`/api/v1/orders/${order.id}/cancel`, {
    method: "POST",
    headers: { "Idempotency-Key": "bare" },
  });
  const { amendment } = await expectJson<{ amendment: Amendment }>(res, 201);
  assert.equal(amendment.status, "accepted");
});

Deno.test("POST /orders/{id}/revise moves the price once per key, naming the user", async (t) => {
  await using rig = await startTrading();
  const app = rig.app("trader");
  const order = await placeResting(rig, "rest-4");
  // 005930's lower limit is between 50,000 and 200,000 KRW, where the tick is 100
  const higher = order.price + 100;
  const revise = (body: unknown, key = "revise-1") =>
    sendJson(app, "POST", `/api/v1/orders/${order.id}/revise`, body, { "Idempotency-Key": key });

  await t.step("an empty body is 400 and sends nothing", async () => {
    await expectError(await revise({}), 400);
    assert.equal(rig.e2e.sim.market.orders().length, 1);
  });
  await t.step("the first request is 201, a retry 200 with the same revision", async () => {
    const body = { price: higher };
    const { amendment } = await expectJson<{ amendment: Amendment }>(await revise(body), 201);
    assert.equal(amendment.status, "accepted");
    const again = await expectJson<{ amendment: Amendment }>(await revise(body), 200);
    assert.equal(again.amendment.id, amendment.id);
    const rows = rig.e2e.sim.market.orders();
    assert.deepEqual(rows.map((r) => r.action), ["new", "revise"]);
    assert.equal(rows[1]!.price, higher);
  });
  await t.step("the revision's audit entry names the user", async () => {
    const entry = (await rig.store.audit.list({ limit: 1000 })).items
      .find((e) => e.subject === order.id && e.action === "revise_requested");
    assert.equal(entry?.data.by, "trader-kim");
  });
  await t.step("an unknown order is 404, a viewer 403", async () => {
    await expectError(
      await sendJson(app, "POST", "/api/v1/orders/nope/revise", { quantity: 1 }, {
        "Idempotency-Key": "r-404",
      }),
      404,
    );
    await expectError(
      await sendJson(rig.app("viewer"), "POST", `/api/v1/orders/${order.id}/revise`, {
        quantity: 1,
      }, { "Idempotency-Key": "r-403" }),
      403,
    );
    assert.equal(rig.e2e.sim.market.orders().length, 2);
  });
});

/** The real broker, arming a simulator HTTP 500 just before each cancel it sends. */
function failingCancels(rig: TradingRig): Broker {
  const broker = rig.e2e.broker;
  return new Proxy(broker, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      if (typeof value !== "function") return value;
      if (property !== "cancelOrder") return value.bind(target);
      return (...args: unknown[]) => {
        rig.e2e.sim.faults.inject({ kind: "http500" });
        return value.apply(target, args);
      };
    },
  });
}

Deno.test("a cancel whose answer was lost is 202, and its replay reconciles before answering", async (t) => {
  await using rig = await startTrading();
  const order = await placeResting(rig, "rest-5");
  const cancel = (app: ReturnType<TradingRig["app"]>) =>
    sendJson(app, "POST", `/api/v1/orders/${order.id}/cancel`, {}, { "Idempotency-Key": "lost" });
  let first: Amendment;
  await t.step("the broker failed: 202 with the cancel unknown", async () => {
    const failing = rig.app("trader", { broker: failingCancels(rig) });
    first = (await expectJson<{ amendment: Amendment }>(await cancel(failing), 202)).amendment;
    assert.equal(first.status, "unknown");
  });
  await t.step("within the horizon a replay answers 200, still unsettled", async () => {
    const { amendment } = await expectJson<{ amendment: Amendment }>(
      await cancel(rig.app("trader")),
      200,
    );
    assert.equal(amendment.id, first.id);
    assert.equal(amendment.status, "unknown");
    assert.deepEqual(rig.e2e.sim.market.orders().map((r) => r.action), ["new"]);
  });
  await t.step("past the horizon the replay finds nothing at KIS and cancels: 201", async () => {
    const past = rig.app("trader", { reconcile: { horizonMs: 0 } });
    const { amendment } = await expectJson<{ amendment: Amendment & { replaces: string } }>(
      await cancel(past),
      201,
    );
    assert.equal(amendment.status, "accepted");
    assert.equal(amendment.replaces, first.id);
    assert.deepEqual(rig.e2e.sim.market.orders().map((r) => r.action), ["new", "cancel"]);
  });
});
