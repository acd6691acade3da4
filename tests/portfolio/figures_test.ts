import assert from "node:assert/strict";
import fc from "fast-check";
import { portfolioFigures, shareBasisPoints } from "@/core/portfolio/mod.ts";
import { balanceOf, holding } from "./_balance.ts";

Deno.test("shareBasisPoints rounds half away from zero, exactly, and has no share of nothing", async (t) => {
  await t.step("rounded to the nearest basis point, ties away from zero", () => {
    assert.equal(shareBasisPoints(1, 3), 3_333);
    assert.equal(shareBasisPoints(2, 3), 6_667);
    assert.equal(shareBasisPoints(1, 20_000), 1, "0.5 bp up");
    assert.equal(shareBasisPoints(-1, 20_000), -1, "-0.5 bp down, not to -0");
    assert.equal(shareBasisPoints(-250, 10_000), -250);
    assert.ok(Object.is(shareBasisPoints(-1, 1_000_000), 0), "a loss too small to show is 0");
  });
  await t.step("exact past 2^53: a trillion won is not rounded by floating point", () => {
    assert.equal(shareBasisPoints(999_999_999_999_999, 2_000_000_000_000_000), 5_000);
  });
  await t.step("null when the whole is 0 or negative", () => {
    assert.equal(shareBasisPoints(5, 0), null);
    assert.equal(shareBasisPoints(5, -100), null);
  });
  await t.step("agrees with rounding the exact fraction", () => {
    fc.assert(fc.property(
      fc.integer({ min: -1e9, max: 1e9 }),
      fc.integer({ min: 1, max: 1e9 }),
      (part, whole) => {
        const exact = (part * 10_000) / whole;
        const expected = Math.sign(exact) * Math.round(Math.abs(exact));
        assert.equal(shareBasisPoints(part, whole), expected === 0 ? 0 : expected);
      },
    ));
  });
});

Deno.test("portfolioFigures weighs holdings and cash against equity and computes returns", () => {
  const figures = portfolioFigures(balanceOf([
    holding("005930", "삼성전자", 10, 500_000, 550_000),
    holding("000660", "SK하이닉스", 0, 0, 0),
    holding("035420", "NAVER", 3, 600_000, 540_000),
  ], 910_000));
  assert.equal(figures.equity, 2_000_000);
  assert.deepEqual(
    figures.holdings.map((h) => h.symbol),
    ["005930", "035420"],
    "sold-out row left out",
  );
  assert.deepEqual(
    figures.holdings.map((h) => [h.value, h.cost, h.profitLoss, h.returnBps, h.weightBps]),
    [
      [550_000, 500_000, 50_000, 1_000, 2_750],
      [540_000, 600_000, -60_000, -1_000, 2_700],
    ],
  );
  assert.deepEqual(figures.unheld, { value: 910_000, weightBps: 4_550 });
  assert.deepEqual(
    [
      figures.deposit,
      figures.settledCashD2,
      figures.securitiesValue,
      figures.cost,
      figures.profitLoss,
    ],
    [910_000, 910_000, 1_090_000, 1_100_000, -10_000],
  );
  assert.equal(figures.returnBps, -91, "-10,000 on 1,100,000 is -90.9 bp");
});

Deno.test("portfolioFigures says null where there is nothing to take a share of", async (t) => {
  await t.step("cash only: no holdings, no return, all of equity unheld", () => {
    const figures = portfolioFigures(balanceOf([], 1_000_000));
    assert.deepEqual(figures.holdings, []);
    assert.equal(figures.returnBps, null);
    assert.deepEqual(figures.unheld, { value: 1_000_000, weightBps: 10_000 });
  });
  await t.step("a holding received for nothing has no return; an empty account no weights", () => {
    const gift = portfolioFigures(balanceOf([holding("005930", "삼성전자", 1, 0, 55_000)], 0));
    assert.deepEqual([gift.holdings[0]!.returnBps, gift.holdings[0]!.weightBps], [null, 10_000]);
    const empty = portfolioFigures(balanceOf([], 0));
    assert.deepEqual(empty.unheld, { value: 0, weightBps: null });
  });
});

Deno.test("the allocation's cash is equity less the holdings, so the parts add up to equity", () => {
  fc.assert(fc.property(
    fc.array(
      fc.record({
        cost: fc.nat(1e9),
        value: fc.nat(1e9),
        quantity: fc.integer({ min: 0, max: 1e4 }),
      }),
      {
        maxLength: 8,
      },
    ),
    fc.nat(1e10),
    (rows, deposit) => {
      const figures = portfolioFigures(balanceOf(
        rows.map((r, i) => holding(String(100_000 + i), `종목${i}`, r.quantity, r.cost, r.value)),
        deposit,
      ));
      const held = figures.holdings.reduce((sum, h) => sum + h.value, 0);
      assert.equal(held + figures.unheld.value, figures.equity);
      assert.ok(figures.holdings.every((h) => h.quantity > 0));
    },
  ));
});
