// deno-lint-ignore-file no-console
/**
 * The full-market engine against the bare loop, measured in pairs: each round times both back to
 * back (alternating which goes first), so a slow spell of the machine lands on both sides of a
 * ratio instead of on one whole bench, and prints every round's ratio with their minimum and
 * median. Nothing forces a collection between calls: the bare loop allocates two 20 KB arrays per
 * call and triggers none (checked with `--trace-gc`), so the engine's garbage is collected on the
 * engine's own clock; a forced full collection before each call made every engine call start from
 * a shrunken heap, about 40 ms slower (docs/performance.md).
 * Run: deno run -A bench/_backtest_ratio.ts [rounds]
 * @module
 */
import { backtestMarket, backtestOptions } from "../core/backtest/mod.ts";
import { IndicatorCache, maCross } from "../core/strategies/mod.ts";
import { bareMarketLoop } from "./_backtest_baseline.ts";
import { syntheticMarket } from "./_backtest_market.ts";

const WARM_UP_ROUNDS = 5;
const rounds = Number(Deno.args[0] ?? 15);
const market = syntheticMarket(2_500, 2_500);
const options = backtestOptions({ cash: 10_000_000 });
const cache = new IndicatorCache();

function timed(run: () => unknown): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

const bare = () => bareMarketLoop(market, 5, 20, options.cash);
const engine = () => backtestMarket(market, maCross, { fast: 5, slow: 20 }, options, cache);
const ratios: number[] = [];
const engineTimes: number[] = [];
const bareTimes: number[] = [];
for (let round = 0; round < WARM_UP_ROUNDS + rounds; round++) {
  const engineFirst = round % 2 === 1;
  let engineMs = engineFirst ? timed(engine) : 0;
  const bareMs = timed(bare);
  if (!engineFirst) engineMs = timed(engine);
  if (round < WARM_UP_ROUNDS) continue;
  ratios.push(engineMs / bareMs);
  engineTimes.push(engineMs);
  bareTimes.push(bareMs);
  console.log(
    `round ${round - WARM_UP_ROUNDS + 1}: engine ${engineMs.toFixed(1)} ms, ` +
      `bare loop ${bareMs.toFixed(1)} ms, ratio ${(engineMs / bareMs).toFixed(2)}`,
  );
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

console.log(
  `engine ÷ bare loop over ${ratios.length} rounds: min ${Math.min(...ratios).toFixed(2)}, ` +
    `median ${median(ratios).toFixed(2)}, max ${Math.max(...ratios).toFixed(2)}; ` +
    `median times: engine ${median(engineTimes).toFixed(1)} ms, ` +
    `bare loop ${median(bareTimes).toFixed(1)} ms`,
);
