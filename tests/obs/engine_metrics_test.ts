import assert from "node:assert/strict";
import { AlertRepository } from "@/core/alerts/repository.ts";
import { startEngine, TradingDesk } from "@/core/engine/mod.ts";
import { parseSymbolCode } from "@/core/krx/mod.ts";
import { type AppMetrics, createMetrics } from "@/core/obs/metrics.ts";
import { openStore } from "@/core/store/mod.ts";
import {
  listSignals,
  readKillSwitch,
  RiskRejected,
  saveStrategyConfig,
  setKillSwitch,
} from "@/core/trading/mod.ts";
import { startE2e } from "../broker/kis/_e2e.ts";

const SAMSUNG = parseSymbolCode("005930");

/** The summed value of `name`'s samples whose labels include `labels`. */
async function value(
  metrics: AppMetrics,
  name: string,
  labels: Record<string, string> = {},
): Promise<number> {
  // a histogram's _count and _sum are samples of the histogram itself
  const series = name.replace(/_(count|sum)$/, "");
  const metric = metrics.registry.getSingleMetric(series);
  assert.ok(metric, `${series} is registered`);
  return (await metric.get()).values
    .filter((sample) =>
      (series === name || (sample as { metricName?: string }).metricName === name) &&
      Object.entries(labels).every(([key, want]) => String(sample.labels[key]) === want)
    )
    .reduce((sum, sample) => sum + sample.value, 0);
}

/** The simulator (seed 1, as the demo), a store on its clock, and the engine reporting to `metrics`. */
async function startRig(metrics: AppMetrics) {
  const e2e = await startE2e({ seed: 1, rateLimit: false }, { requestsPerSecond: 200 });
  const store = await openStore({ path: ":memory:", now: () => e2e.sim.clock.now().getTime() });
  await saveStrategyConfig(store, {
    id: "ma-5-20",
    strategy: "ma-cross",
    params: { fast: 5, slow: 20 },
    symbols: ["005930", "000660"],
    sizing: { kind: "fixed", amount: 2_000_000 },
  }, null);
  const log = () => {};
  const { broker } = e2e;
  const accountId = e2e.sim.credentials.account;
  const desk = new TradingDesk({ store, broker, accountId, log, observer: metrics.trading });
  const engine = startEngine({
    store,
    broker,
    desk,
    notify: () => Promise.resolve(),
    cron: () => {},
    log,
    alertObserver: metrics.alerts,
    jobObserver: metrics.jobs,
  });
  return {
    e2e,
    store,
    desk,
    engine,
    accountId,
    async [Symbol.asyncDispose]() {
      await engine.close();
      store.close();
      await e2e[Symbol.asyncDispose]();
    },
  };
}

