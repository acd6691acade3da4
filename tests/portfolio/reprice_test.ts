import assert from "node:assert/strict";
import { repriceBalance } from "@/core/portfolio/mod.ts";
import { balanceOf, holding } from "./_balance.ts";

Deno.test("a balance repriced at newer prices: the held rows valued again and the totals moved by the difference", () => {
  const balance = balanceOf([
    holding("005930", "삼성전자", 10, 500_000, 550_000),
    holding("000660", "SK하이닉스", 2, 240_000, 250_000),
  ], 1_000_000);
  const repriced = repriceBalance(balance, new Map([["005930", 56_000], ["035720", 40_000]]));
  assert.deepEqual(repriced.holdings[0], {
    ...balance.holdings[0],
    price: 56_000,
    evaluationAmount: 560_000,
    profitLoss: 60_000,
  });
  assert.equal(repriced.holdings[1], balance.holdings[1], "a row without a new price is kept");
  assert.deepEqual(repriced.summary, {
    ...balance.summary,
    securitiesValue: 810_000,
    totalValue: 1_810_000,
    profitLoss: 70_000,
  });
  assert.equal(repriceBalance(balance, new Map([["005930", 55_000]])), balance, "same price");
  assert.equal(repriceBalance(balance, new Map()), balance);
});
