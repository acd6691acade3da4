import assert from "node:assert/strict";
import { backtestOptions, portfolioSettingsSchema, runPortfolio } from "../../core/backtest/mod.ts";
import { barsFrom, targets } from "./_fixtures.ts";

const A = barsFrom([
  ["2025-03-03", 10_000, 10_000, 10_000, 10_000],
  ["2025-03-04", 10_000, 11_000, 10_000, 11_000],
  ["2025-03-05", 11_000, 11_000, 11_000, 11_000],
  ["2025-03-06", 11_000, 12_000, 11_000, 12_000],
]);
// B has no bar on 03-04 (a halt).
const B = barsFrom([
  ["2025-03-03", 5_000, 5_000, 5_000, 5_000],
  ["2025-03-05", 5_000, 6_000, 5_000, 6_000],
  ["2025-03-06", 6_000, 6_000, 6_000, 6_000],
]);

Deno.test("two symbols share one cash balance", async (t) => {
  const result = runPortfolio(
    [
      { symbol: "A", bars: A, targets: targets([1, 1, 1, 1]) },
      { symbol: "B", bars: B, targets: targets([1, 1, 1]) },
    ],
    backtestOptions({ cash: 1_000_000 }),
  );
  await t.step("A buys half the equity at 03-04's open", () => {
    // floor(500,000 / 10,001.5) = 49; 490,000 + floor(73.5) = 490,073
    assert.deepEqual(result.fills[0], {
      symbol: "A",
      decisionDate: "2025-03-03",
      date: "2025-03-04",
      side: "buy",
      price: 10_000,
      qty: 49,
      fee: 73,
      tax: 0,
    });
  });
  await t.step(
    "B's next bar after its decision is 03-05; its budget is capped by the cash left",
    () => {
      // Budget floor(0.5 × 1,048,927) = 524,463 but cash is 509,927: floor(509,927 / 5,000.75) = 101
      assert.deepEqual(
        [
          result.fills[1]?.symbol,
          result.fills[1]?.decisionDate,
          result.fills[1]?.date,
          result.fills[1]?.qty,
          result.fills[1]?.fee,
        ],
        ["B", "2025-03-03", "2025-03-05", 101, 75],
      );
    },
  );
  await t.step("equity marks each symbol at its last close on every date", () => {
    assert.deepEqual(result.dates, ["2025-03-03", "2025-03-04", "2025-03-05", "2025-03-06"]);
    assert.deepEqual([...result.equity], [
      1_000_000,
      509_927 + 49 * 11_000,
      4_852 + 49 * 11_000 + 101 * 6_000,
      4_852 + 49 * 12_000 + 101 * 6_000,
    ]);
  });
  await t.step("both open positions are listed and counted", () => {
    assert.deepEqual(result.trades.map((tr) => [tr.symbol, tr.exitDate, tr.qty]), [
      ["A", null, 49],
      ["B", null, 101],
    ]);
    assert.equal(result.metrics.finalEquity, 4_852 + 49 * 12_000 + 101 * 6_000);
  });
});

Deno.test("sells fill before buys, so a rotation is funded the same morning", () => {
  const result = runPortfolio(
    [
      { symbol: "B", bars: B, targets: targets([0, 1, 1]) },
      { symbol: "A", bars: A, targets: targets([1, 1, 0, 0]) },
    ],
    backtestOptions({ cash: 1_000_000 }),
  );
  // 03-04: A buys 49 (490,073; cash 509,927). Equity at 03-05's close: 509,927 + 49 × 11,000 =
  // 1,048,927, so B's budget on 03-06 is 524,463, more than the cash before A's sale.
  // A sells 49 × 11,000 = 539,000: fee 80, tax floor(808.5) = 808. B: floor(524,463 / 6,000.9) = 87.
  assert.deepEqual(result.fills.map((f) => [f.symbol, f.date, f.side, f.qty, f.fee, f.tax]), [
    ["A", "2025-03-04", "buy", 49, 73, 0],
    ["A", "2025-03-06", "sell", 49, 80, 808],
    ["B", "2025-03-06", "buy", 87, 78, 0],
  ]);
  assert.equal(result.metrics.finalEquity, 509_927 + 538_112 - 522_078 + 87 * 6_000);
});

Deno.test("rebalancing trims an over-weight holding back to its weight", () => {
  const flat = barsFrom([
    ["2025-03-03", 10_000, 10_000, 10_000, 10_000],
    ["2025-03-04", 10_000, 10_000, 10_000, 10_000],
    ["2025-03-05", 10_000, 20_000, 10_000, 20_000],
    ["2025-03-06", 20_000, 20_000, 20_000, 20_000],
  ]);
  const result = runPortfolio(
    [{ symbol: "A", bars: flat, targets: targets([1, 1, 1, 1]) }],
    backtestOptions({ cash: 1_000_000 }),
    portfolioSettingsSchema.parse({ weights: { A: 0.5 }, rebalanceEvery: 3 }),
  );
  // 03-04: buy floor(500,000 / 10,001.5) = 49 (490,073; cash 509,927). Close 03-05: equity
  // 509,927 + 980,000 = 1,489,927, a rebalancing close; goal floor(0.5 × 1,489,927 / 20,000) = 37,
  // so 03-06 sells 12 at 20,000.
  assert.deepEqual(result.fills.map((f) => [f.date, f.side, f.qty]), [
    ["2025-03-04", "buy", 49],
    ["2025-03-06", "sell", 12],
  ]);
});

Deno.test("portfolio settings are validated", () => {
  assert.throws(() => portfolioSettingsSchema.parse({ weights: { A: 0.7, B: 0.6 } }), /at most 1/);
});

Deno.test("a portfolio member's buy at a limit-up open or on a bar without volume waits", () => {
  const halted = { ...A, volume: Float64Array.from([1_000, 0, 1_000, 1_000]) };
  const lockedUp = barsFrom([
    ["2025-03-03", 5_000, 5_000, 5_000, 5_000],
    ["2025-03-04", 6_500, 6_500, 6_500, 6_500],
    ["2025-03-05", 6_600, 6_600, 6_600, 6_600],
  ]);
  const result = runPortfolio(
    [
      { symbol: "A", bars: halted, targets: targets([1, 1, 1, 1]) },
      { symbol: "B", bars: lockedUp, targets: targets([1, 1, 1]) },
    ],
    backtestOptions({ cash: 1_000_000 }),
  );
  // A: no volume on 03-04, fills at 03-05's open; B: 6,500 is 5,000's upper limit, fills on 03-05.
  assert.deepEqual(result.fills.map((f) => [f.symbol, f.date, f.price]), [
    ["A", "2025-03-05", 11_000],
    ["B", "2025-03-05", 6_600],
  ]);
  assert.equal(result.metrics.blockedOrders, 2);
});
