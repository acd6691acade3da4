// deno-lint-ignore-file no-console
/**
 * A/B of two source trees in one process, for changes to the backtest's hot paths on a noisy
 * machine: the full-market `backtestMarket` ma-cross(5, 20) and a one-core 100-pair sweep over the
 * first 500 symbols, each tree in turn, alternating which goes first, after two warm-up rounds;
 * prints minimum and median per tree, and whether both trees give the same metrics. Make the
 * other tree with `git archive <rev> | tar -x -C /tmp/old`; compare a tree with a copy of itself
 * (A/A) to see what difference the machine alone makes.
 *
 * Run: deno run -A bench/_backtest_ab.ts <other tree> [rounds]
 * @module
 */
import { syntheticMarket } from "./_backtest_market.ts";

type Tree = {
  name: string;
  backtest: typeof import("../core/backtest/mod.ts");
  strategies: typeof import("../core/strategies/mod.ts");
};

const other = Deno.args[0];
if (other === undefined) throw new Error("usage: bench/_backtest_ab.ts <other tree> [rounds]");
const rounds = Number(Deno.args[1] ?? 11);
const here = new URL("..", import.meta.url).pathname;
const trees: Tree[] = await Promise.all([other, here].map(async (root) => ({
  name: root === here ? "this tree" : root,
  backtest: await import(`${root}/core/backtest/mod.ts`),
  strategies: await import(`${root}/core/strategies/mod.ts`),
})));
const market = syntheticMarket(2_500, 2_500);
const sweepUniverse = market.slice(0, 500);
const grid = {
  fast: [2, 3, 4, 5, 6, 7, 8, 9, 10, 12],
  slow: [15, 20, 25, 30, 40, 50, 60, 80, 100, 120],
};
const times = trees.map(() => ({ market: [] as number[], sweep: [] as number[] }));
const caches = trees.map((tree) => new tree.strategies.IndicatorCache());

async function timed(run: () => unknown): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

for (let round = 0; round < rounds + 2; round++) {
  const order = round % 2 === 0 ? [0, 1] : [1, 0];
  for (const i of order) {
    const { backtest, strategies } = trees[i]!;
    const options = backtest.backtestOptions({ cash: 10_000_000 });
    const params = { fast: 5, slow: 20 };
    const marketMs = await timed(() =>
      backtest.backtestMarket(market, strategies.maCross, params, options, caches[i])
    );
    const sweepMs = await timed(() =>
      backtest.sweep({ strategy: "ma-cross", grid, universe: sweepUniverse, options, workers: 0 })
    );
    if (round < 2) continue;
    times[i]!.market.push(marketMs);
    times[i]!.sweep.push(sweepMs);
  }
}

function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[values.length >> 1]!;
}

for (const [i, tree] of trees.entries()) {
  const { market: m, sweep: s } = times[i]!;
  console.log(
    `${tree.name}: full market min ${Math.min(...m).toFixed(1)} median ${
      median(m).toFixed(1)
    } ms; ` +
      `sweep min ${Math.min(...s).toFixed(0)} median ${median(s).toFixed(0)} ms`,
  );
}
const metrics = trees.map(({ backtest, strategies }) =>
  JSON.stringify(
    backtest.backtestMarket(
      market,
      strategies.maCross,
      { fast: 5, slow: 20 },
      backtest.backtestOptions({ cash: 10_000_000 }),
    )
      .map((s) => s.metrics),
  )
);
console.log(`same metrics: ${metrics[0] === metrics[1]}`);
