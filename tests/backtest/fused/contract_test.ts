import assert from "node:assert/strict";
import {
  backtestOptions,
  type BacktestOptionsInput,
  backtestStrategy,
  type Metrics,
  runBacktest,
} from "../../../core/backtest/mod.ts";
import { fusedRun } from "../../../core/backtest/fused/mod.ts";
import { priceLimits } from "../../../core/krx/mod.ts";
import { STRATEGIES, type Strategy, type StrategyId } from "../../../core/strategies/mod.ts";
import { OPTION_CASES, PAIRS, SERIES } from "./_series.ts";

/** Parameters to run for each strategy that offers a fused kernel. */
const PARAMS: Partial<Record<StrategyId, readonly unknown[]>> = {
  "ma-cross": PAIRS.map(([fast, slow]) => ({ fast, slow })),
};

const FUSED = Object.values(STRATEGIES).filter((s) => s.fusedSignal !== undefined) as Strategy<
  unknown
>[];

/**
 * Runs `strategy` under every option case through the fused path and the general engine and
 * asserts they agree to the bit: metrics, trades, fills and equity, with and without a trade log.
 */
async function assertFusedEqualsGeneral(
  t: Deno.TestContext,
  strategy: Strategy<unknown>,
  cases: readonly (readonly [string, BacktestOptionsInput])[],
) {
  const paramSets = PARAMS[strategy.id];
  assert.ok(paramSets !== undefined, `${strategy.id} offers a fused kernel but has no cases`);
  let fusedRuns = 0;
  for (const [name, input] of cases) {
    await t.step(`${strategy.id}: ${name}`, () => {
      const options = backtestOptions(input);
      const fused = fusedRun(strategy, options);
      const tallyOnly = fusedRun(strategy, options, { keepTrades: false });
      assert.ok(fused !== null && tallyOnly !== null);
      for (const [s, bars] of SERIES.entries()) {
        for (const params of paramSets as readonly unknown[]) {
          const where: string = `series ${s}, ${JSON.stringify(params)}`;
          const general = runBacktest(bars, strategy.targets(bars, params), options, "000660");
          const equity = new Float64Array(bars.close.length);
          const metrics: Metrics | null = fused.metrics(bars, params, equity);
          if (metrics === null) continue;
          fusedRuns++;
          assert.deepEqual(metrics, general.metrics, where);
          assert.deepEqual(fused.trades("000660"), general.trades, where);
          assert.deepEqual(fused.fills("000660"), general.fills, where);
          assert.deepEqual(equity, general.equity, where);
          assert.deepEqual(tallyOnly.metrics(bars, params), general.metrics, `${where}, no log`);
          assert.deepEqual(backtestStrategy(bars, strategy, params, options, "000660"), general);
        }
      }
    });
  }
  return fusedRuns;
}

Deno.test("every strategy's fused kernel gives the general engine's results to the bit", async (t) => {
  assert.ok(FUSED.length > 0);
  for (const strategy of FUSED) {
    const runs = await assertFusedEqualsGeneral(t, strategy, OPTION_CASES);
    assert.ok(runs >= OPTION_CASES.length * SERIES.length, `${strategy.id}: ${runs} fused runs`);
  }
});

Deno.test("the contract cases cover blocked orders, many trades and each tax rate change", () => {
  let blocked = 0;
  let trades = 0;
  const taxYears = new Set<string>();
  for (const [, input] of OPTION_CASES) {
    const options = backtestOptions(input);
    for (const bars of SERIES) {
      for (const [fast, slow] of PAIRS) {
        const general = backtestStrategy(bars, STRATEGIES["ma-cross"], { fast, slow }, options);
        blocked += general.metrics.blockedOrders;
        trades += general.metrics.trades;
        for (const f of general.fills) if (f.side === "sell") taxYears.add(f.date.slice(0, 4));
      }
    }
  }
  assert.ok(blocked > 20, `blocked orders: ${blocked}`);
  assert.ok(trades > 1_000, `trades: ${trades}`);
  for (const year of ["2023", "2024", "2025", "2026"]) assert.ok(taxYears.has(year), year);
});

Deno.test("a strategy without a fused kernel, or fills at the close, take the general engine", () => {
  assert.equal(fusedRun(STRATEGIES.rsi as Strategy<unknown>, backtestOptions()), null);
  assert.equal(fusedRun(STRATEGIES["ma-cross"], backtestOptions({ fill: "close" })), null);
});

Deno.test("the contract cases cover locked limits, slippage stopped at a limit and no volume", () => {
  const locked = SERIES.slice(-2);
  const counts = { atLimit: 0, capped: 0, noVolume: 0, lockedFills: 0 };
  for (const bars of locked) {
    for (let i = 1; i < bars.close.length; i++) {
      const { upper, lower } = priceLimits(bars.close[i - 1]!);
      if (bars.open[i] === upper || bars.open[i] === lower) counts.atLimit++;
      if (bars.volume[i] === 0) counts.noVolume++;
    }
  }
  const fillsUnder = (name: string) => {
    const options = backtestOptions(OPTION_CASES.find(([n]) => n === name)![1]);
    return locked.flatMap((bars) =>
      PAIRS.flatMap(([fast, slow]) =>
        backtestStrategy(bars, STRATEGIES["ma-cross"], { fast, slow }, options).fills.map((f) => {
          const i = bars.dates.indexOf(f.date);
          return { fill: f, open: bars.open[i]!, limits: priceLimits(bars.close[i - 1]!) };
        })
      )
    );
  };
  for (const { fill, open, limits } of fillsUnder("two ticks of slippage, stopped at the limits")) {
    const limit = fill.side === "buy" ? limits.upper : limits.lower;
    if (fill.price === limit && open !== limit) counts.capped++;
  }
  for (const { fill, open, limits } of fillsUnder("locked limits fill, 1 % slippage")) {
    if (open === (fill.side === "buy" ? limits.upper : limits.lower)) counts.lockedFills++;
  }
  assert.ok(counts.atLimit > 80, `opens at a limit: ${counts.atLimit}`);
  assert.ok(counts.noVolume > 40, `bars without volume: ${counts.noVolume}`);
  assert.ok(counts.capped > 5, `fills stopped at a limit: ${counts.capped}`);
  assert.ok(counts.lockedFills > 5, `fills at a locked limit: ${counts.lockedFills}`);
});
