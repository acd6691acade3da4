import assert from "node:assert/strict";
import { saveRiskLimits } from "@/core/trading/mod.ts";
import { expectError, expectJson, fieldsOf, sendJson } from "./_api.ts";
import { startTrading } from "./_trading.ts";

const TARGETS = {
  targets: [{ symbol: "005930", weight: 0.3 }, { symbol: "000660", weight: 0.2 }],
  orderType: "market",
};

type Targets = { targets: { config: { targets: unknown[] }; by: string }; version: string };
type Run = {
  id: string;
  result: string;
  orders: { idempotencyKey: string; outcome: { kind: string; orderId?: string } }[];
};

Deno.test("rebalancing targets: versioned with If-Match, validated, traders write", async (t) => {
  await using rig = await startTrading();
  const trader = rig.app("trader");
  const path = "/api/v1/rebalancing/targets";

  await t.step("none saved yet is 404; a viewer may not write them", async () => {
    await expectError(await rig.app("viewer").request(path), 404);
    await expectError(await sendJson(rig.app("viewer"), "PUT", path, TARGETS), 403);
  });
  await t.step("weights over 100 % are 400 naming targets, and nothing is written", async () => {
    const error = await expectError(
      await sendJson(trader, "PUT", path, {
        targets: [{ symbol: "005930", weight: 0.7 }, { symbol: "000660", weight: 0.6 }],
      }),
      400,
    );
    assert.deepEqual(fieldsOf(error), ["body.targets"]);
    assert.match(error.details![0]!.message, /add up to 1\.3/);
    await expectError(await trader.request(path), 404);
  });
  await t.step("a save answers the targets with their version as ETag", async () => {
    const res = await sendJson(trader, "PUT", path, TARGETS);
    const saved = await expectJson<Targets>(res, 200);
    assert.equal(res.headers.get("etag"), `"${saved.version}"`);
    assert.equal(saved.targets.by, "trader-kim");
    assert.equal(saved.targets.config.targets.length, 2);
    const read = await expectJson<Targets>(await rig.app("viewer").request(path), 200);
    assert.equal(read.version, saved.version);
  });
  await t.step("a stale If-Match is 409 version_conflict and changes nothing", async () => {
    const { version } = await expectJson<Targets>(await trader.request(path), 200);
    await expectJson(
      await sendJson(trader, "PUT", path, { ...TARGETS, minTradeKrw: 1000 }, {
        "If-Match": `"${version}"`,
      }),
      200,
    );
    const error = await expectError(
      await sendJson(trader, "PUT", path, { targets: [] }, { "If-Match": `"${version}"` }),
      409,
    );
    assert.equal(error.code, "version_conflict");
    const after = await expectJson<Targets>(await trader.request(path), 200);
    assert.equal(after.targets.config.targets.length, 2);
  });
});

Deno.test("rebalancing: preview plans, a run executes once per key and is listed with its orders", async (t) => {
  await using rig = await startTrading();
  await saveRiskLimits(rig.store, {
    maxOrderKrw: 50_000_000,
    maxDailyKrw: 500_000_000,
    maxPositionWeightBps: 10_000,
    maxOpenOrders: 100,
  }, "test");
  const trader = rig.app("trader");
  const viewer = rig.app("viewer");
  const run = (key: string) =>
    sendJson(trader, "POST", "/api/v1/rebalancing/runs", {}, { "Idempotency-Key": key });

  await t.step("without targets, preview and runs are 409 no_targets", async () => {
    const error = await expectError(
      await sendJson(viewer, "POST", "/api/v1/rebalancing/preview", {}),
      409,
    );
    assert.equal(error.code, "no_targets");
    assert.equal((await expectError(await run("early"), 409)).code, "no_targets");
  });
  await sendJson(trader, "PUT", "/api/v1/rebalancing/targets", TARGETS);

  await t.step("a viewer's preview plans two buys and places nothing", async () => {
    const { preview } = await expectJson<{ preview: { plan: { orders: { symbol: string }[] } } }>(
      await sendJson(viewer, "POST", "/api/v1/rebalancing/preview", {}),
      200,
    );
    assert.deepEqual(preview.plan.orders.map((o) => o.symbol).sort(), ["000660", "005930"]);
    assert.equal(rig.e2e.sim.market.orders().length, 0);
  });
  await t.step("a viewer may not execute; the key must be a plain id", async () => {
    await expectError(
      await sendJson(viewer, "POST", "/api/v1/rebalancing/runs", {}, { "Idempotency-Key": "v" }),
      403,
    );
    await expectError(await run("has space"), 400);
    assert.equal(rig.e2e.sim.market.orders().length, 0);
  });
  let first: Run;
  await t.step("executing twice with one key places one set of orders", async () => {
    first = (await expectJson<{ run: Run }>(await run("rb-1"), 201)).run;
    assert.equal(first.id, "rb-1");
    assert.equal(first.result, "completed");
    const again = (await expectJson<{ run: Run }>(await run("rb-1"), 200)).run;
    assert.deepEqual(again, first);
    assert.equal(rig.e2e.sim.market.orders().length, 2, "two orders at the simulator");
  });
  await t.step("runs list newest first with their orders, and read back one by one", async () => {
    const list = await expectJson<{ items: Run[]; nextCursor: null }>(
      await viewer.request("/api/v1/rebalancing/runs"),
      200,
    );
    assert.deepEqual(list.items.map((r) => r.id), ["rb-1"]);
    const orderIds = list.items[0]!.orders.map((o) => o.outcome.orderId);
    for (const id of orderIds) {
      await expectJson(await viewer.request(`/api/v1/orders/${id}`), 200);
    }
    const one = await expectJson<{ run: Run }>(
      await viewer.request("/api/v1/rebalancing/runs/rb-1"),
      200,
    );
    assert.deepEqual(one.run, first);
    await expectError(await viewer.request("/api/v1/rebalancing/runs/nope"), 404);
  });
});
