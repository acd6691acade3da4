import assert from "node:assert/strict";
import { openStore, PREFIXES } from "@/core/store/mod.ts";
import { DEFAULT_RISK_LIMITS, readRiskLimits, saveRiskLimits } from "@/core/trading/mod.ts";

async function auditActions(kv: Deno.Kv): Promise<string[]> {
  const out: string[] = [];
  for await (const entry of kv.list<{ kind: string; action: string }>({ prefix: PREFIXES.audit })) {
    if (entry.value.kind === "config") out.push(entry.value.action);
  }
  return out;
}

Deno.test("risk limits read as the defaults until saved", async () => {
  using store = await openStore({ path: ":memory:" });
  assert.deepEqual(await readRiskLimits(store.kv), DEFAULT_RISK_LIMITS);
});

Deno.test("saved risk limits are read back and the change is audited", async () => {
  using store = await openStore({ path: ":memory:" });
  const limits = { ...DEFAULT_RISK_LIMITS, maxOrderKrw: 1_000_000, maxOpenOrders: 5 };
  await saveRiskLimits(store, limits, "admin");
  assert.deepEqual(await readRiskLimits(store.kv), limits);
  assert.deepEqual(await auditActions(store.kv), ["risk_limits_changed"]);
});

Deno.test("invalid risk limits are refused and change nothing", async () => {
  using store = await openStore({ path: ":memory:" });
  const bad = [
    { ...DEFAULT_RISK_LIMITS, maxOrderKrw: 0 },
    { ...DEFAULT_RISK_LIMITS, maxOrderKrw: 1.5 },
    { ...DEFAULT_RISK_LIMITS, maxPositionWeightBps: 10_001 },
    { ...DEFAULT_RISK_LIMITS, maxOrderKrw: 30_000_000 },
    { ...DEFAULT_RISK_LIMITS, extra: 1 },
    { maxOrderKrw: 1_000 },
  ];
  for (const limits of bad) {
    await assert.rejects(saveRiskLimits(store, limits, "admin"));
  }
  assert.deepEqual(await readRiskLimits(store.kv), DEFAULT_RISK_LIMITS);
  assert.deepEqual(await auditActions(store.kv), []);
});
