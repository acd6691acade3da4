import assert from "node:assert/strict";
import {
  backtestOptions,
  gridCombinations,
  IN_THREAD_POOL,
  runBacktest,
  sweep,
  type SweepPool,
  walkForward,
} from "../../../core/backtest/mod.ts";
import { workerThreadPool } from "../../../core/backtest/sweep/worker_pool.ts";
import {
  createBars,
  maCross,
  sliceBars,
  StrategyParamsError,
} from "../../../core/strategies/mod.ts";
import { days } from "../../strategies/_bars.ts";

function waves(n: number, phase: number) {
  const close = Array.from(
    { length: n },
    (_, i) =>
      10 * Math.round((10_000 + 1_500 * Math.sin(i / 9 + phase) + 400 * Math.sin(i / 2.3)) / 10),
  );
  return createBars({ dates: days(n), open: close, high: close, low: close, close, volume: close });
}

const UNIVERSE = [
  { symbol: "000010", bars: waves(300, 0) },
  { symbol: "000020", bars: waves(300, 1) },
  { symbol: "000030", bars: waves(250, 2) },
];
const OPTIONS = backtestOptions({ cash: 10_000_000 });
const GRID = { fast: [2, 3, 5], slow: [4, 10, 20] };

Deno.test("a grid expands to every valid combination", async (t) => {
  await t.step("fast ≥ slow combinations are left out", () => {
    const combos = gridCombinations("ma-cross", GRID);
    // 9 pairs minus (5, 4)
    assert.equal(combos.length, 8);
    assert.ok(
      !combos.some((c) => (c as { fast: number }).fast === 5 && (c as { slow: number }).slow === 4),
    );
  });
  await t.step("a grid with no valid combination reports why", () => {
    assert.throws(
      () => gridCombinations("ma-cross", { fast: [30], slow: [10] }),
      StrategyParamsError,
    );
  });
  await t.step("an empty value list is an error", () => {
    assert.throws(() => gridCombinations("rsi", { period: [] }), /"period" has no values/);
  });
});

/** Each mode a sweep can run in: the calling thread, a plan run in-thread, worker threads. */
const MODES = [
  ["the calling thread", { workers: 0 }],
  ["the in-thread pool", { workers: 2, pool: IN_THREAD_POOL }],
  ["two worker threads", { workers: 2, pool: workerThreadPool() }],
] as const;

Deno.test("sweep rows are the means of the general engine's per-symbol backtests", async (t) => {
  const here = await sweep({
    strategy: "ma-cross",
    grid: GRID,
    universe: UNIVERSE,
    options: OPTIONS,
  });
  for (const [mode, run] of MODES) {
    await t.step(mode, async () => {
      const result = await sweep({
        strategy: "ma-cross",
        grid: GRID,
        universe: UNIVERSE,
        options: OPTIONS,
        ...run,
      });
      assert.equal(result.rows.length, 8);
      for (const row of result.rows) {
        const params = row.params as { fast: number; slow: number };
        const runs = UNIVERSE.map((u) =>
          runBacktest(u.bars, maCross.targets(u.bars, params), OPTIONS).metrics
        );
        const sum = (f: (m: (typeof runs)[0]) => number) => runs.reduce((s, m) => s + f(m), 0);
        assert.equal(row.finalEquity, sum((m) => m.finalEquity));
        assert.equal(row.trades, sum((m) => m.trades));
        assert.equal(row.feesPaid, sum((m) => m.feesPaid));
        assert.equal(row.taxPaid, sum((m) => m.taxPaid));
        assert.ok(Math.abs(row.totalReturn - sum((m) => m.totalReturn) / runs.length) < 1e-12);
        assert.ok(Math.abs(row.maxDrawdown - sum((m) => m.maxDrawdown) / runs.length) < 1e-12);
        assert.ok(Math.abs(row.sharpe! - sum((m) => m.sharpe!) / runs.length) < 1e-9);
        assert.equal(row.score, row.sharpe);
      }
      const scores = result.rows.map((r) => r.score!);
      assert.deepEqual(scores, scores.slice().sort((a, b) => b - a));
      assert.equal(result.best, result.rows[0]);
      assert.deepEqual(result.rows.map((r) => r.params), here.rows.map((r) => r.params));
    });
  }
});

