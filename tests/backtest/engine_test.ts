import assert from "node:assert/strict";
import { backtestOptions, runBacktest } from "../../core/backtest/mod.ts";
import type { IsoDate } from "../../core/krx/mod.ts";
import { createBars } from "../../core/strategies/mod.ts";
import { barsFrom, targets } from "./_fixtures.ts";

// Fee 0.015 % per side; sell tax 0.15 % in 2025, 0.20 % from 2026 (KOSPI).
const ACROSS_NEW_YEAR = barsFrom([
  ["2025-12-29", 10_000, 10_000, 10_000, 10_000],
  ["2025-12-30", 10_100, 10_200, 10_100, 10_200],
  ["2026-01-02", 10_300, 10_400, 10_300, 10_400],
  ["2026-01-05", 10_500, 10_500, 10_000, 10_000],
]);

Deno.test("a round trip fills at next opens with truncated fee and the sell date's tax", async (t) => {
  const result = runBacktest(
    ACROSS_NEW_YEAR,
    targets([1, 1, 0, 0]),
    backtestOptions({ cash: 1_000_000 }),
    "005930",
  );
  await t.step(
    "buy: floor(1,000,000 / (10,100 × 1.00015)) = 98 shares, fee floor(148.47) = 148",
    () => {
      assert.deepEqual(result.fills[0], {
        symbol: "005930",
        decisionDate: "2025-12-29",
        date: "2025-12-30",
        side: "buy",
        price: 10_100,
        qty: 98,
        fee: 148,
        tax: 0,
      });
    },
  );
  await t.step("sell on 2026-01-05: fee floor(154.35) = 154, tax 0.20 % = 2,058", () => {
    assert.deepEqual(result.fills[1], {
      symbol: "005930",
      decisionDate: "2026-01-02",
      date: "2026-01-05",
      side: "sell",
      price: 10_500,
      qty: 98,
      fee: 154,
      tax: 2_058,
    });
  });
  await t.step("equity is cash plus shares at each close", () => {
    // cash after buy 1,000,000 − 989,948 = 10,052
    assert.deepEqual([...result.equity], [1_000_000, 1_009_652, 1_029_252, 1_036_840]);
  });
  await t.step("the trade's pnl is net of both sides' costs", () => {
    assert.deepEqual(result.trades, [{
      symbol: "005930",
      entryDate: "2025-12-30",
      entryPrice: 10_100,
      exitDate: "2026-01-05",
      exitPrice: 10_500,
      qty: 98,
      pnl: 1_026_788 - 989_948,
    }]);
    assert.equal(result.metrics.finalEquity, 1_036_840);
    assert.equal(result.metrics.feesPaid, 302);
    assert.equal(result.metrics.taxPaid, 2_058);
  });
});

Deno.test("the same sale a year earlier pays the 2025 rate", () => {
  const bars = barsFrom([
    ["2024-12-27", 10_000, 10_000, 10_000, 10_000],
    ["2024-12-30", 10_100, 10_200, 10_100, 10_200],
    ["2025-01-02", 10_300, 10_400, 10_300, 10_400],
    ["2025-01-03", 10_500, 10_500, 10_000, 10_000],
  ]);
  const result = runBacktest(bars, targets([1, 1, 0, 0]), backtestOptions({ cash: 1_000_000 }));
  // 1,029,000 × 0.0015 = 1,543.5 → 1,543
  assert.equal(result.fills[1]?.tax, 1_543);
  assert.equal(result.metrics.finalEquity, 10_052 + 1_029_000 - 154 - 1_543);
});

Deno.test("a tax override replaces the dated rate", () => {
  const options = backtestOptions({ cash: 1_000_000, taxRate: 0.0023 });
  const result = runBacktest(ACROSS_NEW_YEAR, targets([1, 1, 0, 0]), options);
  // 1,029,000 × 0.0023 = 2,366.7 → 2,366
  assert.equal(result.fills[1]?.tax, 2_366);
});

Deno.test("fill at close trades on the signal bar's close", () => {
  const result = runBacktest(
    ACROSS_NEW_YEAR,
    targets([1, 1, 0, 0]),
    backtestOptions({ cash: 1_000_000, fill: "close" }),
  );
  // buy 99 at 10,000: 990,000 + floor(148.5) = 990,148; sell 99 at 10,400 on 2026-01-02
  assert.deepEqual(result.fills.map((f) => [f.date, f.side, f.price, f.qty, f.fee, f.tax]), [
    ["2025-12-29", "buy", 10_000, 99, 148, 0],
    ["2026-01-02", "sell", 10_400, 99, 154, 2_059],
  ]);
  assert.equal(result.metrics.finalEquity, 1_000_000 - 990_148 + 1_029_600 - 154 - 2_059);
});

