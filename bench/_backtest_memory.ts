// deno-lint-ignore-file no-console
/**
 * Memory of the full-market backtest: builds the 2,500 × 2,500 market, runs ma-cross(5,20)
 * through the engine and prints `Deno.memoryUsage()` in MiB.
 * Run: deno run -A bench/_backtest_memory.ts
 * @module
 */
import { backtestMarket, backtestOptions } from "../core/backtest/mod.ts";
import { IndicatorCache, maCross } from "../core/strategies/mod.ts";
import { syntheticMarket } from "./_backtest_market.ts";

const market = syntheticMarket(2_500, 2_500);
const options = backtestOptions({ cash: 10_000_000 });
const results = backtestMarket(
  market,
  maCross,
  { fast: 5, slow: 20 },
  options,
  new IndicatorCache(),
);
const usage = Deno.memoryUsage();
const mib = (bytes: number) => Math.round(bytes / 2 ** 20);
console.log(JSON.stringify({
  symbols: results.length,
  trades: results.reduce((sum, r) => sum + r.trades.length, 0),
  rssMiB: mib(usage.rss),
  heapUsedMiB: mib(usage.heapUsed),
  externalMiB: mib(usage.external),
}));
