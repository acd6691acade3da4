import assert from "node:assert/strict";
import { backtestOptions, backtestStrategy } from "../../core/backtest/mod.ts";
import { DEFAULT_CALENDAR, type IsoDate, parseSymbolCode, seoulDate } from "../../core/krx/mod.ts";
import { StoreConflictError } from "../../core/store/mod.ts";
import { createBars, getStrategy } from "../../core/strategies/mod.ts";
import {
  getSignal,
  getStrategyConfig,
  historyBars,
  runEnabledStrategies,
  runStrategy,
  saveStrategyConfig,
  setKillSwitch,
  type StrategyConfig,
  StrategyConfigError,
  type StrategyConfigInput,
  strategyConfigSchema,
  strategyOrderKey,
} from "../../core/trading/mod.ts";
import { type JournalRig, startJournal } from "./_journal.ts";

const symbol = parseSymbolCode("005930");

function depsOf(rig: JournalRig) {
  return {
    store: rig.store,
    broker: rig.e2e.broker,
    journal: rig.journal,
    log: (level: string, message: string) => rig.lines.push({ level, message }),
  };
}

/** The day the rig's runs happen on, and the completed bar they read. */
function daysOf(rig: JournalRig): { day: IsoDate; barDate: IsoDate } {
  const day = seoulDate(rig.now());
  return { day, barDate: DEFAULT_CALENDAR.previousTradingDay(day) };
}

/** The bars a run of `config` reads, fetched as the runner fetches them. */
async function barsFor(rig: JournalRig, config: StrategyConfig) {
  const { barDate } = daysOf(rig);
  const from = DEFAULT_CALENDAR.addTradingDays(barDate, 1 - historyBars(config));
  const daily = (await rig.e2e.broker.getDailyBars(symbol, { from, to: barDate }))
    .filter((b) => b.date <= barDate);
  return createBars({
    dates: daily.map((b) => b.date),
    open: daily.map((b) => b.open),
    high: daily.map((b) => b.high),
    low: daily.map((b) => b.low),
    close: daily.map((b) => b.close),
    volume: daily.map((b) => b.volume),
  });
}

/**
 * An ma-cross config on the seeded market whose latest completed bar says `want`, found by
 * trying periods (the simulator's history is fixed by its seed).
 */
async function configWithTarget(
  rig: JournalRig,
  want: 0 | 1,
  extra: Partial<StrategyConfigInput> = {},
): Promise<StrategyConfig> {
  for (let fast = 2; fast <= 10; fast++) {
    for (let slow = fast + 1; slow <= 40; slow++) {
      const config = strategyConfigSchema.parse({
        id: `ma-${fast}-${slow}`,
        strategy: "ma-cross",
        params: { fast, slow },
        symbols: [symbol],
        ...extra,
      });
      const targets = getStrategy("ma-cross").targets(
        await barsFor(rig, config),
        config.params as { fast: number; slow: number },
      );
      if (targets[targets.length - 1] === want) return config;
    }
  }
  throw new Error(`no ma-cross periods give target ${want}`);
}

