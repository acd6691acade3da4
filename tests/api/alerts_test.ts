import assert from "node:assert/strict";
import { AlertRepository } from "@/core/alerts/repository.ts";
import { parseSymbolCode } from "@/core/krx/mod.ts";
import { expectError, expectJson, fieldsOf, sendJson } from "./_api.ts";
import { startTrading } from "./_trading.ts";

interface Versioned {
  alert: { id: string; state: { status: string }; rule: Record<string, unknown> };
  version: string;
}

const STOP = { symbol: "005930", rule: { kind: "price_below", price: 50_000 } };

Deno.test("alerts: create, read, change under If-Match, disable, enable, delete", async (t) => {
  await using rig = await startTrading();
  const app = rig.app("trader");
  let created!: Versioned;

  await t.step("POST creates an active alert with a version and an ETag", async () => {
    const res = await sendJson(app, "POST", "/api/v1/alerts", STOP);
    created = await expectJson<Versioned>(res, 201);
    assert.equal(created.alert.state.status, "active");
    assert.equal(res.headers.get("etag"), `"${created.version}"`);
    const read = await expectJson<Versioned>(
      await app.request(`/api/v1/alerts/${created.alert.id}`),
      200,
    );
    assert.deepEqual(read, created);
  });

  await t.step("PATCH with the version read applies; with a stale one is 409", async () => {
    const path = `/api/v1/alerts/${created.alert.id}`;
    const rule = { kind: "price_below", price: 48_000 };
    const changed = await expectJson<Versioned>(
      await sendJson(app, "PATCH", path, { rule }, { "If-Match": `"${created.version}"` }),
      200,
    );
    assert.equal(changed.alert.rule.price, 48_000);
    assert.notEqual(changed.version, created.version);
    const error = await expectError(
      await sendJson(app, "PATCH", path, { rule: { kind: "price_below", price: 1 } }, {
        "If-Match": `"${created.version}"`,
      }),
      409,
    );
    assert.equal(error.code, "version_conflict");
    const after = await expectJson<Versioned>(await app.request(path), 200);
    assert.equal(after.alert.rule.price, 48_000, "the stale write changed nothing");
    created = after;
  });

  await t.step("disable and enable move its state", async () => {
    const id = created.alert.id;
    const off = await expectJson<Versioned>(
      await app.request(`/api/v1/alerts/${id}/disable`, { method: "POST" }),
      200,
    );
    assert.equal(off.alert.state.status, "disabled");
    const on = await expectJson<Versioned>(
      await app.request(`/api/v1/alerts/${id}/enable`, {
        method: "POST",
        headers: { "If-Match": off.version },
      }),
      200,
    );
    assert.equal(on.alert.state.status, "active");
  });

  await t.step("GET /alerts pages the account's alerts", async () => {
    await sendJson(app, "POST", "/api/v1/alerts", { ...STOP, symbol: "000660" });
    const first = await expectJson<{ items: unknown[]; nextCursor: string | null }>(
      await app.request("/api/v1/alerts?limit=1"),
      200,
    );
    assert.equal(first.items.length, 1);
    assert.ok(first.nextCursor);
    const second = await expectJson<{ items: unknown[]; nextCursor: string | null }>(
      await app.request(`/api/v1/alerts?limit=1&cursor=${encodeURIComponent(first.nextCursor)}`),
      200,
    );
    assert.equal(second.items.length, 1);
    assert.equal(second.nextCursor, null);
  });

  await t.step("DELETE removes it and audits the trader's change", async () => {
    const path = `/api/v1/alerts/${created.alert.id}`;
    await expectJson(await app.request(path, { method: "DELETE" }), 200);
    await expectError(await app.request(path), 404);
    const actions = (await rig.store.audit.list()).items
      .filter((e) => e.kind === "alert" && e.subject === created.alert.id)
      .map((e) => e.action);
    assert.deepEqual(actions, ["created", "updated", "disabled", "enabled", "deleted"]);
  });
});

Deno.test("alerts: bad input is 400/422 naming the field and writes nothing", async () => {
  await using rig = await startTrading();
  const app = rig.app("trader");
  const bad = await expectError(
    await sendJson(app, "POST", "/api/v1/alerts", { ...STOP, rule: { kind: "price_below" } }),
    400,
  );
  assert.deepEqual(fieldsOf(bad), ["body.rule.price"]);
  // a percentage from the average cost of a symbol the account does not hold cannot resolve
  const unresolved = await expectError(
    await sendJson(app, "POST", "/api/v1/alerts", {
      symbol: "000660",
      rule: { kind: "stop_loss", trigger: { basis: "average_cost", percent: 5 } },
    }),
    422,
  );
  assert.equal(unresolved.code, "alert_invalid");
  assert.deepEqual(fieldsOf(unresolved), ["body.rule.trigger.percent"]);
  await expectError(await sendJson(rig.app("viewer"), "POST", "/api/v1/alerts", STOP), 403);
  const page = await expectJson<{ items: unknown[] }>(await app.request("/api/v1/alerts"), 200);
  assert.deepEqual(page.items, []);
});

Deno.test("alerts: a percentage stop resolves against the held average cost", async () => {
  await using rig = await startTrading();
  const symbol = parseSymbolCode("005930");
  await rig.e2e.broker.placeOrder({ type: "market", side: "buy", symbol, quantity: 5 });
  const holding = (await rig.e2e.broker.getBalance()).holdings.find((h) => h.symbol === symbol)!;
  const created = await expectJson<Versioned>(
    await sendJson(rig.app("trader"), "POST", "/api/v1/alerts", {
      symbol: "005930",
      rule: { kind: "stop_loss", trigger: { basis: "average_cost", percent: 10 } },
    }),
    201,
  );
  assert.equal(created.alert.rule.triggerPrice, Math.floor(holding.averagePrice * 0.9));
});

Deno.test("GET /alerts/history lists the triggers of the account", async () => {
  await using rig = await startTrading();
  const app = rig.app("trader");
  const { alert } = await expectJson<Versioned>(
    await sendJson(app, "POST", "/api/v1/alerts", STOP),
    201,
  );
  const alerts = new AlertRepository(rig.store);
  const stored = (await alerts.get(rig.accountId, alert.id))!;
  const fired = { ...stored.alert, state: { status: "triggered" as const, price: 49_900, at: 5 } };
  const record = await alerts.trigger(
    { alert: fired, price: 49_900, level: 50_000, direction: "down", at: 5 },
    stored.alert.updatedAt,
  );
  assert.ok(record);
  const history = await expectJson<{ items: { alertId: string; price: number }[] }>(
    await app.request("/api/v1/alerts/history"),
    200,
  );
  assert.deepEqual(history.items.map((r) => [r.alertId, r.price]), [[alert.id, 49_900]]);
});
