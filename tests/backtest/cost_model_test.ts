import assert from "node:assert/strict";
import { CostModel } from "../../core/backtest/mod.ts";
import { RATE_SCALE, wholeWon } from "../../core/krx/mod.ts";
import { fillCosts, type IsoDate } from "../../core/krx/mod.ts";

const DATES = [
  "2019-05-30",
  "2021-06-01",
  "2023-12-27",
  "2024-01-02",
  "2024-12-26",
  "2024-12-27",
  "2025-07-01",
  "2025-12-29",
  "2026-01-02",
] as IsoDate[];

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

Deno.test("the cost model charges ETF and ETN sales no tax, as fillCosts does", () => {
  for (const instrument of ["etf", "etn"] as const) {
    for (const taxRate of [undefined, 0.0023]) {
      const model = new CostModel("KOSPI", 0.00015, taxRate, instrument);
      for (const date of DATES) {
        const fill = {
          side: "sell",
          price: 12_345,
          qty: 100,
          date,
          market: "KOSPI",
          instrument,
        } as const;
        const expected = fillCosts(fill, taxRate === undefined ? {} : { taxRate });
        assert.equal(model.tax(1_234_500, date), expected.tax);
        assert.equal(model.tax(1_234_500, date), 0);
      }
      assert.deepEqual([...model.taxUnitsByBar(DATES)], Array(DATES.length).fill(0));
    }
  }
});

Deno.test("the cost model refuses rates fillCosts refuses", () => {
  assert.throws(() => new CostModel("KOSPI", -0.001));
  assert.throws(() => new CostModel("KOSPI", 0.00015, 1.5));
});

Deno.test("tax units by bar are the settlement-date rates on the 1e-10 scale", async (t) => {
  // trade dates on either side of each year's switch: a sale settles two trading days later
  const dates = [
    "2014-12-30", // before the schedule
    "2020-12-28", // settles 12-30: 0.25 %
    "2020-12-29", // settles 2021-01-04: 0.23 %
    "2023-12-26", // settles 12-28: 0.20 %
    "2023-12-27", // settles 2024-01-02: 0.18 %
    "2024-12-26", // settles 12-30: 0.18 %
    "2024-12-27", // settles 2025-01-02: 0.15 %
    "2025-12-26", // settles 12-30: 0.15 %
    "2025-12-29", // settles 2026-01-02: 0.20 %
    "2024-06-03", // earlier than the date before it: 0.18 %
  ] as IsoDate[];
  await t.step("by trade date, with NaN where no rate is known, also after an earlier date", () => {
    const units = new CostModel("KOSPI", 0.00015).taxUnitsByBar(dates);
    assert.deepEqual(
      [...units],
      [NaN, 25e6, 23e6, 20e6, 18e6, 18e6, 15e6, 15e6, 20e6, 18e6],
    );
  });
  await t.step("KONEX keeps 0.10 %", () => {
    const units = new CostModel("KONEX", 0.00015).taxUnitsByBar(dates.slice(1));
    assert.deepEqual([...units], Array(9).fill(1e7));
  });
  await t.step("an override applies on every date", () => {
    const units = new CostModel("KOSPI", 0.00015, 0.0023).taxUnitsByBar(dates);
    assert.deepEqual([...units], Array(10).fill(23e6));
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
