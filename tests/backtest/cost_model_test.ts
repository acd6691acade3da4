import assert from "node:assert/strict";
import { CostModel } from "../../core/backtest/mod.ts";
import { RATE_SCALE, wholeWon } from "../../core/krx/mod.ts";
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

Deno.test("tax units by bar are the dated rates on the 1e-10 scale", async (t) => {
  const dates = [
    "2020-12-30",
    "2021-01-04",
    "2023-12-29",
    "2024-01-02",
    "2024-12-30",
    "2025-01-02",
    "2025-12-30",
    "2026-01-02",
    "2024-06-03",
  ] as IsoDate[];
  await t.step("by date, with NaN where no rate is known, also after an earlier date", () => {
    // 0.23 %, 0.20 %, 0.18 %, 0.15 %, 0.20 % on KOSPI from 2021, 2023, 2024, 2025, 2026
    const units = new CostModel("KOSPI", 0.00015).taxUnitsByBar(dates);
    assert.deepEqual(
      [...units],
      [NaN, 23e6, 20e6, 18e6, 18e6, 15e6, 15e6, 20e6, 18e6],
    );
  });
  await t.step("KONEX keeps 0.10 %", () => {
    const units = new CostModel("KONEX", 0.00015).taxUnitsByBar(dates.slice(1));
    assert.deepEqual([...units], Array(8).fill(1e7));
  });
  await t.step("an override applies on every date", () => {
    const units = new CostModel("KOSPI", 0.00015, 0.0023).taxUnitsByBar(dates);
    assert.deepEqual([...units], Array(9).fill(23e6));
  });
});

Deno.test("whole won from a rate product equals integer division, at every boundary", () => {
  const scale = BigInt(RATE_SCALE);
  const exact = (product: number) => Number(BigInt(product) / scale);
  const products = [0, 1, RATE_SCALE - 1, RATE_SCALE, RATE_SCALE + 1, Number.MAX_SAFE_INTEGER];
  for (const won of [1, 7, 123_456, 900_719, 900_718]) {
    for (const offset of [-2, -1, 0, 1, 2]) {
      const product = won * RATE_SCALE + offset;
      if (product >= 0 && product <= Number.MAX_SAFE_INTEGER) products.push(product);
    }
  }
  let state = 99;
  for (let i = 0; i < 20_000; i++) {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    // value × units the way fills make them: up to 10^12 KRW times up to 9,000 units.
    products.push((1 + (state % 1_000_000)) * (1 + (i % 997)) * 1_000_003 * (1 + (i % 9)));
  }
  for (const product of products) {
    if (product > Number.MAX_SAFE_INTEGER) continue;
    assert.equal(wholeWon(product), exact(product), `product ${product}`);
  }
});
