import assert from "node:assert/strict";
import { backtestOptions, backtestReport, runBacktest, runPortfolio } from "@/core/backtest/mod.ts";
import { getStrategy, parseStrategyParams } from "@/core/strategies/mod.ts";
import { barsFrom, type Row } from "./_fixtures.ts";

/** A zig-zag long enough for a 2/3 moving-average cross to trade several times. */
function zigzag(start: number, days: number): Row[] {
  return Array.from({ length: days }, (_, i) => {
    const date = new Date(Date.UTC(2025, 2, 3 + i)).toISOString().slice(0, 10);
    const close = start + (i % 6 < 3 ? i % 6 : 6 - (i % 6)) * 500;
    return [date, close, close, close, close] as const;
  });
}

const params = parseStrategyParams("ma-cross", { fast: 2, slow: 3 });
const options = backtestOptions({ cash: 10_000_000 });
const a = barsFrom(zigzag(10_000, 40));
const b = barsFrom(zigzag(20_000, 40));
const targetsOf = (bars: typeof a) => getStrategy("ma-cross").targets(bars, params);

Deno.test("a one-series report is the engine's result with its dates", () => {
  const report = backtestReport({
    strategy: "ma-cross",
    params,
    series: [{ symbol: "005930", bars: a }],
    options,
  });
  const direct = runBacktest(a, targetsOf(a), options, "005930");
  assert.ok(direct.trades.length > 0, "the fixture trades");
  assert.deepEqual(report.metrics, direct.metrics);
  assert.deepEqual(report.benchmark, direct.benchmark.metrics);
  assert.deepEqual(report.trades, [...direct.trades]);
  assert.deepEqual(report.equity.map((p) => p.date), [...a.dates]);
  assert.deepEqual(report.equity.map((p) => p.equity), [...direct.equity]);
  assert.deepEqual(report.benchmarkEquity.map((p) => p.equity), [...direct.benchmark.equity]);
  assert.deepEqual(report.benchmarkEquity.map((p) => p.date), [...a.dates]);
  assert.equal(report.strategy, "ma-cross");
  assert.deepEqual(report.params, params);
});

Deno.test("a portfolio report is the portfolio engine's result", () => {
  const series = [{ symbol: "005930", bars: a }, { symbol: "000660", bars: b }];
  const report = backtestReport({
    strategy: "ma-cross",
    params,
    series,
    options,
    portfolio: { rebalanceEvery: 5 },
  });
  const direct = runPortfolio(
    series.map((s) => ({ ...s, targets: targetsOf(s.bars) })),
    options,
    { rebalanceEvery: 5 },
  );
  assert.deepEqual(report.metrics, direct.metrics);
  assert.deepEqual(report.equity.map((p) => p.date), [...direct.dates]);
});

Deno.test("several series without portfolio settings are refused, not silently cut to one", () => {
  assert.throws(
    () =>
      backtestReport({
        strategy: "ma-cross",
        params,
        series: [{ symbol: "005930", bars: a }, { symbol: "000660", bars: b }],
        options,
      }),
    RangeError,
  );
});

Deno.test("given targets replace the strategy's, so a name outside the registry can run", () => {
  const hold = (bars: typeof a) => new Uint8Array(bars.close.length).fill(1);
  const report = backtestReport({
    strategy: "hold",
    params: {},
    series: [{ symbol: "005930", bars: a }],
    options,
    targets: hold,
  });
  const direct = runBacktest(a, hold(a), options, "005930");
  assert.deepEqual(report.metrics, direct.metrics);
  assert.equal(report.strategy, "hold");
});
