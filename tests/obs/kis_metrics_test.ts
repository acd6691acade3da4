import assert from "node:assert/strict";
import { trId } from "@/core/broker/kis/mod.ts";
import { parseSymbolCode } from "@/core/krx/mod.ts";
import { createMetrics } from "@/core/obs/metrics.ts";
import { startE2e, within } from "../broker/kis/_e2e.ts";

const SAMSUNG = parseSymbolCode("005930");

Deno.test("a KisBroker on the simulator reports REST outcomes, EGW00201 retries and its token", async () => {
  const metrics = createMetrics();
  await using e2e = await startE2e({ rateLimit: false }, {
    requestsPerSecond: 100,
    metrics: metrics.kis,
  });
  const { sim, broker } = e2e;
  const value = async (name: string, labels: Record<string, string> = {}) => {
    const metric = metrics.registry.getSingleMetric(name);
    assert.ok(metric, `${name} is registered`);
    const samples = (await metric.get()).values.filter((sample) =>
      Object.entries(labels).every(([key, want]) => String(sample.labels[key]) === want)
    );
    return samples.reduce((sum, sample) => sum + sample.value, 0);
  };

  sim.faults.inject({ kind: "rateLimit", count: 2 });
  await broker.getQuote(SAMSUNG);
  const quoteTrId = trId("price", sim.env);
  assert.equal(await value("kis_rest_requests_total", { tr_id: quoteTrId, outcome: "ok" }), 1);
  assert.equal(await value("kis_rest_retries_total", { tr_id: quoteTrId, reason: "rate" }), 2);

  await assert.rejects(broker.getQuote(parseSymbolCode("999999")));
  const failed = (await metrics.registry.getSingleMetric("kis_rest_requests_total")!.get())
    .values.filter((sample) => sample.labels.outcome !== "ok");
  assert.equal(failed.length, 1, "the refused quote is counted under its error category");

  assert.equal(await value("kis_token_issued_total"), 1);
  const expiry = await value("kis_token_expiry_seconds");
  assert.ok(expiry > 3_600 && expiry <= 86_400 + 60, `a token lasts hours, not ${expiry} s`);
});

Deno.test("the WebSocket gauge follows a drop and the reconnect, and falls to 0 on close", async () => {
  const metrics = createMetrics();
  const value = async (name: string) =>
    (await metrics.registry.getSingleMetric(name)!.get()).values[0]?.value;
  let reconnected = () => {};
  const e2e = await startE2e({}, {
    metrics: metrics.kis,
    onSocketStatus: (status) => status === "resubscribed" && reconnected(),
  });
  try {
    const stream = await e2e.broker.stream({ trades: [SAMSUNG] });
    assert.equal(await value("kis_ws_connected"), 1);
    assert.equal(await value("kis_ws_reconnects_total"), 0);
    const resubscribed = new Promise<void>((resolve) => reconnected = resolve);
    e2e.sim.faults.inject({ kind: "dropWebSocket" });
    await within(resubscribed, "the resubscription after the drop");
    assert.equal(await value("kis_ws_connected"), 1);
    assert.equal(await value("kis_ws_reconnects_total"), 1);
    await stream.close();
  } finally {
    await e2e[Symbol.asyncDispose]();
  }
  assert.equal(await value("kis_ws_connected"), 0);
});
