import assert from "node:assert/strict";
import { adminHeaders, startAppServer } from "../e2e/_app_server.ts";
import {
  type PrometheusServer,
  prometheusTestsEnabled,
  queryPrometheus,
  type QuerySample,
  startPrometheus,
} from "./_prometheus.ts";

const TOKEN = "engine-scrape-test-token";

/** Asks Prometheus every second until `query` returns something; fails after `seconds`. */
async function waitForSeries(
  server: PrometheusServer,
  query: string,
  seconds = 90,
): Promise<QuerySample[]> {
  for (let attempt = 0; attempt < seconds; attempt++) {
    const result = await queryPrometheus(server, query);
    if (result.length > 0) return result;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  throw new Error(`no series for ${query} after ${seconds} s; prometheus said:\n${server.logs}`);
}

const valueOf = (samples: QuerySample[]) => Number(samples[0]?.value[1]);

Deno.test({
  name: "after the demo trades, an alert fires and jobs run, Prometheus has their series",
  ignore: !prometheusTestsEnabled(),
  fn: async (t) => {
    // the demo places its strategies' orders after start-up and reconciles every simulated minute
    const app = await startAppServer({ METRICS_TOKEN: TOKEN });
    let prometheus: PrometheusServer | undefined;
    try {
      const alert = await fetch(`${app.url}/api/v1/alerts`, {
        method: "POST",
        headers: { ...await adminHeaders(app.url), "content-type": "application/json" },
        body: JSON.stringify({ symbol: "005930", rule: { kind: "price_above", price: 1 } }),
      });
      assert.equal(alert.status, 201);
      await alert.body?.cancel();
      prometheus = await startPrometheus({
        address: new URL(app.url).host,
        metricsPath: "/metrics",
        bearerToken: TOKEN,
      });
      const server = prometheus;

      await t.step("orders placed and filled, with their latencies and the account", async () => {
        const placed = valueOf(await waitForSeries(server, "sum(trading_orders_placed_total) > 0"));
        const filled = valueOf(await waitForSeries(server, "sum(trading_orders_filled_total) > 0"));
        assert.ok(filled >= 1 && filled <= placed, `${filled} filled of ${placed} placed`);
        const ack = valueOf(
          await waitForSeries(
            server,
            "sum(trading_order_ack_seconds_sum) / sum(trading_order_ack_seconds_count)",
          ),
        );
        assert.ok(ack > 0 && ack < 30, `mean acknowledgement ${ack} s`);
        const equity = valueOf(await waitForSeries(server, "trading_account_equity_krw"));
        assert.ok(equity > 1_000_000, `equity ${equity} KRW`);
        assert.equal(valueOf(await waitForSeries(server, "trading_kill_switch_on")), 0);
      });

      await t.step("slippage, fill ratio, PnL and the account have sane values", async () => {
        const byStrategy = await waitForSeries(
          server,
          'sum(trading_orders_placed_total{origin="strategy"}) > 0',
        );
        assert.ok(valueOf(byStrategy) >= 1, "the demo's orders come from its strategies");
        const slipped = valueOf(
          await waitForSeries(server, 'sum(trading_slippage_bps_count{origin="strategy"}) > 0'),
        );
        assert.ok(slipped >= 1, "each filled strategy order is measured");
        const slippage = valueOf(
          await waitForSeries(
            server,
            "sum(trading_slippage_bps_sum) / sum(trading_slippage_bps_count)",
          ),
        );
        // against the signal bar's close: at most a day's move, within KRX's ±30% limit
        assert.ok(Math.abs(slippage) < 3_000, `mean slippage ${slippage} bps`);
        const fillRatio = valueOf(
          await waitForSeries(
            server,
            "sum(trading_order_fill_ratio_sum) / sum(trading_order_fill_ratio_count)",
          ),
        );
        assert.ok(fillRatio > 0 && fillRatio <= 1, `mean fill ratio ${fillRatio}`);
        const equity = valueOf(await waitForSeries(server, "trading_account_equity_krw"));
        const exposure = valueOf(await waitForSeries(server, "trading_account_exposure_krw"));
        const cash = valueOf(await waitForSeries(server, "trading_account_cash_krw"));
        // today's deposit: buys settle at D+2, so it may still hold what they will cost
        assert.ok(cash >= 0 && cash <= equity + exposure, `cash ${cash}, equity ${equity}`);
        assert.ok(exposure >= 0 && exposure <= equity, `exposure ${exposure} of ${equity}`);
        const unrealised = valueOf(await waitForSeries(server, "trading_unrealised_pnl_krw"));
        assert.ok(Math.abs(unrealised) <= exposure + 1, `unrealised ${unrealised} KRW`);
        const realised = valueOf(await waitForSeries(server, "trading_realised_pnl_krw"));
        assert.ok(Number.isInteger(realised) && Math.abs(realised) < equity, `${realised} KRW`);
        assert.ok(valueOf(await waitForSeries(server, "trading_positions")) >= 1);
      });

      await t.step(
        "the KIS budget, the stream's subscriptions, the queue and KV are there",
        async () => {
          assert.ok(valueOf(await waitForSeries(server, "kis_rate_budget_per_second")) > 0);
          assert.ok(valueOf(await waitForSeries(server, "kis_rate_budget_wait_seconds_count")) > 0);
          assert.ok(valueOf(await waitForSeries(server, "kis_ws_subscriptions > 0")) >= 1);
          assert.equal(
            valueOf(await waitForSeries(server, 'notify_queue_jobs{state="undelivered"}')),
            0,
          );
          assert.equal(valueOf(await waitForSeries(server, "kv_up")), 1);
          const kvRead = valueOf(await waitForSeries(server, "kv_read_seconds"));
          assert.ok(kvRead > 0 && kvRead < 5, `one KV read took ${kvRead} s`);
        },
      );

      await t.step("the alert's trigger is counted by kind", async () => {
        const triggered = await waitForSeries(
          server,
          'alerts_triggered_total{kind="price_above"} > 0',
        );
        // the demo seeds alerts of its own, which may fire too
        assert.ok(valueOf(triggered) >= 1);
        const evaluation = await waitForSeries(server, "alerts_evaluation_seconds_count > 0");
        assert.ok(valueOf(evaluation) >= 1);
      });

      await t.step("the jobs' runs, outcome and last success are there by job name", async () => {
        const runs = await waitForSeries(
          server,
          'job_runs_total{job_name="strategy-run",outcome="ok"}',
        );
        assert.ok(valueOf(runs) >= 1);
        assert.equal(
          valueOf(await waitForSeries(server, 'job_last_run_success{job_name="strategy-run"}')),
          1,
        );
        const last = valueOf(
          await waitForSeries(server, 'job_last_success_timestamp_seconds{job_name="reconcile"}'),
        );
        // the demo's store runs on the simulated clock: a real date within the last days
        assert.ok(Math.abs(last - Date.now() / 1000) < 7 * 86_400, `last reconcile at ${last}`);
      });
    } finally {
      await prometheus?.stop();
      await app.stop();
    }
  },
});
