// deno-lint-ignore-file no-console
/**
 * Ticks per second of the alert index and of two peers on the same workload (100,000 alerts
 * over 2,500 symbols, 1,000,000 ticks): the typed-array scan one would write by hand, and the
 * module's own linear evaluator. Each round times all three in a rotating order, so a slow spell
 * of the machine lands on all; prints every round, then medians and the median ratios. Before
 * timing it checks that all three fire the same number of alerts, and prints how long loading the
 * index takes and, when V8's `gc` is exposed, the heap the loaded index holds beyond the alerts.
 * Run: deno run --v8-flags=--expose-gc bench/_alerts_ratio.ts [rounds]
 * @module
 */
import { AlertIndex, LinearAlertEvaluator } from "../core/alerts/mod.ts";
import { TypedArrayScan } from "./_alerts_scan.ts";
import { alertWorkload, feedTicks, loadAlerts, type TickEvaluator } from "./_alerts_workload.ts";

const WARM_UP_ROUNDS = 3;
const rounds = Number(Deno.args[0] ?? 9);
const workload = alertWorkload(2_500, 100_000, 1_000_000);
const ticks = workload.tickPrice.length;
const perSymbol = Math.ceil(workload.alerts.length / workload.symbols.length);

const evaluators: Record<string, () => TickEvaluator> = {
  "index": () => new AlertIndex(),
  "typed-array scan": () => new TypedArrayScan(perSymbol),
  "linear evaluator": () => new LinearAlertEvaluator(),
};
const names = Object.keys(evaluators);

function timedRun(name: string): { ms: number; fired: number } {
  const evaluator = evaluators[name]!();
  loadAlerts(evaluator, workload);
  const start = performance.now();
  const fired = feedTicks(evaluator, workload);
  return { ms: performance.now() - start, fired };
}

const fired = names.map((name) => timedRun(name).fired);
if (new Set(fired).size !== 1) throw new Error(`fired counts differ: ${fired.join(", ")}`);
console.log(`${fired[0]} of ${workload.alerts.length} alerts fire over ${ticks} ticks`);

const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const heapBefore = Deno.memoryUsage().heapUsed;
const loadStart = performance.now();
const loaded = new AlertIndex();
loadAlerts(loaded, workload);
const loadMs = performance.now() - loadStart;
gc?.();
const heapBytes = Deno.memoryUsage().heapUsed - heapBefore;
console.log(
  `loading the index: ${loadMs.toFixed(1)} ms` +
    (gc
      ? `, ${(heapBytes / 1e6).toFixed(1)} MB heap (${Math.round(heapBytes / 1e5)} B per alert)`
      : ""),
);

const times: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
for (let round = 0; round < WARM_UP_ROUNDS + rounds; round++) {
  const order = names.map((_, i) => names[(i + round) % names.length]!);
  const ms: Record<string, number> = {};
  for (const name of order) ms[name] = timedRun(name).ms;
  if (round < WARM_UP_ROUNDS) continue;
  for (const name of names) times[name]!.push(ms[name]!);
  console.log(
    `round ${round - WARM_UP_ROUNDS + 1}: ` +
      names.map((name) => `${name} ${ms[name]!.toFixed(1)} ms`).join(", "),
  );
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const indexTimes = times["index"]!;
for (const name of names) {
  const rate = ticks / (median(times[name]!) / 1_000);
  const ratios = times[name]!.map((ms, round) => ms / indexTimes[round]!);
  console.log(
    `${name}: median ${(rate / 1e6).toFixed(2)} M ticks/s` +
      (name === "index" ? "" : `, index ${median(ratios).toFixed(1)}× faster (round ratios ` +
        `${Math.min(...ratios).toFixed(1)}–${Math.max(...ratios).toFixed(1)})`),
  );
}
