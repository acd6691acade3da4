import assert from "node:assert/strict";
import { exitKeyOf } from "@/core/alerts/repository.ts";
import { parseIsoDate, parseSymbolCode } from "@/core/krx/mod.ts";
import { rebalanceOrderKey } from "@/core/rebalance/execute.ts";
import { ORDER_ORIGINS, orderOrigin, strategyOrderKey } from "@/core/trading/mod.ts";

const SAMSUNG = parseSymbolCode("005930");

Deno.test("the engine's own idempotency keys name their origin; any other key is manual", () => {
  assert.equal(
    orderOrigin(strategyOrderKey("ma-5-20", parseIsoDate("2026-11-27"), SAMSUNG, 1)),
    "strategy",
  );
  assert.equal(orderOrigin(exitKeyOf("01JALERT")), "alert");
  assert.equal(
    orderOrigin(rebalanceOrderKey("run-1", { symbol: SAMSUNG, side: "buy" })),
    "rebalance",
  );
  assert.equal(orderOrigin("8b1c0b1e-2f7e-4d2c-9a55-0c1d2e3f4a5b"), "manual");
  assert.equal(orderOrigin("my-strategy:not-the-engine"), "manual", "only the prefix counts");
  assert.deepEqual([...new Set(ORDER_ORIGINS)].sort(), [
    "alert",
    "manual",
    "rebalance",
    "strategy",
  ]);
});
