import assert from "node:assert/strict";
import { AlertRepository } from "@/core/alerts/repository.ts";
import { markTriggered } from "@/core/alerts/mod.ts";
import { KvJobStatusStore } from "@/core/jobs/mod.ts";
import { saveSignal, saveStrategyConfig, setKillSwitch } from "@/core/trading/mod.ts";
import {
  loadAlerts,
  loadHealth,
  loadOrders,
  loadPortfolio,
  loadStrategies,
} from "@/core/web/views/mod.ts";
import { startJournal } from "../../trading/_journal.ts";

/** Every read asks the broker: these steps change the account between reads. */
const FRESH = { balanceMaxAgeMs: 0 };

Deno.test("page loaders read the store and the simulated broker as the pages show them", async (t) => {
  await using rig = await startJournal();
  const { store, journal, accountId } = rig;
  const broker = rig.e2e.broker;

  await t.step("an empty account: cash only, no holdings, no orders", async () => {
    const view = await loadPortfolio({ store, broker }, accountId, "현금", FRESH);
    assert.ok(view.balance.ok);
    const { totals, holdings, allocation } = view.balance.value;
    assert.deepEqual(holdings, []);
    assert.equal(totals.profitLossBp, null);
    assert.deepEqual(allocation.map((s) => [s.symbol, s.label, s.weightBp]), [
      [null, "현금", 10_000],
    ]);
    assert.deepEqual(view.recentOrders, []);
    assert.deepEqual((await loadOrders(store, accountId)).rows, []);
  });

  const bought = await journal.placeOrder({
    idempotencyKey: "views-buy",
    order: { type: "market", side: "buy", symbol: "005930" as never, quantity: 10 },
  });
  const low = (await broker.getQuote("000660" as never)).lowerLimit;
  const resting = await journal.placeOrder({
    idempotencyKey: "views-resting",
    order: { type: "limit", side: "buy", symbol: "000660" as never, quantity: 1, price: low },
  });

  await journal.reconcile();

  await t.step("a bought holding: its value, weight and return, and cash the rest", async () => {
    const view = await loadPortfolio({ store, broker }, accountId, "현금", FRESH);
    assert.ok(view.balance.ok);
    const { totals, holdings, allocation } = view.balance.value;
    assert.equal(holdings.length, 1);
    const holding = holdings[0]!;
    assert.equal(holding.symbol, "005930");
    assert.equal(holding.quantity, 10);
    assert.equal(holding.value, holding.price * 10);
    assert.equal(holding.weightBp, Math.round(holding.value * 10_000 / totals.equity));
    const total = allocation.reduce((sum, slice) => sum + slice.value, 0);
    assert.equal(total, totals.equity, "the slices add up to the equity");
    assert.equal(allocation.at(-1)!.symbol, null);
    assert.deepEqual(view.recentOrders.map((o) => o.id), [resting.id, bought.id]);
  });

  await t.step("orders: newest first, filtered by status, with KIS order numbers", async () => {
    const all = await loadOrders(store, accountId);
    assert.deepEqual(all.rows.map((r) => r.id), [resting.id, bought.id]);
    const filled = all.rows.find((r) => r.id === bought.id)!;
    assert.match(filled.kisOrderNo ?? "", /^\d+-\d+$/);
    assert.equal(filled.status, "filled");
    assert.equal(filled.filledQuantity, 10);
    const open = all.rows.find((r) => r.id === resting.id)!;
    assert.deepEqual([open.status, open.price, open.filledQuantity], ["submitted", low, 0]);
    const submitted = await loadOrders(store, accountId, { status: "submitted" });
    assert.deepEqual(submitted.rows.map((r) => r.id), [resting.id]);
    assert.deepEqual((await loadOrders(store, accountId, { status: "rejected" })).rows, []);
  });

  await t.step("orders page through a cursor, one row at a time", async () => {
    const first = await loadOrders(store, accountId, { limit: 1 });
    assert.equal(first.rows.length, 1);
    assert.ok(first.cursor);
    const second = await loadOrders(store, accountId, { limit: 1, cursor: first.cursor });
    assert.deepEqual(second.rows.map((r) => r.id), [bought.id]);
    assert.equal(second.cursor, null);
  });

  await t.step("alerts with their last trigger, and the history newest first", async () => {
    const alerts = new AlertRepository(store);
    const quiet = await alerts.create({
      account: accountId,
      symbol: "005930",
      rule: { kind: "price_above", price: 1_000_000 },
    });
    const fired = await alerts.create({
      account: accountId,
      symbol: "000660",
      rule: { kind: "price_below", price: 500_000 },
    });
    const at = store.now();
    await alerts.trigger({
      alert: markTriggered(fired, 499_000, at),
      price: 499_000,
      at,
      level: 500_000,
      direction: "down",
    }, fired.updatedAt);
    const view = await loadAlerts(store, accountId);
    assert.deepEqual(view.alerts.map((a) => [a.alert.id, a.lastTrigger?.price ?? null]), [
      [quiet.id, null],
      [fired.id, 499_000],
    ]);
    assert.deepEqual(view.history.map((h) => h.alertId), [fired.id]);
    assert.deepEqual((await loadAlerts(store, "another-account")).alerts, []);
  });

  await t.step("the portfolio counts each symbol's active alerts, not triggered ones", async () => {
    const view = await loadPortfolio({ store, broker }, accountId, "현금", FRESH);
    assert.deepEqual(view.activeAlerts, { "005930": 1 });
  });

  await t.step("strategies with parameters and their latest signals first", async () => {
    await saveStrategyConfig(store, {
      id: "ma",
      strategy: "ma-cross",
      params: { fast: 5, slow: 20 },
      symbols: ["005930"],
    }, null);
    for (const day of ["2026-11-25", "2026-11-26"]) {
      await saveSignal(store, {
        configId: "ma",
        strategy: "ma-cross",
        symbol: "005930",
        tradingDay: day,
        barDate: day,
        close: 70_000,
        target: 1,
        position: 0,
        action: "buy",
        idempotencyKey: null,
        outcome: { kind: "hold" },
        at: Date.parse(`${day}T00:10:00Z`),
      });
    }
    const rows = await loadStrategies(store);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.config.params.fast, 5);
    assert.deepEqual(rows[0]!.signals.map((s) => s.tradingDay), ["2026-11-26", "2026-11-25"]);
  });

  await t.step("health: every job with its last run, the kill switch, the broker", async () => {
    await new KvJobStatusStore(store.kv).record({
      name: "reconcile",
      state: "error",
      startedAt: 1,
      finishedAt: 2,
      durationMs: 1,
      error: "boom",
    });
    await setKillSwitch(store, { on: true, reason: "점검", by: "test" });
    const view = await loadHealth({ mode: "demo", label: "모의 시장", store, broker }, FRESH);
    assert.equal(view.brokerError, null);
    assert.equal(view.killSwitch.on, true);
    assert.equal(view.jobs.length, 6);
    const reconcile = view.jobs.find((job) => job.name === "reconcile")!;
    assert.equal(reconcile.lastRun?.state, "error");
    assert.equal(view.jobs.find((job) => job.name === "daily-report")!.lastRun, null);
    // the page reads the detailed health the API answers with
    assert.equal(view.kv.reachable, true);
    assert.deepEqual(view.notifications, { queued: 0, retrying: 0, undelivered: 0 });
  });

  await t.step(
    "a broker answer that does not parse: the page says so, the journal still shows",
    async () => {
      rig.e2e.sim.faults.inject({ kind: "corruptFields", fields: { dnca_tot_amt: "many" } });
      const view = await loadPortfolio({ store, broker }, accountId, "현금", FRESH);
      assert.equal(view.balance.ok, false);
      assert.equal(view.recentOrders.length, 2);
      const health = await loadHealth({ mode: "demo", label: "모의 시장", store, broker }, FRESH);
      assert.ok(health.brokerError);
      rig.e2e.sim.faults.clear();
    },
  );
});
