import assert from "node:assert/strict";
import { CostModel } from "../../core/backtest/mod.ts";
import { fillCosts, type IsoDate } from "../../core/krx/mod.ts";

const DATES = ["2021-06-01", "2023-12-29", "2024-01-02", "2025-07-01", "2026-01-02"] as IsoDate[];

Deno.test("the cost model gives fillCosts' fee and tax on every sampled fill", async (t) => {
  let state = 12_345;
  const next = (n: number) => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state % n;
  };
  for (
    const [feeRate, taxRate] of [[0.00015, undefined], [0.0001, 0.0023], [0, 0.002], [
      0.00015,
      0,
    ]] as const
  ) {
    await t.step(`fee ${feeRate}, tax ${taxRate ?? "by date"}`, () => {
      for (const market of ["KOSPI", "KOSDAQ", "KONEX"] as const) {
        const model = new CostModel(market, feeRate, taxRate);
        for (let i = 0; i < 2_000; i++) {
          const price = 1 + next(900_000);
          const qty = 1 + next(i % 10 === 0 ? 50_000_000 : 2_000);
          const date = DATES[next(DATES.length)]!;
          const rates = taxRate === undefined ? { feeRate } : { feeRate, taxRate };
          const expected = fillCosts({ side: "sell", price, qty, date, market }, rates);
          assert.equal(model.fee(price * qty, date), expected.fee, `fee ${price}×${qty}`);
          assert.equal(model.tax(price * qty, date), expected.tax, `tax ${price}×${qty} ${date}`);
        }
      }
    });
  }
});

Deno.test("the cost model refuses rates fillCosts refuses", () => {
  assert.throws(() => new CostModel("KOSPI", -0.001));
  assert.throws(() => new CostModel("KOSPI", 0.00015, 1.5));
});
