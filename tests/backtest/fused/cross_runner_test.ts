import assert from "node:assert/strict";
import { backtestMarket, backtestOptions, runBacktest } from "../../../core/backtest/mod.ts";
import { CrossRunner } from "../../../core/backtest/fused/cross_runner.ts";
import { epochDayToIsoDate } from "../../../core/krx/mod.ts";
import { type Bars, createBars, maCross } from "../../../core/strategies/mod.ts";
import { closesOnly } from "../../strategies/_bars.ts";
import { random, SERIES } from "./_series.ts";

Deno.test("a runner made without keepTrades refuses to list trades", () => {
  const runner = new CrossRunner(backtestOptions(), { keepTrades: false });
  assert.notEqual(runner.metrics(SERIES[0]!, 5, 20), null);
  assert.throws(() => runner.trades("000660"), /without keepTrades/);
});

Deno.test("the fused run buys only after a cross up when the fast SMA starts above", () => {
  // A steady climb puts SMA(2) above SMA(5) from the first bar both exist; the dip at bar 12
  // crosses it down and the recovery from bar 15 crosses it back up.
  const close = [10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 12, 11, 12, 20, 24, 26, 27, 28];
  const bars = closesOnly(close, "2024-03-18");
  const options = backtestOptions({ cash: 1_000_000 });
  const runner = new CrossRunner(options);
  const general = runBacktest(bars, maCross.targets(bars, { fast: 2, slow: 5 }), options, "000660");
  assert.deepEqual(runner.metrics(bars, 2, 5), general.metrics);
  const trades = runner.trades("000660");
  assert.deepEqual(trades, general.trades);
  assert.equal(trades.length, 1);
  // Signal at the close of bar 15 (SMA2 16 > SMA5 15.2, after 11.5 ≤ 15.2 at bar 14); bought at the
  // open of bar 16.
  assert.equal(trades[0]!.entryDate, bars.dates[16]);
  assert.equal(trades[0]!.exitDate, null);
});

Deno.test("the fused run declines what it cannot reproduce exactly", async (t) => {
  const bars = SERIES[0]!;
  await t.step("fills at the close", () => {
    const runner = new CrossRunner(backtestOptions({ fill: "close" }));
    assert.equal(runner.metrics(bars, 5, 20), null);
  });
  await t.step("prices that are not whole won", () => {
    const open = bars.open.slice();
    open[100] = open[100]! + 0.5;
    const runner = new CrossRunner(backtestOptions());
    assert.equal(runner.metrics({ ...bars, open }, 5, 20), null);
  });
  await t.step("no bars", () => {
    const empty = createBars({ dates: [], open: [], high: [], low: [], close: [], volume: [] });
    assert.equal(new CrossRunner(backtestOptions()).metrics(empty, 5, 20), null);
  });
});

/**
 * Closes that wander by a few won around 1,000 (and jump now and then so positions open and
 * close), so window sums of different lengths often give equal averages or averages one
 * `1 / (fast × slow)` apart: the cases where comparing cross-multiplied sums could differ from
 * comparing the rounded SMAs if the argument for it were wrong.
 */
function tieBars(seed: number, n: number): Bars {
  const next = random(seed);
  const close: number[] = [];
  let level = 1_000;
  for (let i = 0; i < n; i++) {
    if (next() < 0.02) level += next() < 0.5 ? -40 : 40;
    close.push(level + Math.floor(next() * 5) - 2);
  }
  return createBars({
    dates: Array.from({ length: n }, (_, i) => epochDayToIsoDate(19_700 + i)),
    open: close.map((c, i) => (i % 3 === 0 ? c + 1 : c)),
    high: close.map((c) => c + 1),
    low: close,
    close,
    volume: close,
  });
}

/** Sum of `close[t − period + 1 … t]` with a plain loop. */
function windowSum(close: Float64Array, t: number, period: number): number {
  let sum = 0;
  for (let i = t - period + 1; i <= t; i++) sum += close[i]!;
  return sum;
}

Deno.test("window sums cross-multiplied decide every cross as the SMAs do, ties included", async (t) => {
  const pairs = [[2, 3], [3, 7], [4, 9], [5, 20], [7, 11], [6, 12]] as const;
  const options = backtestOptions({ cash: 10_000_000 });
  let ties = 0;
  let nearTies = 0;
  for (const seed of [11, 12, 13]) {
    const bars = tieBars(seed, 600);
    await t.step(`series ${seed}`, () => {
      const runner = new CrossRunner(options);
      for (const [fast, slow] of pairs) {
        for (let i = slow - 1; i < bars.close.length; i++) {
          const gap = windowSum(bars.close, i, fast) * slow - windowSum(bars.close, i, slow) * fast;
          if (gap === 0) ties++;
          if (Math.abs(gap) === 1) nearTies++;
        }
        const general = runBacktest(bars, maCross.targets(bars, { fast, slow }), options, "005930");
        assert.deepEqual(runner.metrics(bars, fast, slow), general.metrics, `(${fast}, ${slow})`);
        assert.deepEqual(runner.trades("005930"), general.trades, `(${fast}, ${slow})`);
      }
    });
  }
  await t.step("the series hold many ties and averages 1 / (fast × slow) apart", () => {
    assert.ok(ties > 300, `ties: ${ties}`);
    assert.ok(nearTies > 100, `one apart: ${nearTies}`);
  });
});

Deno.test("the fused run declines what the cross-multiplied comparison cannot order exactly", async (t) => {
  await t.step("closes whose total times the slow period reaches 2^52", () => {
    // 30 closes of 10^13 won: the total 3 × 10^14 is exact, times 20 it is beyond 2^52.
    const close = Array.from({ length: 30 }, (_, i) => 10_000_000_000_000 + (i % 2) * 1_000);
    const bars = closesOnly(close, "2024-03-18");
    const options = backtestOptions({ cash: 100_000_000_000_000 });
    assert.equal(new CrossRunner(options).metrics(bars, 5, 20), null);
    assert.notEqual(new CrossRunner(options).metrics(bars, 5, 6), null);
  });
  await t.step("periods that are not whole numbers of at least 1", () => {
    const runner = new CrossRunner(backtestOptions());
    assert.equal(runner.metrics(SERIES[0]!, 2.5, 20), null);
    assert.equal(runner.metrics(SERIES[0]!, 0, 20), null);
  });
  await t.step("an open of 0 won", () => {
    const open = SERIES[0]!.open.slice();
    open[50] = 0;
    assert.equal(new CrossRunner(backtestOptions()).metrics({ ...SERIES[0]!, open }, 5, 20), null);
  });
});

Deno.test("backtestMarket gives each symbol the general engine's metrics and trades", async (t) => {
  const universe = SERIES.map((bars, i) => ({ symbol: `00000${i}`, bars }));
  for (const fill of ["open", "close"] as const) {
    await t.step(`fill at ${fill}`, () => {
      const options = backtestOptions({ cash: 10_000_000, fill });
      const market = backtestMarket(universe, maCross, { fast: 3, slow: 8 }, options);
      for (const [i, { symbol, bars }] of universe.entries()) {
        const alone = runBacktest(
          bars,
          maCross.targets(bars, { fast: 3, slow: 8 }),
          options,
          symbol,
        );
        assert.deepEqual(market[i]!.metrics, alone.metrics);
        assert.deepEqual(market[i]!.trades, alone.trades);
      }
    });
  }
});
