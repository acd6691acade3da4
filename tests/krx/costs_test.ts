import assert from "node:assert/strict";
import {
  DEFAULT_FEE_RATE,
  fillCosts,
  type IsoDate,
  type Market,
  sellTaxRate,
} from "../../core/krx/mod.ts";

const day = (s: string) => s as IsoDate;

Deno.test("sellTaxRate changes exactly at the year boundaries", async (t) => {
  const cases: [string, Market, number][] = [
    ["2024-12-31", "KOSPI", 0.0018],
    ["2024-12-31", "KOSDAQ", 0.0018],
    ["2025-01-01", "KOSPI", 0.0015],
    ["2025-01-01", "KOSDAQ", 0.0015],
    ["2025-12-31", "KOSPI", 0.0015],
    ["2025-12-31", "KOSDAQ", 0.0015],
    ["2026-01-01", "KOSPI", 0.002],
    ["2026-01-01", "KOSDAQ", 0.002],
    ["2026-01-01", "KONEX", 0.001],
    ["2024-01-01", "KOSPI", 0.0018],
    ["2023-12-29", "KOSDAQ", 0.002],
  ];
  for (const [date, market, rate] of cases) {
    await t.step(`${date} ${market}`, () => assert.equal(sellTaxRate(day(date), market), rate));
  }
});

Deno.test("sellTaxRate refuses dates before its schedule", () => {
  assert.throws(() => sellTaxRate(day("2020-12-31"), "KOSPI"), /2020-12-31/);
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
  await t.step("a sell pays the fee and the tax of its date", () => {
    // 700_000 × 0.18 % = 1_260 in 2024; × 0.20 % = 1_400 in 2026
    const sell = { side: "sell", price: 70_000, qty: 10, market: "KOSPI" } as const;
    assert.deepEqual(fillCosts({ ...sell, date: day("2024-12-31") }), { fee: 105, tax: 1_260 });
    assert.deepEqual(fillCosts({ ...sell, date: day("2026-01-01") }), { fee: 105, tax: 1_400 });
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
      { side: "sell", price: 5_000, qty: 3, date: day("2019-01-02"), market: "KOSPI" },
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