Deno.test("slippage moves fills against the trader onto the tick grid", async (t) => {
  await t.step("one tick: buy 10,110, sell 10,490", () => {
    const options = backtestOptions({ cash: 1_000_000, slippage: { kind: "ticks", ticks: 1 } });
    const result = runBacktest(ACROSS_NEW_YEAR, targets([1, 1, 0, 0]), options);
    assert.deepEqual(result.fills.map((f) => f.price), [10_110, 10_490]);
    // floor(1,000,000 / (10,110 × 1.00015)) = 98
    assert.equal(result.fills[0]?.qty, 98);
  });
  await t.step("0.1 %: buy 10,110.1 → 10,120, sell 10,489.5 → 10,480", () => {
    const options = backtestOptions({
      cash: 1_000_000,
      slippage: { kind: "fraction", fraction: 0.001 },
    });
    const result = runBacktest(ACROSS_NEW_YEAR, targets([1, 1, 0, 0]), options);
    assert.deepEqual(result.fills.map((f) => f.price), [10_120, 10_480]);
  });
  await t.step("ticks across a band edge take the wider tick", () => {
    const bars = barsFrom([
      ["2025-03-03", 1_999, 1_999, 1_999, 1_999],
      ["2025-03-04", 1_999, 1_999, 1_999, 1_999],
    ]);
    const options = backtestOptions({ cash: 1_000_000, slippage: { kind: "ticks", ticks: 2 } });
    // 1,999 → 2,000 → 2,005
    assert.equal(runBacktest(bars, targets([1, 1]), options).fills[0]?.price, 2_005);
  });
});

Deno.test("a buy at a limit-up open waits for the next bar", () => {
  const bars = barsFrom([
    ["2025-03-03", 10_000, 10_000, 10_000, 10_000],
    ["2025-03-04", 13_000, 13_000, 12_500, 12_800],
    ["2025-03-05", 12_900, 13_000, 12_900, 13_000],
  ]);
  // The upper limit on 03-04 is 13,000 and the open is there: the buy waits (and is counted).
  const options = backtestOptions({ cash: 1_000_000, slippage: { kind: "ticks", ticks: 1 } });
  const result = runBacktest(bars, targets([1, 1, 1]), options);
  assert.equal(result.metrics.blockedOrders, 1);
  // 03-05: 12,910; floor(1,000,000 / (12,910 × 1.00015)) = 77; 994,070 + 149 = 994,219
  assert.deepEqual(result.fills.map((f) => [f.date, f.price, f.qty, f.fee]), [[
    "2025-03-05",
    12_910,
    77,
    149,
  ]]);
  assert.deepEqual([...result.equity], [1_000_000, 1_000_000, 5_781 + 77 * 13_000]);
});

Deno.test("with lockedLimit fill, a buy at a limit-up open fills at the limit", () => {
  const bars = barsFrom([
    ["2025-03-03", 10_000, 10_000, 10_000, 10_000],
    ["2025-03-04", 13_000, 13_000, 12_500, 12_800],
  ]);
  const options = backtestOptions({
    cash: 1_000_000,
    lockedLimit: "fill",
    slippage: { kind: "ticks", ticks: 1 },
  });
  const result = runBacktest(bars, targets([1, 1]), options);
  assert.equal(result.metrics.blockedOrders, 0);
  // One tick would make 13,010, above the limit: the fill stops at 13,000; 76 shares.
  assert.deepEqual(result.fills.map((f) => [f.date, f.price, f.qty]), [["2025-03-04", 13_000, 76]]);
});

Deno.test("slippage stops at the limit instead of blocking the fill", () => {
  const bars = barsFrom([
    ["2025-03-03", 10_000, 10_000, 10_000, 10_000],
    ["2025-03-04", 12_990, 13_000, 12_900, 12_950],
  ]);
  // Two ticks of 10 from 12,990 would be 13,010, above the 13,000 limit: the buy fills at 13,000.
  const options = backtestOptions({ cash: 1_000_000, slippage: { kind: "ticks", ticks: 2 } });
  const result = runBacktest(bars, targets([1, 1]), options);
  assert.equal(result.metrics.blockedOrders, 0);
  assert.deepEqual(result.fills.map((f) => [f.date, f.price, f.qty]), [["2025-03-04", 13_000, 76]]);
});

Deno.test("a bar with zero volume fills nothing; the order waits for a bar that trades", () => {
  const bars = createBars({
    dates: ["2025-03-03", "2025-03-04", "2025-03-05", "2025-03-06"] as IsoDate[],
    open: [10_000, 10_100, 10_200, 10_300],
    high: [10_000, 10_100, 10_200, 10_300],
    low: [10_000, 10_100, 10_200, 10_300],
    close: [10_000, 10_100, 10_200, 10_300],
    volume: [1_000, 0, 0, 1_000],
  });
  const result = runBacktest(bars, targets([1, 1, 1, 1]), backtestOptions({ cash: 1_000_000 }));
  assert.equal(result.metrics.blockedOrders, 2);
  assert.deepEqual(result.fills.map((f) => [f.date, f.decisionDate, f.price]), [
    ["2025-03-06", "2025-03-05", 10_300],
  ]);
  // The benchmark, too, buys on the first bar that trades: here the first.
  assert.equal(result.benchmark.metrics.exposure, 1);
});

