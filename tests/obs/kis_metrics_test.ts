import assert from "node:assert/strict";
import { trId } from "@/core/broker/kis/mod.ts";
import { tradeLagSeconds } from "@/core/broker/kis/kis_stream.ts";
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
    // a histogram's _count is a sample of the histogram itself
    const series = name.replace(/_count$/, "");
    const metric = metrics.registry.getSingleMetric(series);
    assert.ok(metric, `${series} is registered`);
    const samples = (await metric.get()).values.filter((sample) =>
      (series === name || (sample as { metricName?: string }).metricName === name) &&
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

  assert.equal(await value("kis_rate_budget_per_second"), 100);
  const sent = await value("kis_rate_budget_wait_seconds_count");
  assert.ok(sent >= 4, `the two quotes' sends (one twice refused) drew on the budget: ${sent}`);
  await broker.getQuote(SAMSUNG);
  assert.equal(await value("kis_rate_budget_wait_seconds_count"), sent + 1, "one call, one grant");

  assert.equal(await value("kis_token_issued_total"), 1);
  const expiry = await value("kis_token_expiry_seconds");
  assert.ok(expiry > 3_600 && expiry <= 86_400 + 60, `a token lasts hours, not ${expiry} s`);
});

Deno.test("the WebSocket gauge follows a drop and the reconnect, and falls to 0 on close", async () => {
  const metrics = createMetrics();
  const value = async (name: string) =>
    (await metrics.registry.getSingleMetric(name)!.get()).values[0]?.value;
  /** A histogram's sample, `_count` or `_sum`. */
  const histogram = async (name: string, sample: "count" | "sum") =>
    (await metrics.registry.getSingleMetric(name)!.get()).values
      .find((v) => (v as { metricName?: string }).metricName === `${name}_${sample}`)?.value ?? 0;
  let reconnected = () => {};
  const e2e = await startE2e({}, {
    metrics: metrics.kis,
    onSocketStatus: (status) => status === "resubscribed" && reconnected(),
  });
  try {
    const stream = await e2e.broker.stream({ trades: [SAMSUNG] });
    assert.equal(await value("kis_ws_connected"), 1);
    assert.equal(await value("kis_ws_subscriptions"), 1);
    e2e.sim.clock.advance(15_000);
    for await (const event of stream) if (event.type === "trade") break;
    assert.ok(await histogram("kis_ws_message_lag_seconds", "count") >= 1, "a trade's lag");
    const lag = await histogram("kis_ws_message_lag_seconds", "sum") /
      await histogram("kis_ws_message_lag_seconds", "count");
    assert.ok(lag >= 0 && lag < 30, `trades arrive within seconds of their stamp: ${lag}`);
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
  assert.equal(await value("kis_ws_subscriptions"), 0);
});

Deno.test("a trade's lag is taken from its KST stamp within half a day, never negative", () => {
  const at = (iso: string) => Date.parse(iso);
  assert.equal(tradeLagSeconds("09:00:01", at("2026-12-03T00:00:03.500Z")), 2.5);
  assert.equal(tradeLagSeconds("23:59:59", at("2026-12-03T15:00:01Z")), 2, "across KST midnight");
  assert.equal(tradeLagSeconds("09:00:05", at("2026-12-03T00:00:03Z")), 0, "a clock behind KIS");
});
