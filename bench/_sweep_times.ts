// deno-lint-ignore-file no-console
/**
 * Wall time of back-to-back 100-pair sweeps over the bench market, on the calling thread and on
 * two worker threads, each call printed: a quick check of the sweep rows in docs/performance.md
 * without the tight-loop peer's ten seconds a call. The first two-worker call starts the pool.
 *
 * Run: `deno run -A bench/_sweep_times.ts [calls]`
 */
import { backtestOptions, sweep } from "../core/backtest/mod.ts";
import { workerThreadPool } from "../core/backtest/sweep/worker_pool.ts";
import { syntheticMarket } from "./_backtest_market.ts";

const calls = Number(Deno.args[0] ?? 4);
const market = syntheticMarket(2_500, 2_500);
const options = backtestOptions({ cash: 10_000_000 });
const grid = {
  fast: [2, 3, 4, 5, 6, 7, 8, 9, 10, 12],
  slow: [15, 20, 25, 30, 40, 50, 60, 80, 100, 120],
};

const pool = workerThreadPool();
for (const workers of [0, 2]) {
  const seconds: string[] = [];
  for (let i = 0; i < calls; i++) {
    const start = performance.now();
    await sweep({ strategy: "ma-cross", grid, universe: market, options, workers, pool });
    seconds.push(((performance.now() - start) / 1_000).toFixed(2));
  }
  console.log(`workers ${workers}: ${seconds.join(" ")} s`);
}