Deno.test("the engine's jobs report orders, fills, alert triggers and runs to the registry", async (t) => {
  const metrics = createMetrics();
  await using rig = await startRig(metrics);
  const { sim } = rig.e2e;

  await t.step(
    "strategy-run: each order KIS acknowledged is placed, with its ack latency",
    async () => {
      await rig.engine.run("strategy-run");
      const ordered = (await listSignals(rig.store.kv, "ma-5-20")).items
        .filter((signal) => signal.outcome.kind === "order");
      assert.ok(ordered.length > 0, "the demo's config buys on seed 1");
      assert.equal(await value(metrics, "trading_orders_placed_total"), ordered.length);
      assert.equal(
        await value(metrics, "trading_orders_placed_total", { side: "buy" }),
        sim.market.orders().length,
      );
      assert.equal(
        await value(metrics, "trading_orders_placed_total", { origin: "strategy" }),
        ordered.length,
        "the strategy runner's keys name their origin",
      );
      assert.equal(await value(metrics, "trading_order_ack_seconds_count"), ordered.length);
      assert.equal(await value(metrics, "trading_kill_switch_on"), 0);
      assert.ok(await value(metrics, "trading_account_equity_krw") > 0, "the risk checks read it");
    },
  );

  await t.step("reconcile: the fills are counted with their time since the ack", async () => {
    sim.clock.advance(60_000);
    await rig.engine.run("reconcile");
    const placed = await value(metrics, "trading_orders_placed_total");
    assert.equal(await value(metrics, "trading_orders_filled_total", { side: "buy" }), placed);
    assert.equal(await value(metrics, "trading_order_fill_seconds_count"), placed);
    const fillSeconds = await value(metrics, "trading_order_fill_seconds_sum");
    assert.ok(fillSeconds > 0 && fillSeconds <= 60 * placed, `${fillSeconds} s in all`);
    assert.equal(await value(metrics, "trading_order_fill_ratio_count"), placed);
    assert.equal(await value(metrics, "trading_order_fill_ratio_sum"), placed, "all filled whole");
    const strategy = { side: "buy", origin: "strategy" };
    assert.equal(await value(metrics, "trading_slippage_bps_count", strategy), placed);
    // against the signal bar's close: a day's move at most, within KRX's ±30% limit
    const mean = await value(metrics, "trading_slippage_bps_sum", strategy) / placed;
    assert.ok(Math.abs(mean) < 3_000, `mean slippage ${mean} bps`);
  });

  await t.step("alert-sweep: an alert already crossed fires once, counted by kind", async () => {
    const alerts = new AlertRepository(rig.store);
    await alerts.create({
      account: rig.accountId,
      symbol: SAMSUNG,
      rule: { kind: "price_above", price: 1 },
    });
    await rig.engine.run("alert-sweep");
    assert.equal(await value(metrics, "alerts_triggered_total", { kind: "price_above" }), 1);
    assert.equal(await value(metrics, "alerts_triggered_total"), 1);
    assert.equal(await value(metrics, "alerts_active"), 0, "the fired alert is no longer active");
    assert.ok(await value(metrics, "alerts_evaluation_seconds_count") >= 1);
  });

  await t.step("every run is reported by job name, with its end time and success", async () => {
    const now = sim.clock.now().getTime() / 1000;
    for (const job of ["strategy-run", "reconcile", "alert-sweep"]) {
      assert.equal(
        await value(metrics, "job_runs_total", { job_name: job, outcome: "ok" }),
        1,
        job,
      );
      assert.equal(await value(metrics, "job_last_run_success", { job_name: job }), 1, job);
      const last = await value(metrics, "job_last_success_timestamp_seconds", { job_name: job });
      assert.ok(last > now - 120 && last <= now, `${job} ended at ${last}, now ${now}`);
      assert.equal(
        await value(metrics, "job_run_duration_seconds_count", { job_name: job }),
        1,
        job,
      );
    }
    assert.equal(await value(metrics, "job_runs_total", { outcome: "error" }), 0);
  });
});

Deno.test("a refused order counts under its risk code; a sync sets the account gauges", async () => {
  const metrics = createMetrics();
  await using rig = await startRig(metrics);
  const journal = await rig.desk.journal();
  await setKillSwitch(rig.store, { on: true, reason: "점검", by: "test" });
  const order = { symbol: SAMSUNG, side: "sell" as const, type: "market" as const, quantity: 1 };
  await assert.rejects(journal.placeOrder({ idempotencyKey: "k-1", order }), RiskRejected);
  assert.equal(await value(metrics, "trading_kill_switch_on"), 1);
  assert.equal(
    await value(metrics, "trading_orders_rejected_total", {
      side: "sell",
      source: "risk",
      reason: "kill_switch",
    }),
    1,
  );
  assert.equal(await value(metrics, "trading_orders_placed_total"), 0);

  const balance = await rig.e2e.broker.getBalance();
  await journal.syncPositions();
  assert.equal(await value(metrics, "trading_account_equity_krw"), balance.summary.totalValue);
  assert.equal(await value(metrics, "trading_account_cash_krw"), balance.summary.deposit);
  assert.equal(
    await value(metrics, "trading_account_exposure_krw"),
    balance.summary.securitiesValue,
  );
  assert.equal(
    await value(metrics, "trading_positions"),
    balance.holdings.filter((holding) => holding.quantity > 0).length,
  );
});

