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
  return createBars({
    dates: Array.from({ length: n }, (_, i) => epochDayToIsoDate(19_800 + i)),
    open: close,
    high: close,
    low: close,
    close,
    volume: close,
  });
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
