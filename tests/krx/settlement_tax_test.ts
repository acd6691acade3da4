import assert from "node:assert/strict";
import { backtestOptions, runBacktest } from "../../core/backtest/mod.ts";
import { barsFrom, type Row, targets } from "../backtest/_fixtures.ts";

/**
 * The tax a backtest charges on one sale of 99 shares at 10,000 won (990,000 won) filled at the
 * open of `sellOn`: flat prices, all-in buy at the second bar's open, exit decided the close
 * before `sellOn`.
 */
function taxOfSaleOn(dates: readonly string[], sellOn: string): number {
  const rows: Row[] = dates.map((date) => [date, 10_000, 10_000, 10_000, 10_000]);
  const sellIndex = dates.indexOf(sellOn);
  assert.ok(sellIndex >= 3, `${sellOn} must leave room for the buy`);
  const signal = dates.map((_, i) => (i < sellIndex - 1 ? 1 : 0));
  const result = runBacktest(
    barsFrom(rows),
    targets(signal),
    backtestOptions({ cash: 1_000_000, market: "KOSPI" }),
  );
  const sale = result.fills.find((fill) => fill.side === "sell");
  assert.equal(sale?.date, sellOn);
  assert.equal(sale?.qty, 99);
  return sale.tax;
}

Deno.test("tax by settlement date in a backtest across the 2024/2025 boundary", async (t) => {
  const dates = [
    "2024-12-20",
    "2024-12-23",
    "2024-12-24",
    "2024-12-26",
    "2024-12-27",
    "2024-12-30",
  ];
  await t.step("a sale on 2024-12-26 settles 12-30: 0.18 % of 990,000 = 1,782", () => {
    assert.equal(taxOfSaleOn(dates, "2024-12-26"), 1_782);
  });
  await t.step("a sale on 2024-12-27 settles 2025-01-02: 0.15 % = 1,485", () => {
    assert.equal(taxOfSaleOn(dates, "2024-12-27"), 1_485);
  });
});

Deno.test("tax by settlement date in a backtest across the 2025/2026 boundary", async (t) => {
  const dates = [
    "2025-12-22",
    "2025-12-23",
    "2025-12-24",
    "2025-12-26",
    "2025-12-29",
    "2025-12-30",
  ];
  await t.step("a sale on 2025-12-26 settles 12-30: 0.15 % of 990,000 = 1,485", () => {
    assert.equal(taxOfSaleOn(dates, "2025-12-26"), 1_485);
  });
  await t.step("a sale on 2025-12-29 settles 2026-01-02: 0.20 % = 1,980", () => {
    assert.equal(taxOfSaleOn(dates, "2025-12-29"), 1_980);
  });
});
