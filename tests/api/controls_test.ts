import assert from "node:assert/strict";
import { KvJobStatusStore } from "@/core/jobs/mod.ts";
import { openStore } from "@/core/store/mod.ts";
import { DEFAULT_RISK_LIMITS, readKillSwitch, readRiskLimits } from "@/core/trading/mod.ts";
import { apiAs, expectError, expectJson, fieldsOf, sendJson } from "./_api.ts";

Deno.test("PUT /kill-switch turns it on for a trader, audited with the principal", async () => {
  using store = await openStore({ path: ":memory:" });
  const trader = apiAs("trader", { store });
  const off = await expectJson(await trader.request("/api/v1/kill-switch"), 200);
  assert.equal(off.on, false);

  const on = await expectJson(
    await sendJson(trader, "PUT", "/api/v1/kill-switch", { on: true, reason: "runaway" }),
    200,
  );
  assert.deepEqual([on.on, on.reason, on.by], [true, "runaway", "trader-kim"]);
  assert.equal((await readKillSwitch(store.kv)).state.on, true);
  const [entry] = (await store.audit.list({ reverse: true, limit: 1 })).items;
  assert.equal(entry?.action, "kill_switch_on");
  assert.equal(entry?.data.by, "trader-kim");
});

Deno.test("PUT /kill-switch refuses a viewer and a missing reason, changing nothing", async () => {
  using store = await openStore({ path: ":memory:" });
  await expectError(
    await sendJson(apiAs("viewer", { store }), "PUT", "/api/v1/kill-switch", {
      on: true,
      reason: "x",
    }),
    403,
  );
  const error = await expectError(
    await sendJson(apiAs("trader", { store }), "PUT", "/api/v1/kill-switch", { on: true }),
    400,
  );
  assert.deepEqual(fieldsOf(error), ["body.reason"]);
  assert.equal((await readKillSwitch(store.kv)).state.on, false);
});

Deno.test("the kill switch answers 503 without a store", async () => {
  const error = await expectError(await apiAs("viewer").request("/api/v1/kill-switch"), 503);
  assert.equal(error.code, "store_unavailable");
});

Deno.test("/settings/risk-limits: defaults, an admin's audited replacement, a bad one refused", async () => {
  using store = await openStore({ path: ":memory:" });
  const admin = apiAs("admin", { store });
  assert.deepEqual(
    await expectJson(await admin.request("/api/v1/settings/risk-limits"), 200),
    DEFAULT_RISK_LIMITS,
  );
  await expectError(await apiAs("trader", { store }).request("/api/v1/settings/risk-limits"), 403);

  const limits = {
    maxOrderKrw: 1_000_000,
    maxDailyKrw: 5_000_000,
    maxPositionWeightBps: 2_000,
    maxOpenOrders: 5,
  };
  assert.deepEqual(
    await expectJson(await sendJson(admin, "PUT", "/api/v1/settings/risk-limits", limits), 200),
    limits,
  );
  assert.deepEqual(await readRiskLimits(store.kv), limits);
  const [entry] = (await store.audit.list({ reverse: true, limit: 1 })).items;
  assert.deepEqual([entry?.action, entry?.data.by], ["risk_limits_changed", "admin-kim"]);

  const error = await expectError(
    await sendJson(admin, "PUT", "/api/v1/settings/risk-limits", {
      ...limits,
      maxOrderKrw: 9_000_000,
    }),
    400,
  );
  assert.deepEqual(fieldsOf(error), ["body.maxOrderKrw"]);
  assert.deepEqual(await readRiskLimits(store.kv), limits, "nothing changed");
});

Deno.test("GET /jobs lists every job with KST and UTC schedules and its last run", async () => {
  using store = await openStore({ path: ":memory:" });
  await new KvJobStatusStore(store.kv).record({
    name: "reconcile",
    state: "ok",
    startedAt: 1_000,
    finishedAt: 1_250,
    durationMs: 250,
  });
  const { items } = await expectJson<{ items: Record<string, unknown>[] }>(
    await apiAs("viewer", { store }).request("/api/v1/jobs"),
    200,
  );
  assert.deepEqual(items.map((job) => job.name), [
    "holiday-refresh",
    "pre-open-check",
    "strategy-run",
    "alert-sweep",
    "reconcile",
    "daily-report",
  ]);
  const holiday = items[0]!;
  // 07:30 KST every day is 22:30 UTC the day before
  assert.deepEqual(holiday.kst, {
    kind: "at",
    times: ["07:30"],
    days: ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"],
  });
  assert.deepEqual(holiday.utc, ["30 22 * * *"]);
  assert.equal(holiday.lastRun, null);
  assert.deepEqual(items[4]!.lastRun, {
    state: "ok",
    startedAt: 1_000,
    finishedAt: 1_250,
    durationMs: 250,
  });
});
