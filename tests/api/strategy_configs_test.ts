import assert from "node:assert/strict";
import { openStore } from "@/core/store/mod.ts";
import { getStrategyConfig, saveSignal } from "@/core/trading/mod.ts";
import { apiAs, expectError, expectJson, fieldsOf, sendJson } from "./_api.ts";

interface Versioned {
  config: { id: string; params: Record<string, unknown>; enabled: boolean; symbols: string[] };
  version: string;
}

const MA = { strategy: "ma-cross", params: { fast: 5, slow: 20 }, symbols: ["005930"] };

Deno.test("strategy configs: PUT creates then replaces, toggles, a stale If-Match is 409", async (t) => {
  using store = await openStore({ path: ":memory:" });
  const app = apiAs("trader", { store });
  const path = "/api/v1/strategy-configs/ma-5-20";
  let current!: Versioned;

  await t.step("PUT of a new id is 201 with defaults filled in", async () => {
    current = await expectJson<Versioned>(await sendJson(app, "PUT", path, MA), 201);
    assert.deepEqual(current.config.params, { fast: 5, slow: 20 });
    assert.equal(current.config.enabled, true);
  });

  await t.step(
    "PUT again replaces it (200); a stale If-Match is 409 and changes nothing",
    async () => {
      const replaced = await expectJson<Versioned>(
        await sendJson(app, "PUT", path, { ...MA, symbols: ["005930", "000660"] }, {
          "If-Match": `"${current.version}"`,
        }),
        200,
      );
      assert.deepEqual(replaced.config.symbols, ["005930", "000660"]);
      const error = await expectError(
        await sendJson(app, "PUT", path, MA, { "If-Match": `"${current.version}"` }),
        409,
      );
      assert.equal(error.code, "version_conflict");
      assert.deepEqual((await getStrategyConfig(store.kv, "ma-5-20"))?.config.symbols, [
        "005930",
        "000660",
      ]);
      current = replaced;
    },
  );

  await t.step("disable and enable flip it", async () => {
    const off = await expectJson<Versioned>(
      await app.request(`${path}/disable`, { method: "POST" }),
      200,
    );
    assert.equal(off.config.enabled, false);
    const on = await expectJson<Versioned>(
      await app.request(`${path}/enable`, { method: "POST", headers: { "If-Match": off.version } }),
      200,
    );
    assert.equal(on.config.enabled, true);
  });

  await t.step("GET lists and reads it; a viewer may read, not write", async () => {
    const viewer = apiAs("viewer", { store });
    const page = await expectJson<{ items: { id: string }[]; nextCursor: null }>(
      await viewer.request("/api/v1/strategy-configs"),
      200,
    );
    assert.deepEqual(page.items.map((c) => c.id), ["ma-5-20"]);
    const one = await viewer.request(path);
    assert.equal(one.status, 200);
    assert.ok(one.headers.get("etag"));
    await expectError(await sendJson(viewer, "PUT", path, MA), 403);
    await expectError(await viewer.request("/api/v1/strategy-configs/none"), 404);
  });
});

Deno.test("strategy configs: a bad strategy parameter is 422 naming it, nothing written", async () => {
  using store = await openStore({ path: ":memory:" });
  const app = apiAs("trader", { store });
  const error = await expectError(
    await sendJson(app, "PUT", "/api/v1/strategy-configs/bad", {
      ...MA,
      params: { fast: 30, slow: 20 },
    }),
    422,
  );
  assert.equal(error.code, "invalid_config");
  assert.deepEqual(fieldsOf(error), ["body.params"]);
  assert.match(error.details![0]!.message, /fast/);
  const wrongId = await expectError(
    await sendJson(app, "PUT", "/api/v1/strategy-configs/bad", { ...MA, id: "other" }),
    422,
  );
  assert.deepEqual(fieldsOf(wrongId), ["body.id"]);
  assert.equal(await getStrategyConfig(store.kv, "bad"), null);
});

Deno.test("GET /strategy-configs/{id}/signals pages the config's signals, newest day first", async () => {
  using store = await openStore({ path: ":memory:" });
  for (const day of ["2026-11-25", "2026-11-26", "2026-11-27"]) {
    await saveSignal(store, {
      configId: "ma",
      strategy: "ma-cross",
      symbol: "005930",
      tradingDay: day,
      barDate: day,
      close: 70_000,
      target: 1,
      position: 0,
      action: "buy",
      idempotencyKey: `strategy:ma:${day}:005930`,
      outcome: { kind: "hold" },
      at: 1,
    });
  }
  const app = apiAs("viewer", { store });
  const first = await expectJson<{ items: { tradingDay: string }[]; nextCursor: string }>(
    await app.request("/api/v1/strategy-configs/ma/signals?limit=2"),
    200,
  );
  assert.deepEqual(first.items.map((s) => s.tradingDay), ["2026-11-27", "2026-11-26"]);
  const rest = await expectJson<{ items: { tradingDay: string }[]; nextCursor: null }>(
    await app.request(
      `/api/v1/strategy-configs/ma/signals?limit=2&cursor=${encodeURIComponent(first.nextCursor)}`,
    ),
    200,
  );
  assert.deepEqual([rest.items.map((s) => s.tradingDay), rest.nextCursor], [["2026-11-25"], null]);
  const bad = await expectError(
    await app.request("/api/v1/strategy-configs/ma/signals?cursor=garbage"),
    400,
  );
  assert.deepEqual(fieldsOf(bad), ["query.cursor"]);
});
