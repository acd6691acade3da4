import assert from "node:assert/strict";
import { createApiApp } from "@/core/api/app.ts";
import { JOB_NAMES, KvJobStatusStore } from "@/core/jobs/mod.ts";
import { parseSymbolCode } from "@/core/krx/mod.ts";
import { notifyKeys } from "@/core/notify/mod.ts";
import { createMetrics } from "@/core/obs/metrics.ts";
import { healthDetailsSchema } from "@/core/runtime/health.ts";
import { openStore } from "@/core/store/mod.ts";
import { setKillSwitch } from "@/core/trading/mod.ts";
import { VERSION } from "@/core/version.ts";
import { startE2e } from "../broker/kis/_e2e.ts";
import { apiAs, expectError, expectJson, fieldsOf } from "./_api.ts";

Deno.test("health: live always answers; ready checks the configuration", async (t) => {
  await t.step("live is 200 with the version and a request id", async () => {
    const res = await createApiApp({ env: () => ({}) }).request("/api/v1/health/live");
    assert.equal(res.status, 200);
    assert.match(res.headers.get("x-request-id") ?? "", /^[\w-]+$/);
    assert.deepEqual(await res.json(), { status: "ok", version: VERSION });
  });
  await t.step("ready is 200 with a valid configuration and says no broker is wired", async () => {
    const res = await createApiApp({ env: () => ({ PORT: "8080" }) }).request(
      "/api/v1/health/ready",
    );
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), {
      status: "ready",
      checks: { config: "ok", broker: "not_configured" },
    });
  });
  await t.step("ready is 503 naming the bad setting", async () => {
    const app = createApiApp({ env: () => ({ PORT: "eighty" }) });
    const error = await expectError(await app.request("/api/v1/health/ready"), 503);
    assert.equal(error.code, "not_ready");
    assert.deepEqual(fieldsOf(error), ["config"]);
    assert.match(error.details![0]!.message, /PORT must be a number/);
  });
  await t.step("a request id the caller sends is echoed back", async () => {
    const res = await createApiApp().request("/api/v1/health/live", {
      headers: { "X-Request-Id": "trace-42" },
    });
    assert.equal(res.headers.get("x-request-id"), "trace-42");
    await res.body?.cancel();
  });
});

Deno.test("health details: admins read KIS, KV, jobs, the queue and error counts from one call", async (t) => {
  const metrics = createMetrics();
  await using e2e = await startE2e({ rateLimit: false }, {
    requestsPerSecond: 200,
    metrics: metrics.kis,
  });
  const store = await openStore({ path: ":memory:", now: () => e2e.clock.now() });
  try {
    const options = {
      store,
      broker: e2e.broker,
      account: { id: e2e.sim.credentials.account, label: "모의 시장" },
      mode: "demo" as const,
      env: () => ({ ROLE: "web" }),
      metrics,
    };
    const details = async () =>
      healthDetailsSchema.parse(
        await expectJson(await apiAs("admin", options).request("/api/v1/health/details"), 200),
      );

    await t.step("viewers and traders are refused", async () => {
      for (const role of ["viewer", "trader"] as const) {
        const res = await apiAs(role, options).request("/api/v1/health/details");
        assert.equal((await expectError(res, 403)).code, "forbidden", role);
      }
    });

    await t.step("a fresh process: the broker answers, its token and budget show", async () => {
      const health = await details();
      assert.equal(health.version, VERSION);
      assert.equal(health.role, "web");
      assert.equal(health.mode, "demo");
      assert.equal(health.kis.rest.ok, true, "the balance read answered");
      assert.equal(health.kis.rest.error, null);
      assert.ok(health.kis.token.secondsLeft! > 3_600, "the balance read issued a token");
      assert.equal(health.kis.rateBudget.perSecond, 200);
      assert.ok(health.kis.rateBudget.requests >= 1);
      assert.equal(health.kis.ws.connected, null, "no stream was opened");
      assert.equal(health.kv.reachable, true);
      assert.ok(health.kv.latencyMs! >= 0);
      assert.equal(health.killSwitch.on, false);
      assert.deepEqual(health.jobs.map((job) => job.name), [...JOB_NAMES]);
      assert.ok(health.jobs.every((job) => job.lastRun === null));
      assert.deepEqual(health.notifications, { queued: 0, retrying: 0, undelivered: 0 });
      assert.deepEqual(Object.values(health.errors), [0, 0, 0, 0, 0]);
      assert.ok(health.uptimeSeconds > 0);
    });

    await t.step(
      "a job's run, a queued notification, the kill switch and a refused call show",
      async () => {
        await new KvJobStatusStore(store.kv).record({
          name: "reconcile",
          state: "error",
          startedAt: 1_000,
          finishedAt: 3_000,
          durationMs: 2_000,
          error: "broker unreachable",
        });
        await store.kv.set(notifyKeys.pending("slack", "alert-1"), { attempt: 2, dueAt: 0 });
        await setKillSwitch(store, { on: true, reason: "점검", by: "admin-kim" });
        await assert.rejects(e2e.broker.getQuote(parseSymbolCode("999999")));
        const health = await details();
        assert.deepEqual(health.jobs.find((job) => job.name === "reconcile")!.lastRun, {
          state: "error",
          startedAt: 1_000,
          finishedAt: 3_000,
          durationMs: 2_000,
          error: "broker unreachable",
        });
        assert.deepEqual(health.notifications, { queued: 0, retrying: 1, undelivered: 0 });
        assert.equal(health.killSwitch.on, true);
        assert.equal(health.killSwitch.reason, "점검");
        assert.equal(health.errors.kisRestErrors, 1);
      },
    );
  } finally {
    store.close();
  }
});

Deno.test("health details without a store is a 503 naming it, not a 500", async () => {
  const res = await apiAs("admin", { env: () => ({}) }).request("/api/v1/health/details");
  assert.equal((await expectError(res, 503)).code, "store_unavailable");
});
