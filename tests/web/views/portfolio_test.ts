import assert from "node:assert/strict";
import { portfolioFigures } from "@/core/portfolio/mod.ts";
import { portfolioOfBalance } from "@/core/web/views/mod.ts";
import { balanceOf, holding } from "../../portfolio/_balance.ts";

Deno.test("the page's view of a balance: holdings largest first, named slices, null kept for the page", () => {
  const balance = balanceOf([
    holding("005930", "삼성전자", 10, 500_000, 550_000),
    holding("035420", "", 1, 0, 2_000_000),
    holding("000660", "SK하이닉스", 0, 0, 0),
  ], 1_450_000);
  const figures = portfolioFigures(balance);
  const view = portfolioOfBalance(balance, "현금");
  assert.deepEqual(view.holdings.map((h) => [h.symbol, h.returnBp, h.weightBp]), [
    ["035420", null, figures.holdings[1]!.weightBps],
    ["005930", figures.holdings[0]!.returnBps, figures.holdings[0]!.weightBps],
  ]);
  assert.deepEqual(view.allocation.map((s) => [s.symbol, s.label, s.value]), [
    ["035420", "035420", 2_000_000],
    ["005930", "삼성전자", 550_000],
    [null, "현금", 1_450_000],
  ]);
  assert.equal(view.allocation[2]!.weightBp, figures.unheld.weightBps);
  assert.deepEqual(view.totals, {
    equity: 4_000_000,
    cash: 1_450_000,
    cashD2: 1_450_000,
    securities: 2_550_000,
    profitLoss: 2_050_000,
    profitLossBp: figures.returnBps,
  });
});

Deno.test("the allocation chart leaves out slices without value: no cash, or an empty account", () => {
  const invested = portfolioOfBalance(
    balanceOf([holding("005930", "삼성전자", 1, 50_000, 55_000)], 0),
    "현금",
  );
  assert.deepEqual(invested.allocation.map((s) => s.symbol), ["005930"]);
  const empty = portfolioOfBalance(balanceOf([], 0), "현금");
  assert.deepEqual([empty.allocation, empty.holdings, empty.totals.profitLossBp], [[], [], null]);
});
