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
import { alertWorkload, feedTicks, loadAlerts, type TickEvaluator } from "./_alerts_workload.ts";

const WORKLOAD = alertWorkload(2_500, 100_000, 1_000_000);

function bench(name: string, make: () => TickEvaluator, baseline: boolean): void {
  Deno.bench(`${name}: 1,000,000 ticks, 100,000 alerts`, {
    group: "alert ticks",
    baseline,
    n: 10,
    warmup: 2,
  }, (b) => {
    const evaluator = make();
    loadAlerts(evaluator, WORKLOAD);
    b.start();
    feedTicks(evaluator, WORKLOAD);
    b.end();
  });
}

const PER_SYMBOL = Math.ceil(WORKLOAD.alerts.length / WORKLOAD.symbols.length);

bench("typed-array scan", () => new TypedArrayScan(PER_SYMBOL), true);
bench("linear evaluator", () => new LinearAlertEvaluator(), false);
bench("alert index", () => new AlertIndex(), false);
