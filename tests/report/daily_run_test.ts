import assert from "node:assert/strict";
import { AlertIndex } from "../../core/alerts/mod.ts";
import { AlertRepository } from "../../core/alerts/repository.ts";
import { KvJobStatusStore } from "../../core/jobs/mod.ts";
import { parseIsoDate, parseSymbolCode, seoulDate } from "../../core/krx/mod.ts";
import { type JobOutcome, Notifier, Secret, WebhookChannel } from "../../core/notify/mod.ts";
import { executeRebalance, saveTargets } from "../../core/rebalance/mod.ts";
import {
  dailyReportJob,
  getReport,
  listReports,
  reportDedupeKey,
  runDailyReport,
} from "../../core/report/mod.ts";
import { fillsOn, saveSignal, saveStrategyConfig } from "../../core/trading/mod.ts";
import { recordingServer } from "../notify/_support.ts";
import { startJournal, WIDE_LIMITS } from "../trading/_journal.ts";

const samsung = parseSymbolCode("005930");
const thin = parseSymbolCode("207940");

/** Resolves once `done()` holds, polling every 5 ms; fails after `limitMs` of real time. */
async function until(done: () => boolean, what: string, limitMs = 5_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen in ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

Deno.test("a simulated trading day becomes a stored report delivered to a webhook once", async (t) => {
  await using rig = await startJournal();
  const { store, accountId, e2e, journal } = rig;
  await using receiver = recordingServer(() => new Response("ok"));
  const outcomes: JobOutcome[] = [];
  const notifier = new Notifier({
    kv: store.kv,
    channels: [
      new WebhookChannel({ url: new Secret(`${receiver.url}/hook`), secret: new Secret("s3cret") }),
    ],
    observe: (outcome) => outcomes.push(outcome),
  });
  const listening = notifier.listen();
  const today = seoulDate(rig.now());

  // the day: a rebalancing run buys Samsung, a limit buy fills in steps, part of Samsung is sold
  await saveTargets(
    store,
    accountId,
    {
      targets: [{ symbol: samsung, weight: 0.1 }],
      orderType: "market",
    },
    null,
    "test",
  );
  const run = await executeRebalance(
    { store, broker: e2e.broker, limits: WIDE_LIMITS },
    accountId,
    {
      runId: "morning",
    },
  );
  const price = e2e.sim.market.price(thin);
  const stepped = await journal.placeOrder({
    idempotencyKey: "thin-buy",
    order: { type: "limit", side: "buy", symbol: thin, quantity: 50, price },
  });
  for (let step = 0; step < 60 && (await journal.get(stepped.id))?.status !== "filled"; step++) {
    e2e.sim.clock.advance(5_000);
    await journal.reconcile();
  }
  await journal.placeOrder({
    idempotencyKey: "trim",
    order: { type: "market", side: "sell", symbol: samsung, quantity: 10 },
  });
  await journal.syncPositions();
  // a stop-loss above the price fires on the next tick
  const alerts = new AlertRepository(store);
  const alert = await alerts.create({
    account: accountId,
    symbol: samsung,
    rule: {
      kind: "stop_loss",
      trigger: { basis: "price", price: e2e.sim.market.price(samsung) + 500 },
    },
    action: { kind: "notify" },
  });
  const index = new AlertIndex();
  index.add(alert);
  const [trigger] = index.onTick(samsung, e2e.sim.market.price(samsung), rig.now());
  assert.ok(trigger && await alerts.trigger(trigger, alert.updatedAt));
  // a strategy's buy signal, and a job that failed today
  await saveStrategyConfig(store, { id: "ma", strategy: "ma-cross", symbols: [samsung] }, null);
  await saveSignal(store, {
    configId: "ma",
    strategy: "ma-cross",
    symbol: samsung,
    tradingDay: today,
    barDate: today,
    close: 60_000,
    target: 1,
    position: 0,
    action: "buy",
    idempotencyKey: null,
    outcome: { kind: "hold" },
    at: rig.now(),
  });
  await new KvJobStatusStore(store.kv).record({
    name: "reconcile",
    state: "error",
    startedAt: rig.now(),
    finishedAt: rig.now(),
    durationMs: 3,
    error: "KIS answered 500",
  });

  const job = dailyReportJob({
    store,
    broker: e2e.broker,
    accountId,
    notifier,
    capital: 100_000_000,
    jobStatus: new KvJobStatusStore(store.kv),
  });
  await job({ date: today, now: rig.now() });
  const report = (await getReport(store, accountId, today))!;

  await t.step(
    "the report holds the day's trades, orders, alert, signal, run and error",
    async () => {
      const fills = await fillsOn(store, accountId, today);
      assert.ok(fills.length >= 3, "the rebalance buy, the stepped buy and the sell");
      assert.equal(report.trades.items.length, fills.length);
      assert.deepEqual(
        report.trades.items.map((row) => `${row.side} ${row.symbol} ${row.quantity}`).sort(),
        fills.map((f) => `${f.side} ${f.symbol} ${f.quantity}`).sort(),
      );
      assert.equal(report.orders.total, 3);
      assert.equal(report.orders.byStatus.filled, 3);
      assert.deepEqual(report.alerts.items.map((a) => a.alertId), [alert.id]);
      assert.deepEqual(report.signals.items.map((s) => [s.strategy, s.signal]), [[
        "ma-cross",
        "buy",
      ]]);
      assert.deepEqual(report.rebalances.items.map((r) => r.runId), [run.id]);
      assert.deepEqual(report.errors.items.map((e) => e.source), ["job:reconcile"]);
    },
  );
  await t.step("equity and PnL come from the broker's balance and the capital", async () => {
    const balance = await e2e.broker.getBalance();
    assert.equal(report.equity.cash, balance.summary.settledCashD2);
    assert.equal(report.pnl.base, "capital");
    assert.equal(report.pnl.cumulative, report.equity.total - 100_000_000);
    const sell = report.trades.items.find((row) => row.side === "sell");
    assert.ok(sell?.side === "sell" && sell.averageCost > 0);
  });
  await t.step("the webhook receives the report once", async () => {
    await until(() => receiver.requests.length === 1, "the delivery");
    const body = JSON.parse(receiver.requests[0]!.body);
    assert.equal(body.kind, "report");
    assert.equal(body.id, reportDedupeKey(report));
  });
  await t.step("running the day again replaces the report and delivers nothing new", async () => {
    rig.shift(60_000);
    const again = await runDailyReport({ store, broker: e2e.broker, accountId, notifier }, today);
    assert.equal(again.notificationsQueued, 1);
    await until(() => outcomes.some((o) => o.outcome === "duplicate"), "the duplicate outcome");
    assert.equal(receiver.requests.length, 1);
    const reports = (await listReports(store, accountId)).items;
    assert.equal(reports.length, 1);
    assert.equal(reports[0]!.generatedAt, again.report.generatedAt);
    assert.equal(reports[0]!.pnl.capital, 100_000_000, "a rerun keeps the first day's capital");
  });
  await t.step("the next day's report measures its PnL from this one", async () => {
    const next = await runDailyReport(
      { store, broker: e2e.broker, accountId },
      parseIsoDate("2026-11-30"),
    );
    assert.equal(next.report.pnl.base, "previous_report");
    assert.equal(
      next.report.pnl.baseEquity,
      (await getReport(store, accountId, today))!.equity.total,
    );
    assert.deepEqual(
      (await listReports(store, accountId)).items.map((r) => r.date),
      ["2026-11-30", today],
    );
  });
  store.close();
  await listening;
});