Deno.test("a sell at a limit-down open waits for the next bar", () => {
  const bars = barsFrom([
    ["2025-03-03", 10_000, 10_000, 10_000, 10_000],
    ["2025-03-04", 10_000, 10_000, 10_000, 10_000],
    ["2025-03-05", 7_000, 7_000, 7_000, 7_000],
    ["2025-03-06", 7_100, 7_100, 7_100, 7_100],
  ]);
  const options = backtestOptions({ cash: 1_000_000, slippage: { kind: "ticks", ticks: 1 } });
  const result = runBacktest(bars, targets([1, 0, 0, 0]), options);
  // Buy 03-04 at 10,010 (99 shares). Sell wanted at 03-05's open of 7,000, the lower limit: it
  // waits, and fills on 03-06 at 7,100 − 1 tick = 7,090.
  assert.deepEqual(result.fills.map((f) => [f.date, f.side, f.price, f.qty]), [
    ["2025-03-04", "buy", 10_010, 99],
    ["2025-03-06", "sell", 7_090, 99],
  ]);
  assert.equal(result.metrics.blockedOrders, 1);
});

Deno.test("an open position at the end is marked at the last close", () => {
  const bars = barsFrom([
    ["2025-03-03", 10_000, 10_000, 10_000, 10_000],
    ["2025-03-04", 10_000, 10_000, 10_000, 10_000],
    ["2025-03-05", 11_000, 11_000, 11_000, 11_000],
  ]);
  const result = runBacktest(bars, targets([1, 1, 1]), backtestOptions({ cash: 1_000_000 }));
  // 99 shares: 990,000 + 148; cash 9,852
  assert.deepEqual(result.trades, [{
    symbol: "",
    entryDate: "2025-03-04",
    entryPrice: 10_000,
    exitDate: null,
    exitPrice: null,
    qty: 99,
    pnl: 99 * 11_000 - 990_148,
  }]);
  assert.equal(result.metrics.finalEquity, 9_852 + 99 * 11_000);
  assert.equal(result.metrics.trades, 0);
});

Deno.test("sizing rules cap a buy", async (t) => {
  const run = (sizing: Parameters<typeof backtestOptions>[0]) =>
    runBacktest(ACROSS_NEW_YEAR, targets([1, 1, 0, 0]), backtestOptions(sizing)).fills[0];
  await t.step("fixed KRW: floor(500,000 / (10,100 × 1.00015)) = 49", () => {
    assert.equal(run({ cash: 1_000_000, sizing: { kind: "fixed", amount: 500_000 } })?.qty, 49);
  });
  await t.step("fraction of equity at the previous close", () => {
    assert.equal(
      run({ cash: 1_000_000, sizing: { kind: "equity-fraction", fraction: 0.5 } })?.qty,
      49,
    );
  });
  await t.step("a fixed amount above cash is capped by cash", () => {
    assert.equal(run({ cash: 1_000_000, sizing: { kind: "fixed", amount: 5_000_000 } })?.qty, 98);
  });
  await t.step("too little cash for one share means no trade", () => {
    assert.equal(run({ cash: 10_000 }), undefined);
  });
});

Deno.test("gapped dates change nothing but the dated tax", () => {
  const bars = barsFrom([
    ["2025-06-02", 10_000, 10_000, 10_000, 10_000],
    ["2025-09-01", 10_000, 10_000, 10_000, 10_000],
    ["2026-03-02", 10_000, 10_000, 10_000, 10_000],
  ]);
  const result = runBacktest(bars, targets([1, 0, 0]), backtestOptions({ cash: 1_000_000 }));
  // buy 99 on 2025-09-01, sell on 2026-03-02: fee 148, tax 990,000 × 0.002 = 1,980
  assert.deepEqual(result.fills.map((f) => [f.date, f.tax]), [["2025-09-01", 0], [
    "2026-03-02",
    1_980,
  ]]);
});

Deno.test("the benchmark buys all-in at the first bar and holds", () => {
  const result = runBacktest(
    ACROSS_NEW_YEAR,
    targets([0, 0, 0, 0]),
    backtestOptions({ cash: 1_000_000 }),
  );
  // 99 shares at the first open 10,000, 990,148 spent: cash 9,852
  assert.deepEqual(
    [...result.benchmark.equity],
    [10_000, 10_200, 10_400, 10_000].map((c) => 9_852 + 99 * c),
  );
  assert.deepEqual([...result.equity], [1_000_000, 1_000_000, 1_000_000, 1_000_000]);
});

Deno.test("a backtest of an ETF pays no securities transaction tax on its sales", () => {
  const options = backtestOptions({ cash: 1_000_000, instrument: "etf" });
  const result = runBacktest(ACROSS_NEW_YEAR, targets([1, 1, 0, 0]), options, "069500");
  const sale = result.fills.find((f) => f.side === "sell");
  assert.ok(sale !== undefined);
  assert.equal(sale.tax, 0);
  assert.equal(result.metrics.taxPaid, 0);
  const stock = runBacktest(
    ACROSS_NEW_YEAR,
    targets([1, 1, 0, 0]),
    backtestOptions({ cash: 1_000_000 }),
  );
  assert.ok(stock.metrics.taxPaid > 0);
});
