import assert from "node:assert/strict";
import {
  DEFAULT_FEE_RATE,
  fillCosts,
  type IsoDate,
  type Market,
  sellTaxRate,
} from "../../core/krx/mod.ts";

const day = (s: string) => s as IsoDate;

Deno.test("tax by settlement date: the new rate applies to sales that settle on or after its first day", async (t) => {
  // A sale settles two trading days after the trade (T+2); the statutory rate is the one in
  // force on the settlement day. Each case names the trade date and the day it settles.
  const cases: [string, string, Market, number][] = [
    ["2024-12-26", "settles 12-30", "KOSPI", 0.0018],
    ["2024-12-27", "settles 2025-01-02", "KOSPI", 0.0015],
    ["2024-12-27", "settles 2025-01-02", "KOSDAQ", 0.0015],
    ["2024-12-30", "settles 2025-01-03", "KOSPI", 0.0015],
    ["2025-12-26", "settles 12-30", "KOSPI", 0.0015],
    ["2025-12-29", "settles 2026-01-02", "KOSPI", 0.002],
    ["2025-12-29", "settles 2026-01-02", "KOSDAQ", 0.002],
    ["2025-12-30", "settles 2026-01-05", "KONEX", 0.001],
    ["2023-12-26", "settles 12-28", "KOSDAQ", 0.002],
    ["2023-12-27", "settles 2024-01-02", "KOSDAQ", 0.0018],
    ["2020-12-28", "settles 12-30", "KOSPI", 0.0025],
    ["2020-12-29", "settles 2021-01-04", "KOSPI", 0.0023],
    ["2022-12-27", "settles 12-29", "KOSPI", 0.0023],
    ["2022-12-28", "settles 2023-01-02", "KOSPI", 0.002],
  ];
  for (const [date, settles, market, rate] of cases) {
    await t.step(`${date} (${settles}) ${market}`, () => {
      assert.equal(sellTaxRate(day(date), market), rate);
    });
  }
});

Deno.test("tax by settlement date: the 2019 cut applied to trades from 2019-05-30 (settling 06-03)", () => {
  assert.equal(sellTaxRate(day("2019-05-29"), "KOSPI"), 0.003);
  assert.equal(sellTaxRate(day("2019-05-29"), "KONEX"), 0.003);
  assert.equal(sellTaxRate(day("2019-05-30"), "KOSPI"), 0.0025);
  assert.equal(sellTaxRate(day("2019-05-30"), "KOSDAQ"), 0.0025);
  assert.equal(sellTaxRate(day("2019-05-30"), "KONEX"), 0.001);
  assert.equal(sellTaxRate(day("2015-01-02"), "KOSDAQ"), 0.003);
});

Deno.test("sellTaxRate refuses trade dates before its schedule, naming the date", () => {
  assert.throws(() => sellTaxRate(day("2014-12-30"), "KOSPI"), /2014-12-30/);
});

Deno.test("ETF/ETN sells pay no securities transaction tax", () => {
  assert.equal(sellTaxRate(day("2025-06-02"), "KOSPI", "etf"), 0);
  assert.equal(sellTaxRate(day("2025-06-02"), "KOSPI", "etn"), 0);
  const sell = {
    side: "sell",
    price: 10_000,
    qty: 100,
    date: day("2025-06-02"),
    market: "KOSPI",
  } as const;
  // 1,000,000 × 0.015 % = 150 fee either way; the stock pays 0.15 % = 1,500 tax
  assert.deepEqual(fillCosts({ ...sell, instrument: "etf" }), { fee: 150, tax: 0 });
  assert.deepEqual(fillCosts({ ...sell, instrument: "etn" }), { fee: 150, tax: 0 });
  assert.deepEqual(fillCosts({ ...sell, instrument: "stock" }), { fee: 150, tax: 1_500 });
  assert.deepEqual(fillCosts(sell), { fee: 150, tax: 1_500 });
});