Deno.test("a long signal places one buy sized by its rule, once per day", async (t) => {
  await using rig = await startJournal();
  const config = await configWithTarget(rig, 1, { sizing: { kind: "fixed", amount: 1_000_000 } });
  const [signal] = await runStrategy(config, depsOf(rig));
  const { day, barDate } = daysOf(rig);
  await t.step("one limit buy within the fixed amount, fee included", () => {
    assert.equal(signal?.action, "buy");
    assert.equal(signal?.barDate, barDate);
    assert.equal(signal?.outcome.kind, "order");
    const orders = rig.e2e.sim.market.orders();
    assert.equal(orders.length, 1);
    const order = orders[0]!;
    assert.equal(order.side, "buy");
    const cost = (qty: number) => order.price * qty + Math.floor(order.price * qty * 0.00015);
    assert.ok(cost(order.qty) <= 1_000_000, `${order.qty} shares fit ₩1,000,000`);
    assert.ok(cost(order.qty + 1) > 1_000_000, "one more share would not");
    assert.equal(signal?.idempotencyKey, strategyOrderKey(config.id, day, symbol, 1));
  });
  await t.step("running again the same day places nothing new", async () => {
    const [again] = await runStrategy(config, depsOf(rig));
    assert.equal(rig.e2e.sim.market.orders().length, 1);
    assert.equal(again?.outcome.kind, "order");
    assert.deepEqual(
      again?.outcome.kind === "order" && again.outcome.orderId,
      signal?.outcome.kind === "order" && signal.outcome.orderId,
      "the second run found the first run's order under the day's key",
    );
  });
  await t.step("the signal is stored under the config, day and symbol", async () => {
    const stored = await getSignal(rig.store.kv, config.id, day, symbol);
    assert.equal(stored?.target, 1);
    assert.equal(stored?.barDate, barDate);
  });
});

Deno.test("an equity-fraction market buy is sized at the upper limit, where KIS holds cash", async () => {
  await using rig = await startJournal();
  const config = await configWithTarget(rig, 1, {
    sizing: { kind: "equity-fraction", fraction: 0.01 },
    orderType: "market",
  });
  const equity = (await rig.e2e.broker.getBalance()).summary.totalValue;
  const { upperLimit } = await rig.e2e.broker.getQuote(symbol);
  const [signal] = await runStrategy(config, depsOf(rig));
  assert.equal(signal?.outcome.kind, "order");
  const [order] = rig.e2e.sim.market.orders();
  const budget = Math.floor(equity * 0.01);
  const cost = (qty: number) => upperLimit * qty + Math.floor(upperLimit * qty * 0.00015);
  assert.ok(order !== undefined && cost(order.qty) <= budget && cost(order.qty + 1) > budget);
});

Deno.test("a flat signal with a position sells the whole position", async () => {
  await using rig = await startJournal();
  await rig.journal.placeOrder({
    idempotencyKey: "setup",
    order: { type: "market", side: "buy", symbol, quantity: 7 },
  });
  const held = rig.e2e.sim.market.account().holdings.find((h) => h.code === symbol)?.qty;
  assert.equal(held, 7, "the setup buy filled");
  const config = await configWithTarget(rig, 0, { orderType: "market" });
  const [signal] = await runStrategy(config, depsOf(rig));
  assert.equal(signal?.action, "sell");
  assert.equal(signal?.position, 7);
  const sells = rig.e2e.sim.market.orders().filter((o) => o.side === "sell");
  assert.equal(sells.length, 1);
  assert.equal(sells[0]!.qty, 7);
});

Deno.test("a disabled config reads and writes nothing", async () => {
  await using rig = await startJournal();
  const config = await configWithTarget(rig, 1, { enabled: false });
  assert.deepEqual(await runStrategy(config, depsOf(rig)), []);
  assert.equal(rig.e2e.sim.market.orders().length, 0);
  assert.equal(await getSignal(rig.store.kv, config.id, daysOf(rig).day, symbol), null);
});

Deno.test("a risk rejection is stored with the signal and places no order", async () => {
  await using rig = await startJournal();
  await setKillSwitch(rig.store, { on: true, reason: "test", by: "test" });
  const config = await configWithTarget(rig, 1, { sizing: { kind: "fixed", amount: 1_000_000 } });
  const [signal] = await runStrategy(config, depsOf(rig));
  assert.equal(rig.e2e.sim.market.orders().length, 0);
  const stored = await getSignal(rig.store.kv, config.id, daysOf(rig).day, symbol);
  assert.deepEqual(stored, signal);
  assert.equal(stored?.outcome.kind, "rejected");
  if (stored?.outcome.kind === "rejected") {
    assert.deepEqual(stored.outcome.rejections.map((r) => r.code), ["kill_switch"]);
  }
});

