import assert from "node:assert/strict";
import type { Alert } from "../../core/alerts/mod.ts";
import { AlertRepository, exitKeyOf } from "../../core/alerts/repository.ts";
import { MARKET_DAY_PREFIX } from "../../core/broker/kis/mod.ts";
import type { TradeTick } from "../../core/broker/mod.ts";
import { parseIsoDate, parseSymbolCode, tickSize } from "../../core/krx/mod.ts";
import {
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  verifyWebhookSignature,
} from "../../core/notify/mod.ts";
import { getRun, rebalanceOrderKey, type RebalanceRun } from "../../core/rebalance/mod.ts";
import { getReport, renderReportMarkdown, reportDedupeKey } from "../../core/report/mod.ts";
import { DEMO_STRATEGY_CONFIGS } from "../../core/runtime/mod.ts";
import {
  fillsOn,
  type JournalOrder,
  listPositions,
  listSignals,
  OrderJournal,
  saveRiskLimits,
  saveStrategyConfig,
} from "../../core/trading/mod.ts";
import { expectError, expectJson, sendJson } from "../api/_api.ts";
import { within } from "../broker/kis/_e2e.ts";
import { startTradingDay, WEBHOOK_SECRET } from "./_day.ts";

const DAY = parseIsoDate("2026-11-27");
const SAMSUNG = parseSymbolCode("005930");
const NAVER = parseSymbolCode("035420");
const KAKAO = parseSymbolCode("035720");
const LG_CHEM = parseSymbolCode("051910");
const MA_CROSS = DEMO_STRATEGY_CONFIGS[0]!;

/** KST `HH:MM` of the simulated day. */
const at = (hhmm: string) => new Date(`${DAY}T${hhmm}:00+09:00`);

/** The user's limits: wide enough that a resting buy can hold most of the cash. */
const LIMITS = {
  maxOrderKrw: 20_000_000,
  maxDailyKrw: 100_000_000,
  maxPositionWeightBps: 10_000,
  maxOpenOrders: 50,
};

/** The KIS order number a journal order was given, or null before KIS knew it. */
const orderNoOf = (order: JournalOrder) => "ref" in order ? order.ref.orderNo : null;

/** Polls `condition` every 10 ms of real time, failing naming `what` after 10 s. */
function eventually(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  return within(
    (async () => {
      while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 10));
    })(),
    what,
  );
}

