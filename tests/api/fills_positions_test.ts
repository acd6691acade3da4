import assert from "node:assert/strict";
import { expectError, expectJson, sendJson } from "./_api.ts";
import { startTrading } from "./_trading.ts";

type Fill = { symbol: string; quantity: number; amount: number; date: string };
type Positions = {
  items: { symbol: string; quantity: number; syncedAt: number }[];
  nextCursor: string | null;
  syncedAt: number | null;
};

Deno.test("fills and positions: sync reconciles, stores the holdings, and both read back", async (t) => {
  await using rig = await startTrading();
  const trader = rig.app("trader");
  const viewer = rig.app("viewer");
  for (const [n, symbol] of ["005930", "000660"].entries()) {
    await expectJson(
      await sendJson(trader, "POST", "/api/v1/orders", {
        symbol,
        side: "buy",
        quantity: n + 1,
        type: "market",
      }, { "Idempotency-Key": `buy-${n}` }),
      201,
    );
  }

  await t.step("before a sync there is no snapshot", async () => {
    const empty = await expectJson<Positions>(await viewer.request("/api/v1/positions"), 200);
    assert.deepEqual(empty, { items: [], nextCursor: null, syncedAt: null });
  });
  await t.step("a viewer may not sync; a trader's sync stores the broker's holdings", async () => {
    await expectError(await sendJson(viewer, "POST", "/api/v1/positions/sync", {}), 403);
    const sync = await expectJson<{ positions: { symbol: string }[]; syncedAt: number }>(
      await sendJson(trader, "POST", "/api/v1/positions/sync", {}),
      200,
    );
    assert.deepEqual(sync.positions.map((p) => p.symbol).sort(), ["000660", "005930"]);
    const stored = await expectJson<Positions>(await viewer.request("/api/v1/positions"), 200);
    const held = rig.e2e.sim.market.account().holdings;
    assert.deepEqual(
      stored.items.map((p) => [p.symbol, p.quantity]),
      [...held].sort((a, b) => a.code.localeCompare(b.code)).map((h) => [h.code, h.qty]),
    );
    assert.equal(stored.syncedAt, sync.syncedAt);
  });
  await t.step("GET /fills lists the fills the sync's reconciliation recorded", async () => {
    const all = await expectJson<{ items: Fill[] }>(await viewer.request("/api/v1/fills"), 200);
    assert.deepEqual(all.items.map((f) => [f.symbol, f.quantity]).sort(), [
      ["000660", 2],
      ["005930", 1],
    ]);
    assert.ok(all.items.every((f) => Number.isInteger(f.amount) && f.amount > 0));
  });
  await t.step("filters by symbol and date, and pages with a cursor", async () => {
    const one = await expectJson<{ items: Fill[] }>(
      await viewer.request("/api/v1/fills?symbol=000660&date=2026-11-27"),
      200,
    );
    assert.deepEqual(one.items.map((f) => f.symbol), ["000660"]);
    const later = await expectJson<{ items: Fill[] }>(
      await viewer.request("/api/v1/fills?from=2026-11-28"),
      200,
    );
    assert.deepEqual(later.items, []);
    const first = await expectJson<{ items: Fill[]; nextCursor: string }>(
      await viewer.request("/api/v1/fills?limit=1"),
      200,
    );
    assert.equal(first.items.length, 1);
    const rest = await expectJson<{ items: Fill[]; nextCursor: string | null }>(
      await viewer.request(`/api/v1/fills?limit=1&cursor=${encodeURIComponent(first.nextCursor)}`),
      200,
    );
    assert.equal(rest.items.length, 1);
    assert.notEqual(rest.items[0]!.symbol, first.items[0]!.symbol);
  });
  await t.step("bad filters are 400, another account 404", async () => {
    await expectError(await viewer.request("/api/v1/fills?date=2026-13-01"), 400);
    await expectError(await viewer.request("/api/v1/fills?cursor=garbage"), 400);
    const error = await expectError(await viewer.request("/api/v1/fills?accountId=9-01"), 404);
    assert.equal(error.code, "account_not_found");
  });
});