Deno.test("the enabled configs in the store run; a failing symbol is stored and the run goes on", async () => {
  await using rig = await startJournal();
  const long = await configWithTarget(rig, 1, { sizing: { kind: "fixed", amount: 1_000_000 } });
  const unknown = parseSymbolCode("999990");
  await saveStrategyConfig(rig.store, { ...long, symbols: [unknown, symbol] }, null);
  await saveStrategyConfig(rig.store, { ...long, id: "off", enabled: false }, null);
  const runs = await runEnabledStrategies(depsOf(rig));
  assert.deepEqual([...runs.keys()], [long.id]);
  const [failed, placed] = runs.get(long.id)!;
  assert.equal(failed?.outcome.kind, "error");
  assert.match(failed?.outcome.kind === "error" ? failed.outcome.message : "", /invalid_symbol/);
  assert.equal(placed?.outcome.kind, "order");
  assert.equal(rig.e2e.sim.market.orders().length, 1);
  assert.deepEqual(await getSignal(rig.store.kv, long.id, daysOf(rig).day, unknown), failed);
  assert.ok(rig.lines.some((l) => l.level === "error" && /symbol's run failed/.test(l.message)));
});

Deno.test("the signal is the backtest's target for the same bar", async () => {
  await using rig = await startJournal();
  const configs = [
    await configWithTarget(rig, 1),
    ...["rsi", "bollinger", "composite"].map((strategy) =>
      strategyConfigSchema.parse({ id: strategy, strategy, symbols: [symbol] })
    ),
  ];
  for (const config of configs) {
    const bars = await barsFor(rig, config);
    const strategy = getStrategy(config.strategy);
    const result = backtestStrategy(bars, strategy, config.params as never, backtestOptions());
    // a one-won budget buys nothing, so each config's run leaves the account as it was
    const [signal] = await runStrategy(
      { ...config, sizing: { kind: "fixed", amount: 1 } },
      depsOf(rig),
    );
    assert.equal(signal?.barDate, bars.dates.at(-1));
    assert.equal(signal?.target, result.targets.at(-1), config.strategy);
  }
  assert.equal(rig.e2e.sim.market.orders().length, 0);
});

Deno.test("strategy configs: validated, versionstamp-checked and audited", async (t) => {
  await using rig = await startJournal();
  const input: StrategyConfigInput = {
    id: "ma",
    strategy: "ma-cross",
    params: { fast: 5, slow: 20 },
    symbols: [symbol],
  };
  await t.step("invalid params are refused naming the field; nothing is stored", async () => {
    await assert.rejects(
      saveStrategyConfig(rig.store, { ...input, params: { fast: 0 } }, null),
      (error: unknown) =>
        error instanceof StrategyConfigError &&
        error.problems.includes(
          'params: ma-cross parameter "fast" must be an integer from 1 to 250 (got 0)',
        ),
    );
    assert.equal(await getStrategyConfig(rig.store.kv, "ma"), null);
  });
  const created = await saveStrategyConfig(rig.store, input, null);
  await t.step("creating an existing id or updating a stale version conflicts", async () => {
    await assert.rejects(saveStrategyConfig(rig.store, input, null), StoreConflictError);
    const updated = await saveStrategyConfig(
      rig.store,
      { ...input, enabled: false },
      created.versionstamp,
    );
    assert.equal(updated.config.enabled, false);
    await assert.rejects(
      saveStrategyConfig(rig.store, input, created.versionstamp),
      StoreConflictError,
    );
    assert.equal((await getStrategyConfig(rig.store.kv, "ma"))?.config.enabled, false);
  });
  await t.step("every change is in the audit log", async () => {
    const actions = (await rig.store.audit.list({ limit: 1000 })).items
      .filter((e) => e.subject === "ma").map((e) => e.action);
    assert.deepEqual(actions, ["strategy_config_created", "strategy_config_updated"]);
  });
});
