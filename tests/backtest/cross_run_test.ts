import assert from "node:assert/strict";
import {
  backtestMarket,
  backtestOptions,
  type BacktestOptionsInput,
  CrossRunner,
  runBacktest,
} from "../../core/backtest/mod.ts";
import { epochDayToIsoDate, type IsoDate, isoDateToEpochDay } from "../../core/krx/mod.ts";
import { type Bars, createBars, maCross } from "../../core/strategies/mod.ts";
import { closesOnly } from "../strategies/_bars.ts";

/** A seeded generator (LCG) of floats in [0, 1). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/**
 * Whole-won bars from 2023-11 into 2027 with gaps of up to two weeks between dates, swings that
 * make the SMAs cross often, and some opens beyond the ±30 % band of the previous close so that
 * buys and sells get blocked.
 */
function roughBars(seed: number, n: number): Bars {
  const next = random(seed);
  const dates: IsoDate[] = [];
  let day = isoDateToEpochDay("2023-11-01" as IsoDate);
  for (let i = 0; i < n; i++) {
    day += next() < 0.1 ? 3 + Math.floor(next() * 12) : 1;
    dates.push(epochDayToIsoDate(day));
  }
  const open: number[] = [];
  const close: number[] = [];
  let previous = 3_000 + Math.floor(next() * 60_000);
  for (let i = 0; i < n; i++) {
    const jump = next();
    const gap = jump < 0.03 ? 1.36 : jump < 0.06 ? 0.64 : 1 + (next() - 0.5) * 0.04;
    const o = Math.max(1, Math.round(previous * gap));
    const c = Math.max(1, Math.round(o * (1 + (next() - 0.5) * 0.08 + Math.sin(i / 7) * 0.02)));
    open.push(o);
    close.push(c);
    previous = c;
  }
  return createBars({
    dates,
    open,
    high: open.map((o, i) => Math.max(o, close[i]!)),
    low: open.map((o, i) => Math.min(o, close[i]!)),
    close,
    volume: open.map(() => 1_000),
  });
}

const OPTION_CASES: [string, BacktestOptionsInput][] = [
  ["defaults", { cash: 10_000_000 }],
  ["cash for a few shares only", { cash: 150_000 }],
  ["one tick of slippage", { cash: 10_000_000, slippage: { kind: "ticks", ticks: 1 } }],
  ["0.3 % slippage", { cash: 5_000_000, slippage: { kind: "fraction", fraction: 0.003 } }],
  ["fixed sizing", { cash: 10_000_000, sizing: { kind: "fixed", amount: 2_000_000 } }],
  ["equity fraction", { cash: 10_000_000, sizing: { kind: "equity-fraction", fraction: 0.4 } }],
  ["tax override, KOSDAQ", { cash: 3_000_000, taxRate: 0.0023, market: "KOSDAQ" }],
  ["KONEX ETF, higher fee", {
    cash: 7_000_000,
    market: "KONEX",
    instrument: "etf",
    feeRate: 0.001,
  }],
  ["a fill value beyond the fast fee range", { cash: 900_000_000_000 }],
];
/** A steady climb with shallow dips: long flat warm-ups and short drawdowns. */
function calmBars(n: number): Bars {
  const close = Array.from({ length: n }, (_, i) => 10_000 + 40 * i + (i % 9 === 0 ? -300 : 0));
  return closesOnly(close, "2024-03-18");
}

const PAIRS = [[2, 5], [3, 8], [5, 20], [10, 30]] as const;
const SERIES = [...[1, 2, 3, 4, 5].map((seed) => roughBars(seed, 700)), calmBars(300)];

Deno.test("the fused ma-cross run equals targets followed by the general engine", async (t) => {
  let blocked = 0;
  let trades = 0;
  let taxYears = new Set<string>();
  for (const [name, input] of OPTION_CASES) {
    await t.step(name, () => {
      const options = backtestOptions(input);
      const runner = new CrossRunner(options);
      const tallyOnly = new CrossRunner(options, undefined, false);
      for (const [s, bars] of SERIES.entries()) {
        for (const [fast, slow] of PAIRS) {
          const general = runBacktest(
            bars,
            maCross.targets(bars, { fast, slow }),
            options,
            "000660",
          );
          const metrics = runner.metrics(bars, fast, slow);
          const where = `series ${s}, (${fast}, ${slow})`;
          assert.deepEqual(metrics, general.metrics, where);
          assert.deepEqual(runner.trades("000660"), general.trades, where);
          assert.deepEqual(
            tallyOnly.metrics(bars, fast, slow),
            general.metrics,
            `${where}, no log`,
          );
          blocked += general.metrics.blockedOrders;
          trades += general.metrics.trades;
          taxYears = new Set([
            ...taxYears,
            ...general.fills.filter((f) => f.side === "sell").map((f) => f.date.slice(0, 4)),
          ]);
        }
      }
    });
  }
  await t.step("the cases cover blocked orders, many trades and each tax rate change", () => {
    assert.ok(blocked > 20, `blocked orders: ${blocked}`);
    assert.ok(trades > 1_000, `trades: ${trades}`);
    for (const year of ["2023", "2024", "2025", "2026"]) assert.ok(taxYears.has(year), year);
  });
});

Deno.test("a runner made without keepTrades refuses to list trades", () => {
  const runner = new CrossRunner(backtestOptions(), undefined, false);
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