Deno.test("with a source, the kill-switch gauge follows the store without an order", async () => {
  const metrics = createMetrics();
  await using rig = await startRig(metrics);
  metrics.trading.killSwitchFrom(async () => (await readKillSwitch(rig.store.kv)).state.on);
  assert.equal(await value(metrics, "trading_kill_switch_on"), 0);
  await setKillSwitch(rig.store, { on: true, reason: "점검", by: "test" });
  assert.equal(await value(metrics, "trading_kill_switch_on"), 1);
  metrics.trading.killSwitchFrom(() => Promise.reject(new Error("KV closed")));
  assert.equal(await value(metrics, "trading_kill_switch_on"), 1, "a failed read keeps the value");
  assert.match(await metrics.registry.metrics(), /^trading_kill_switch_on 1$/m);
});

Deno.test("a broker refusal counts under the error's category", async () => {
  const metrics = createMetrics();
  await using rig = await startRig(metrics);
  const journal = await rig.desk.journal();
  // no risk check looks at holdings: KIS refuses a sell of shares the account does not hold
  const order = { symbol: SAMSUNG, side: "sell" as const, type: "market" as const, quantity: 1 };
  const placed = await journal.placeOrder({ idempotencyKey: "k-1", order });
  assert.equal(placed.status, "rejected");
  const refused = (await metrics.registry.getSingleMetric("trading_orders_rejected_total")!.get())
    .values.filter((sample) => sample.labels.source === "broker");
  assert.equal(refused.length, 1);
  assert.equal(refused[0]!.labels.side, "sell");
  assert.notEqual(refused[0]!.labels.reason, "other", "a category the broker client names");
});

Deno.test("a manual buy and a part sale set slippage, unrealised and realised PnL", async () => {
  const metrics = createMetrics();
  await using rig = await startRig(metrics);
  const journal = await rig.desk.journal();
  const { sim } = rig.e2e;
  const market = (side: "buy" | "sell", quantity: number) => ({
    symbol: SAMSUNG,
    side,
    type: "market" as const,
    quantity,
  });
  const bought = await journal.placeOrder({ idempotencyKey: "buy-1", order: market("buy", 10) });
  assert.ok(
    bought.signalPrice! > 0,
    "a manual order is measured against the quote it was checked on",
  );
  sim.clock.advance(60_000);
  await journal.syncPositions();
  const afterBuy = await rig.e2e.broker.getBalance();
  const holding = afterBuy.holdings.find((h) => h.symbol === SAMSUNG)!;
  assert.equal(await value(metrics, "trading_unrealised_pnl_krw"), afterBuy.summary.profitLoss);
  assert.equal(await value(metrics, "trading_realised_pnl_krw"), 0, "nothing sold yet");
  assert.equal(
    await value(metrics, "trading_slippage_bps_count", { side: "buy", origin: "manual" }),
    1,
  );
  const buy = (await journal.get(bought.id))!;
  assert.equal(buy.status, "filled");
  const expectedBuy = ("filledAmount" in buy ? buy.filledAmount / buy.filledQuantity : 0) /
      buy.signalPrice! * 10_000 - 10_000;
  assert.ok(
    Math.abs(
      await value(metrics, "trading_slippage_bps_sum", { side: "buy", origin: "manual" }) -
        expectedBuy,
    ) < 1e-6,
  );

  const sold = await journal.placeOrder({ idempotencyKey: "sell-1", order: market("sell", 4) });
  sim.clock.advance(60_000);
  await journal.reconcile();
  const sale = (await journal.get(sold.id))!;
  assert.equal(sale.status, "filled");
  const amount = "filledAmount" in sale ? sale.filledAmount : 0;
  assert.equal(
    await value(metrics, "trading_realised_pnl_krw"),
    Math.round(amount - holding.averagePrice * 4),
  );
  assert.equal(
    await value(metrics, "trading_orders_filled_total", { side: "sell", origin: "manual" }),
    1,
  );
});
