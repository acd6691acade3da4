/**
 * Indicator throughput over 1,000,000 bars, one group per indicator with the plain
 * single-pass loop as baseline, so the summary prints every implementation's ratio to it.
 * The cases live in `_indicators_cases.ts`; median ns/bar for the docs come from
 * `deno run -A bench/_indicators_medians.ts`.
 *
 * Run: `deno bench -A bench/indicators_bench.ts`
 */
import { indicatorCases } from "./_indicators_cases.ts";

for (const c of indicatorCases()) {
  Deno.bench(`${c.indicator} ${c.implementation}`, {
    group: c.indicator,
    baseline: c.baseline ?? false,
    // a slow peer needs seconds per call; a few timed calls give a stable figure
    ...(c.slow ? { n: 5, warmup: 1 } : {}),
  }, c.run);
}