Deno.test("tax by settlement date through fillCosts: sells on 2024-12-27 and 2025-12-29", () => {
  // 700,000 won sold: 0.18 % = 1,260 at the 2024 rate, 0.15 % = 1,050 at 2025's, 0.20 % = 1,400
  const sell = { side: "sell", price: 70_000, qty: 10, market: "KOSPI" } as const;
  assert.equal(fillCosts({ ...sell, date: day("2024-12-26") }).tax, 1_260);
  assert.equal(fillCosts({ ...sell, date: day("2024-12-27") }).tax, 1_050);
  assert.equal(fillCosts({ ...sell, date: day("2025-12-26") }).tax, 1_050);
  assert.equal(fillCosts({ ...sell, date: day("2025-12-29") }).tax, 1_400);
});

Deno.test("fillCosts", async (t) => {
  await t.step("a buy pays the fee and no tax", () => {
    // 70_000 × 10 = 700_000; × 0.015 % = 105
    const costs = fillCosts({
      side: "buy",
      price: 70_000,
      qty: 10,
      date: day("2025-03-04"),
      market: "KOSPI",
    });
    assert.deepEqual(costs, { fee: 105, tax: 0 });
  });
  await t.step("a sell pays the fee and the tax of its settlement date", () => {
    // 700_000 × 0.18 % = 1_260 in 2024; × 0.20 % = 1_400 in 2026
    const sell = { side: "sell", price: 70_000, qty: 10, market: "KOSPI" } as const;
    assert.deepEqual(fillCosts({ ...sell, date: day("2024-06-03") }), { fee: 105, tax: 1_260 });
    assert.deepEqual(fillCosts({ ...sell, date: day("2026-01-02") }), { fee: 105, tax: 1_400 });
  });
  await t.step("each amount is truncated below the won", () => {
    // 12_345 × 7 = 86_415; fee 12.96225 → 12; 2025 tax 0.15 % = 129.6225 → 129
    const costs = fillCosts({
      side: "sell",
      price: 12_345,
      qty: 7,
      date: day("2025-05-02"),
      market: "KOSDAQ",
    });
    assert.deepEqual(costs, { fee: 12, tax: 129 });
  });
  await t.step("exact products are not lost to binary rounding", () => {
    // 100_000 × 0.00015 is 14.999999999999998 in floating point; the fee is 15 won.
    const costs = fillCosts({
      side: "buy",
      price: 10_000,
      qty: 10,
      date: day("2025-05-02"),
      market: "KOSPI",
    });
    assert.equal(costs.fee, 15);
  });
  await t.step("rates can be overridden; the tax override beats the dated rate", () => {
    // 1_000_000 × 0.0140527 % = 140.527 → 140; × 0.23 % = 2_300
    const costs = fillCosts(
      { side: "sell", price: 100_000, qty: 10, date: day("2025-05-02"), market: "KOSPI" },
      { feeRate: 0.000140527, taxRate: 0.0023 },
    );
    assert.deepEqual(costs, { fee: 140, tax: 2_300 });
  });
  await t.step("an explicit tax rate allows dates outside the schedule", () => {
    const costs = fillCosts(
      { side: "sell", price: 5_000, qty: 3, date: day("2014-01-02"), market: "KOSPI" },
      { taxRate: 0.003 },
    );
    assert.deepEqual(costs, { fee: 2, tax: 45 });
  });
  await t.step("large fills stay exact", () => {
    // value 987_000 × 12_345_679 computed with BigInt, rates as exact fractions
    const price = 987_000;
    const qty = 12_345_679;
    const value = BigInt(price) * BigInt(qty);
    const costs = fillCosts({ side: "sell", price, qty, date: day("2026-03-03"), market: "KOSPI" });
    assert.deepEqual(costs, {
      fee: Number((value * 15n) / 100_000n),
      tax: Number((value * 2n) / 1_000n),
    });
  });
  await t.step("invalid input is rejected", () => {
    const fill = {
      side: "buy",
      price: 1_000,
      qty: 1,
      date: day("2025-01-02"),
      market: "KOSPI",
    } as const;
    assert.throws(() => fillCosts({ ...fill, price: 1_000.5 }), /price/);
    assert.throws(() => fillCosts({ ...fill, qty: -1 }), /quantity/);
    assert.throws(() => fillCosts(fill, { feeRate: 1 }), /fee rate/);
    assert.throws(() => fillCosts(fill, { feeRate: 1e-11 }), /decimal/);
  });
  assert.equal(DEFAULT_FEE_RATE, 0.00015);
});
