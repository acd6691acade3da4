/**
 * Alert evaluation: 1,000,000 trade ticks against 100,000 active alerts over 2,500 symbols,
 * through the index and through two peers that check every alert of the tick's symbol: a
 * hand-written scan over typed arrays (the baseline) and the module's linear evaluator, measured
 * in the same run; the summary prints the index's speed-up over the baseline. Each iteration
 * loads a fresh evaluator outside the timed part, since firing removes alerts. Ticks per second
 * for the docs come from `deno run bench/_alerts_ratio.ts`.
 *
 * Run: `deno bench bench/alerts_bench.ts`
 * @module
 */
import { AlertIndex, LinearAlertEvaluator } from "../core/alerts/mod.ts";
import { TypedArrayScan } from "./_alerts_scan.ts";
import {
  type AlertWorkload,
  alertWorkload,
  feedTicks,
  loadAlerts,
  type TickEvaluator,
  trendingWorkload,
} from "./_alerts_workload.ts";

const MARKET = alertWorkload(2_500, 100_000, 1_000_000);
const TRENDING = trendingWorkload(10_000, 20_000);

function bench(
  group: string,
  workload: AlertWorkload,
  name: string,
  make: () => TickEvaluator,
  baseline = false,
): void {
  Deno.bench(`${name} (${group})`, { group, baseline, n: 10, warmup: 2 }, (b) => {
    const evaluator = make();
    loadAlerts(evaluator, workload);
    b.start();
    feedTicks(evaluator, workload);
    b.end();
  });
}

const market = "1,000,000 ticks, 100,000 alerts on 2,500 symbols";
const perSymbol = Math.ceil(MARKET.alerts.length / MARKET.symbols.length);
bench(market, MARKET, "typed-array scan", () => new TypedArrayScan(perSymbol), true);
bench(market, MARKET, "linear evaluator", () => new LinearAlertEvaluator());
bench(market, MARKET, "alert index", () => new AlertIndex());

// the trailing stops' worst case: most ticks are a new high for every stop
const trending = "20,000 rising ticks, 10,000 trailing stops on one symbol";
bench(trending, TRENDING, "typed-array scan", () => new TypedArrayScan(10_000), true);
bench(trending, TRENDING, "alert index", () => new AlertIndex());