Deno.test("walk-forward picks each window's in-sample best and trades it out of sample", async () => {
  const bars = UNIVERSE[0]!.bars;
  const result = await walkForward({
    strategy: "ma-cross",
    grid: GRID,
    bars,
    options: OPTIONS,
    inSample: 120,
    outOfSample: 60,
    objective: "totalReturn",
  });
  // windows start at 0, 60, 120 (the last one's out-of-sample part is 60 bars)
  assert.equal(result.folds.length, 3);
  let growth = 1;
  for (const [k, fold] of result.folds.entries()) {
    const start = k * 60;
    const inSample = await sweep({
      strategy: "ma-cross",
      grid: GRID,
      universe: [{ symbol: "", bars: sliceBars(bars, start, start + 120) }],
      options: OPTIONS,
      objective: "totalReturn",
      workers: 0,
    });
    assert.deepEqual(fold.params, inSample.best?.params);
    assert.equal(fold.outOfSample.from, bars.dates[start + 120]);
    const window = sliceBars(bars, start, start + 180);
    const targets = maCross.targets(window, fold.params as { fast: number; slow: number });
    const outside = runBacktest(
      sliceBars(bars, start + 120, start + 180),
      targets.slice(120),
      OPTIONS,
    );
    assert.equal(fold.metrics.finalEquity, outside.metrics.finalEquity);
    growth *= 1 + outside.metrics.totalReturn;
  }
  assert.ok(Math.abs(result.outOfSampleReturn - (growth - 1)) < 1e-12);
});

Deno.test("pooled workers give the same bits for any number of threads", async (t) => {
  const run = (workers: number, pool: SweepPool) =>
    sweep({
      strategy: "ma-cross",
      grid: GRID,
      universe: UNIVERSE,
      options: OPTIONS,
      workers,
      pool,
    });
  const one = await run(1, workerThreadPool());
  for (const workers of [2, 3, 5, 2]) {
    await t.step(`${workers} workers equal one`, async () => {
      assert.deepEqual((await run(workers, workerThreadPool())).rows, one.rows);
    });
  }
  await t.step("the in-thread pool equals one worker", async () => {
    assert.deepEqual((await run(3, IN_THREAD_POOL)).rows, one.rows);
  });
});

Deno.test("a failure in a pooled worker rejects the sweep, and the pool serves the next", async () => {
  const pool = workerThreadPool(2);
  const early = UNIVERSE.map(({ symbol, bars }) => ({
    symbol,
    bars: { ...bars, dates: days(bars.close.length, "1990-01-02") },
  }));
  await assert.rejects(
    sweep({ strategy: "ma-cross", grid: GRID, universe: early, options: OPTIONS, pool }),
    /sweep worker failed: .*1990/,
  );
  const after = await sweep({
    strategy: "ma-cross",
    grid: GRID,
    universe: UNIVERSE,
    options: OPTIONS,
    pool,
  });
  assert.equal(after.rows.length, 8);
});

Deno.test("a process whose sweep pool is idle exits on its own", async () => {
  const mod = new URL("../../../core/backtest/mod.ts", import.meta.url).href;
  const threads = new URL("../../../core/backtest/sweep/worker_pool.ts", import.meta.url).href;
  const script = `
    import { backtestOptions, sweep } from "${mod}";
    import { workerThreadPool } from "${threads}";
    const close = Array.from({ length: 60 }, (_, i) => 1000 + 10 * (i % 7));
    const dates = Array.from({ length: 60 }, (_, i) =>
      new Date(Date.UTC(2025, 0, 2 + i)).toISOString().slice(0, 10));
    const bars = { dates, open: Float64Array.from(close), high: Float64Array.from(close),
      low: Float64Array.from(close), close: Float64Array.from(close), volume: Float64Array.from(close) };
    const result = await sweep({ strategy: "ma-cross", grid: { fast: [2], slow: [5] },
      universe: [{ symbol: "000010", bars }], options: backtestOptions(), pool: workerThreadPool(2) });
    console.log(result.rows.length);
  `;
  const config = new URL("../../../deno.json", import.meta.url).pathname;
  const child = new Deno.Command(Deno.execPath(), {
    args: ["eval", "--config", config, script],
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  // A pool that held the process open would hang here; the guard only turns that into a failure.
  const guard = setTimeout(() => child.kill(), 60_000);
  const output = await child.output();
  clearTimeout(guard);
  assert.equal(new TextDecoder().decode(output.stderr), "");
  assert.equal(output.code, 0);
  assert.equal(new TextDecoder().decode(output.stdout).trim(), "1");
});
