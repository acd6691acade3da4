/**
 * Backtest benchmarks: the full market (2,500 symbols × 2,500 daily bars, ma-cross(5,20),
 * next-open fills, fee and dated tax) through the real engine against a bare loop doing the same
 * arithmetic, and a 100-pair (fast, slow) sweep over that market on one core and on two against
 * the tight-loop sweep one would write by hand.
 * @module
 */
import { backtestMarket, backtestOptions, sweep } from "../core/backtest/mod.ts";
import { IndicatorCache, maCross } from "../core/strategies/mod.ts";
import { workerThreadPool } from "../core/backtest/sweep/worker_pool.ts";
import { bareMarketLoop } from "./_backtest_baseline.ts";
import { syntheticMarket } from "./_backtest_market.ts";
import { type CrossPair, tightLoopSweep } from "./_backtest_sweep_baseline.ts";

const MARKET = syntheticMarket(2_500, 2_500);
const OPTIONS = backtestOptions({ cash: 10_000_000 });
const PARAMS = { fast: 5, slow: 20 };
const GRID = {
  fast: [2, 3, 4, 5, 6, 7, 8, 9, 10, 12],
  slow: [15, 20, 25, 30, 40, 50, 60, 80, 100, 120],
};
const PAIRS: CrossPair[] = GRID.fast.flatMap((fast) => GRID.slow.map((slow) => ({ fast, slow })));
const cache = new IndicatorCache();

const engineTotal = backtestMarket(MARKET, maCross, PARAMS, OPTIONS, cache)
  .reduce((sum, s) => sum + s.metrics.finalEquity, 0);
const bareTotal = bareMarketLoop(MARKET, 5, 20, OPTIONS.cash);
if (engineTotal !== bareTotal) {
  throw new Error(`engine and bare loop disagree: ${engineTotal} vs ${bareTotal}`);
}

Deno.bench({
  name: "bare loop: market ma-cross(5,20)",
  group: "full market 2,500 × 2,500",
  baseline: true,
  n: 30,
  warmup: 5,
  fn() {
    bareMarketLoop(MARKET, 5, 20, OPTIONS.cash);
  },
});

Deno.bench({
  name: "engine: backtestMarket ma-cross(5,20)",
  group: "full market 2,500 × 2,500",
  n: 30,
  warmup: 5,
  fn() {
    backtestMarket(MARKET, maCross, PARAMS, OPTIONS, cache);
  },
});

const swept = await sweep({
  strategy: "ma-cross",
  grid: GRID,
  universe: MARKET,
  options: OPTIONS,
  workers: 0,
});
const tight = tightLoopSweep(MARKET, PAIRS, OPTIONS.cash);
for (const [i, pair] of PAIRS.entries()) {
  const row = swept.rows.find((r) => {
    const params = r.params as CrossPair;
    return params.fast === pair.fast && params.slow === pair.slow;
  });
  const peer = tight[i]!;
  if (
    row === undefined || row.finalEquity !== peer.finalEquity || row.trades !== peer.trades ||
    row.feesPaid !== peer.feesPaid || row.taxPaid !== peer.taxPaid
  ) {
    throw new Error(
      `sweep and tight loop disagree on (${pair.fast}, ${pair.slow}): ` +
        `${row?.finalEquity} vs ${peer.finalEquity} KRW`,
    );
  }
}

Deno.bench({
  name: "tight loop: sweep 100 pairs, one core",
  group: "sweep 100 (fast, slow) pairs",
  baseline: true,
  n: 2,
  warmup: 1,
  fn() {
    tightLoopSweep(MARKET, PAIRS, OPTIONS.cash);
  },
});

const THREADS = workerThreadPool();
for (const [workers, name] of [[0, "one core"], [2, "two workers"]] as const) {
  Deno.bench({
    name: `sweep 100 pairs, ${name}`,
    group: "sweep 100 (fast, slow) pairs",
    n: 2,
    warmup: 1,
    async fn() {
      await sweep({
        strategy: "ma-cross",
        grid: GRID,
        universe: MARKET,
        options: OPTIONS,
        workers,
        pool: THREADS,
      });
    },
  });
}