Deno.test("a mock trading day: pre-open, strategy run, fills, a realtime alert exit, rebalancing and the delivered report", async (t) => {
  await using day = await startTradingDay(at("07:29"), async (store) => {
    await saveRiskLimits(store, LIMITS, "flow");
    await saveStrategyConfig(store, MA_CROSS, null);
  });
  const { e2e, store, accountId, clock, runtime } = day;
  const { sim } = e2e;
  const engine = runtime.engine!;
  const trader = day.api("trader");
  const journal = () => new OrderJournal({ store, broker: e2e.broker, accountId, limits: LIMITS });
  const lastRun = async (name: string) =>
    (await engine.jobs()).find((job) => job.name === name)?.lastRun ?? null;
  const ledger = () => sim.market.orders();
  const journalOrders = async (): Promise<JournalOrder[]> =>
    (await expectJson<{ items: JournalOrder[] }>(
      await trader.request("/api/v1/orders?limit=100"),
      200,
    )).items;

  await t.step("07:30 the holiday refresh stores KIS's market days", async () => {
    await clock.advanceTo(at("07:30"));
    assert.deepEqual(clock.fired.map((f) => f.name), ["holiday-refresh"]);
    assert.equal((await lastRun("holiday-refresh"))?.state, "ok");
    const days = await Array.fromAsync(store.kv.list({ prefix: [...MARKET_DAY_PREFIX] }));
    assert.equal(String(days[0]?.key[MARKET_DAY_PREFIX.length]), DAY);
  });

  await t.step(
    "08:20, before KRX takes orders: an order is refused market_closed and nothing changes",
    async () => {
      await clock.advanceTo(at("08:20"));
      const error = await expectError(
        await sendJson(trader, "POST", "/api/v1/orders", {
          symbol: SAMSUNG,
          side: "buy",
          quantity: 1,
          type: "market",
        }, { "Idempotency-Key": "early-bird" }),
        409,
      );
      assert.equal(error.code, "market_closed");
      assert.equal(ledger().length, 0, "nothing at the simulator");
      assert.equal(await journal().byIdempotencyKey("early-bird"), null, "no intent");
      assert.deepEqual(await journalOrders(), []);
      assert.equal((await store.audit.list()).items.some((e) => e.kind === "order"), false);
    },
  );

  await t.step("08:50 the pre-open check passes and records its status", async () => {
    await clock.advanceTo(at("08:50"));
    const run = await lastRun("pre-open-check");
    assert.equal(run?.state, "ok");
    const line = day.lines.find((l) => l.message === "pre-open check");
    assert.equal(line?.level, "info");
    assert.deepEqual(line?.fields.balance, { totalValue: sim.market.account().cash, holdings: 0 });
    assert.deepEqual(line?.fields.problems, []);
    assert.equal(line?.fields.broker, "ok");
  });

  let bought: JournalOrder[] = [];
  await t.step(
    "09:10 the strategy run signals and its orders reach the simulator through the journal",
    async () => {
      await clock.advanceTo(at("09:10"));
      assert.equal((await lastRun("strategy-run"))?.state, "ok");
      const signals = (await listSignals(store.kv, MA_CROSS.id!)).items;
      assert.deepEqual(signals.map((s) => s.symbol).sort(), [...MA_CROSS.symbols].sort());
      const ordered = signals.filter((s) => s.outcome.kind === "order");
      assert.ok(ordered.length > 0, "the demo's moving-average config buys on seed 1");
      bought = await Promise.all(
        ordered.map(async (s) => (await journal().byIdempotencyKey(s.idempotencyKey!))!),
      );
      assert.deepEqual(
        ledger().map((o) => `${o.side} ${o.symbol.code} ${o.qty}`).sort(),
        bought.map((o) => `${o.request.side} ${o.request.symbol} ${o.request.quantity}`).sort(),
      );
      for (const order of bought) {
        assert.ok(ledger().some((o) => o.odno === orderNoOf(order)), `${order.id} at KIS`);
      }
    },
  );

  await t.step(
    "09:15 reconciliation records each fill the simulator made; the positions sync to its balance",
    async () => {
      await clock.advanceTo(at("09:15"));
      const fills = await fillsOn(store, accountId, DAY);
      for (const order of bought) {
        const atKis = ledger().find((o) => o.odno === orderNoOf(order))!;
        assert.equal(atKis.remaining, 0, "a market buy fills in the session");
        const recorded = (await journal().get(order.id))!;
        assert.equal(recorded.status, "filled");
        const own = fills.filter((f) => f.orderId === order.id);
        assert.equal(own.reduce((sum, f) => sum + f.quantity, 0), atKis.filledQty);
        assert.equal(own.reduce((sum, f) => sum + f.amount, 0), atKis.filledAmount);
      }
      await expectJson(await sendJson(trader, "POST", "/api/v1/positions/sync", {}), 200);
      const positions = (await listPositions(store, accountId)).items;
      assert.deepEqual(
        positions.map((p) => `${p.symbol} ${p.quantity}`).sort(),
        sim.market.account().holdings.map((h) => `${h.code} ${h.qty}`).sort(),
      );
    },
  );

  let exitAlert = "";
  await t.step(
    "a take-profit on Samsung fires once from the realtime trade stream: notified, the position sold once",
    async () => {
      const held = sim.market.account().holdings.find((h) => h.code === SAMSUNG);
      assert.ok(held, "the morning's buy holds Samsung");
      const price = sim.market.price(SAMSUNG);
      const level = price + tickSize(price);
      const alerts = new AlertRepository(store);
      const { alert } = await expectJson<{ alert: Alert }>(
        await sendJson(trader, "POST", "/api/v1/alerts", {
          symbol: SAMSUNG,
          rule: { kind: "take_profit", trigger: { basis: "price", price: level } },
          action: { kind: "notify_and_exit", quantity: { kind: "all" } },
        }),
        201,
      );
      exitAlert = alert.id;
      // the test's own view of the tape, on the broker's socket the watcher shares
      const tape = await e2e.broker.stream({ trades: [SAMSUNG] });
      const seen: TradeTick[] = [];
      const reading = (async () => {
        for await (const event of tape) if (event.type === "trade") seen.push(event);
      })();
      await runtime.refreshAlerts();
      const fired = () => day.lines.some((l) => l.message === "alert triggered");
      // before a minute's jobs (the sweep among them) run, the stream has delivered the minute's
      // trades, and a crossing trade has been acted on by the realtime watcher
      const settle = async () => {
        const until = kstTime(sim.clock.now().getTime() - TAPE_MS);
        await eventually(() => (seen.at(-1)?.time ?? "") >= until, `the trades up to ${until}`);
        if (seen.some((trade) => trade.price >= level)) await eventually(fired, "the trigger");
      };
      while (!fired()) {
        assert.ok(sim.clock.now() < at("12:00"), `Samsung never traded at ${level} by noon`);
        await clock.advanceTo(new Date(sim.clock.now().getTime() + 60_000), settle);
      }
      await tape.close();
      await reading;

      const stored = (await alerts.get(accountId, alert.id))!.alert;
      assert.equal(stored.state.status, "triggered");
      const triggers = (await alerts.triggers(accountId)).items;
      assert.deepEqual(triggers.map((r) => r.alertId), [alert.id]);
      const line = day.lines.find((l) => l.message === "alert triggered")!;
      assert.equal(line.fields.alert, alert.id);
      assert.equal(line.fields.result, "fired");
      assert.equal(day.lines.some((l) => l.message === "alert sweep fired"), false);
      const exit = (await journal().byIdempotencyKey(exitKeyOf(alert.id)))!;
      assert.deepEqual(exit.request, {
        type: "market",
        side: "sell",
        symbol: SAMSUNG,
        quantity: held.qty,
      });
      const sells = ledger().filter((o) => o.side === "sell");
      assert.deepEqual(sells.map((o) => [o.odno, o.symbol.code, o.qty]), [
        [orderNoOf(exit), SAMSUNG, held.qty],
      ]);
      assert.equal(sim.market.account().holdings.some((h) => h.code === SAMSUNG), false);
      await eventually(
        () => day.receiver.requests.some((r) => JSON.parse(r.body).kind === "alert"),
        "the alert's webhook delivery",
      );
    },
  );

  await t.step("later ticks and sweeps fire nothing more and sell nothing more", async () => {
    const before = ledger().length;
    await clock.advanceTo(at("10:30"));
    assert.equal(ledger().length, before);
    assert.equal((await lastRun("alert-sweep"))?.state, "ok");
    assert.equal((await new AlertRepository(store).triggers(accountId)).items.length, 1);
    const alertDeliveries = day.receiver.requests.filter((r) =>
      JSON.parse(r.body).kind === "alert"
    );
    assert.equal(alertDeliveries.length, 1);
  });

  const targets = async (extra: { symbol: string; weight: number }[]) => {
    // the held symbols at their weight now, so only the new targets trade
    const balance = await e2e.broker.getBalance();
    const equity = balance.holdings.reduce(
      (sum, h) => sum + h.price * h.quantity,
      balance.summary.settledCashD2,
    );
    const held = balance.holdings.filter((h) => h.quantity > 0).map((h) => ({
      symbol: h.symbol,
      weight: Math.round((h.price * h.quantity * 100) / equity) / 100,
    }));
    const config = { targets: [...held, ...extra], driftBand: 2, orderType: "market" };
    await expectJson(await sendJson(trader, "PUT", "/api/v1/rebalancing/targets", config), 200);
  };
  const execute = async (runId: string) =>
    (await expectJson<{ run: RebalanceRun }>(
      await sendJson(trader, "POST", "/api/v1/rebalancing/runs", {}, { "Idempotency-Key": runId }),
      201,
    )).run;

  await t.step(
    "11:00 a rebalancing run buys the new target through the journal; held symbols stay",
    async () => {
      await clock.advanceTo(at("11:00"));
      await targets([{ symbol: NAVER, weight: 0.1 }]);
      const before = ledger().length;
      const run = await execute("rebalance-1100");
      assert.equal(run.result, "completed");
      assert.deepEqual(run.orders.map((o) => [o.request.side, o.request.symbol]), [["buy", NAVER]]);
      const placed = ledger().slice(before);
      const order =
        (await journal().byIdempotencyKey(rebalanceOrderKey(run.id, run.plan.orders[0]!)))!;
      assert.deepEqual(placed.map((o) => [o.odno, o.side, o.symbol.code, o.qty]), [
        [orderNoOf(order), "buy", NAVER, run.orders[0]!.request.quantity],
      ]);
      await clock.advanceTo(at("11:05"));
      assert.equal((await journal().get(order.id))?.status, "filled");
      assert.deepEqual(await getRun(store, accountId, run.id), run);
    },
  );

  await t.step(
    "13:00 with the cash held by a resting buy, a run's buy is skipped insufficient_cash and nothing is placed",
    async () => {
      await clock.advanceTo(at("13:00"));
      const quote = await e2e.broker.getQuote(KAKAO);
      const quantity = Math.floor((sim.market.account().orderableCash * 0.9) / quote.lowerLimit);
      const resting = await expectJson<{ order: JournalOrder }>(
        await sendJson(trader, "POST", "/api/v1/orders", {
          symbol: KAKAO,
          side: "buy",
          quantity,
          type: "limit",
          price: quote.lowerLimit,
        }, { "Idempotency-Key": "kakao-at-the-floor" }),
        201,
      );
      assert.equal(resting.order.status, "submitted");
      assert.equal(ledger().at(-1)?.remaining, quantity, "it rests at the simulator");
      await targets([{ symbol: LG_CHEM, weight: 0.2 }]);
      const before = ledger().length;
      const run = await execute("rebalance-1300");
      assert.equal(run.result, "rejected");
      assert.equal(run.orders.length, 1);
      const [skipped] = run.orders;
      assert.deepEqual([skipped!.request.side, skipped!.request.symbol], ["buy", LG_CHEM]);
      assert.equal(skipped!.outcome.kind, "skipped");
      assert.ok(
        skipped!.outcome.kind === "skipped" && skipped!.outcome.reason === "insufficient_cash",
      );
      assert.ok(skipped!.outcome.availableKrw <= sim.market.account().orderableCash);
      assert.ok(skipped!.outcome.availableKrw < run.plan.orders[0]!.value, "short of the buy");
      assert.equal(ledger().length, before, "nothing at the simulator");
      assert.equal(await journal().byIdempotencyKey(skipped!.idempotencyKey), null, "no intent");
      assert.deepEqual(await getRun(store, accountId, run.id), run);
      // an order of the user's own over the cash left is refused before anything is written
      const orders = (await journalOrders()).length;
      const lgChem = await e2e.broker.getQuote(LG_CHEM);
      const refused = await expectError(
        await sendJson(trader, "POST", "/api/v1/orders", {
          symbol: LG_CHEM,
          side: "buy",
          quantity: 5,
          type: "limit",
          price: lgChem.price,
        }, { "Idempotency-Key": "over-the-cash" }),
        422,
      );
      assert.equal(refused.code, "insufficient_cash");
      assert.equal(ledger().length, before, "nothing at the simulator");
      assert.equal((await journalOrders()).length, orders, "no intent");
    },
  );

  await t.step(
    "15:40 the daily report holds the day, and the webhook gets it once, signed",
    async () => {
      const before = ledger().length;
      await clock.advanceTo(at("15:40"));
      assert.equal(ledger().length, before, "the 15:10 run found its orders by their keys");
      assert.equal((await lastRun("daily-report"))?.state, "ok");
      const report = (await getReport(store, accountId, DAY))!;
      const orders = await journalOrders();
      assert.equal(report.orders.total, orders.length);
      assert.equal(orders.length, ledger().length, "every order at KIS is in the journal");
      const fills = await fillsOn(store, accountId, DAY);
      const row = (side: string, symbol: string, quantity: number) =>
        `${side} ${symbol} ${quantity}`;
      assert.deepEqual(
        report.trades.items.map((r) => row(r.side, r.symbol, r.quantity)).sort(),
        fills.map((f) => row(f.side, f.symbol, f.quantity)).sort(),
      );
      assert.deepEqual(
        fills.map((f) => row(f.side, f.symbol, f.quantity)).sort(),
        ledger().filter((o) => o.filledQty > 0).map((o) => row(o.side, o.symbol.code, o.filledQty))
          .sort(),
      );
      const sale = report.trades.items.find((r) => r.side === "sell" && r.symbol === SAMSUNG);
      const buy = fills.find((f) => f.side === "buy" && f.symbol === SAMSUNG)!;
      assert.ok(sale?.side === "sell");
      assert.equal(
        sale.averageCost,
        buy.amount / buy.quantity,
        "the exit's cost is the morning's buy",
      );
      assert.deepEqual(report.alerts.items.map((a) => a.alertId), [exitAlert]);
      const signals = (await listSignals(store.kv, MA_CROSS.id!)).items
        .filter((s) => s.action !== "none");
      assert.deepEqual(
        report.signals.items.map((s) => `${s.strategy} ${s.symbol} ${s.signal}`).sort(),
        signals.map((s) => `${s.strategy} ${s.symbol} ${s.action}`).sort(),
      );
      const runs = Object.fromEntries(report.rebalances.items.map((r) => [r.runId, r]));
      assert.deepEqual(Object.keys(runs).sort(), ["rebalance-1100", "rebalance-1300"]);
      assert.equal(runs["rebalance-1100"]?.buys, 1);
      assert.equal(runs["rebalance-1300"]?.buys, 0, "the skipped buy is no trade");
      assert.equal(runs["rebalance-1300"]?.tradedValue, 0);

      const isReport = (r: { body: string }) => JSON.parse(r.body).kind === "report";
      await eventually(() => day.receiver.requests.some(isReport), "the report's delivery");
      const deliveries = day.receiver.requests.filter(isReport);
      assert.equal(deliveries.length, 1);
      for (const received of day.receiver.requests) {
        const verdict = await verifyWebhookSignature(WEBHOOK_SECRET, {
          timestamp: received.headers.get(TIMESTAMP_HEADER),
          signature: received.headers.get(SIGNATURE_HEADER),
          body: received.body,
        });
        assert.equal(verdict.ok, true, `the ${JSON.parse(received.body).kind} delivery is signed`);
      }
      const delivery = deliveries[0]!;
      const payload = JSON.parse(delivery.body);
      assert.equal(payload.id, reportDedupeKey(report));
      assert.equal(payload.kind, "report");
      assert.equal(payload.markdown, renderReportMarkdown(report, { lang: "ko" }));
      for (const symbol of new Set(fills.map((f) => f.symbol))) {
        assert.ok(payload.markdown.includes(`(${symbol})`), `the report names ${symbol}`);
      }
      const kinds = day.receiver.requests.map((r) => JSON.parse(r.body).kind).sort();
      assert.deepEqual(kinds, ["alert", "report"], "nothing else was delivered");
    },
  );

  await t.step(
    "15:45, after the close: an order is refused market_closed and nothing changes",
    async () => {
      await clock.advanceTo(at("15:45"));
      const before = { ledger: ledger().length, orders: (await journalOrders()).length };
      const error = await expectError(
        await sendJson(trader, "POST", "/api/v1/orders", {
          symbol: SAMSUNG,
          side: "buy",
          quantity: 1,
          type: "market",
        }, { "Idempotency-Key": "late" }),
        409,
      );
      assert.equal(error.code, "market_closed");
      assert.deepEqual(
        { ledger: ledger().length, orders: (await journalOrders()).length },
        before,
      );
      assert.equal(await journal().byIdempotencyKey("late"), null);
    },
  );
});

const TAPE_MS = 5_000;

/** The KST time of day of `instant` as a trade tick carries it, `HH:MM:SS`. */
function kstTime(instant: number): string {
  return new Date(instant + 9 * 3_600_000).toISOString().slice(11, 19);
}
