// deno-lint-ignore-file no-console
/**
 * Median ns/bar of every indicator case, in two tables for docs/performance.md:
 *
 * - **alongside the peers**: interleaved rounds, each timing every implementation of an indicator
 *   once in turn, so that load from other processes falls on all of them alike; the peers'
 *   allocations and collections run between our calls and leave the caches cold for them;
 * - **kernels alone**: the same rounds over only the loops that write into caller-owned buffers
 *   (the plain loops and ours), which is how a single-pass kernel's ns per bar is usually quoted.
 *
 * Run: `deno run -A bench/_indicators_medians.ts [rounds]`
 */
import { BARS, type IndicatorCase, indicatorCases } from "./_indicators_cases.ts";

const rounds = Number(Deno.args[0] ?? 41);
const slowRounds = 5;
const warmUpCalls = 30;
const byIndicator = Map.groupBy(indicatorCases(), (c) => c.indicator);

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function time(c: IndicatorCase): number {
  const start = performance.now();
  c.run();
  return ((performance.now() - start) * 1e6) / BARS;
}

/** Median ns/bar of each case, timed in interleaved rounds after a warm-up. */
function interleavedMedians(cases: IndicatorCase[]): Map<IndicatorCase, number> {
  const samples = new Map<IndicatorCase, number[]>(cases.map((c) => [c, []]));
  // warm-up, the same for every fast case: V8 needs some calls to reach its optimising tier
  for (const c of cases) for (let i = 0; i < (c.slow ? 1 : warmUpCalls); i++) c.run();
  for (let round = 0; round < rounds; round++) {
    for (const c of cases) {
      if (c.slow && round >= slowRounds) continue;
      samples.get(c)!.push(time(c));
    }
  }
  return new Map(cases.map((c) => [c, median(samples.get(c)!)]));
}

function printTable(title: string, select: (c: IndicatorCase) => boolean): void {
  console.log(`\n${title}\n`);
  console.log(`| indicator | implementation | median ns/bar | × plain loop |`);
  console.log(`|---|---|---:|---:|`);
  for (const [indicator, all] of byIndicator) {
    const medians = interleavedMedians(all.filter(select));
    const baseline = medians.get(all.find((c) => c.baseline)!)!;
    for (const [c, ns] of medians) {
      console.log(
        `| ${indicator} | ${c.implementation} | ${ns.toFixed(2)} | ${(ns / baseline).toFixed(2)} |`,
      );
    }
  }
}

printTable("Alongside the peers", () => true);
printTable("Kernels alone (loops over caller-owned buffers)", (c) => !c.peer);
