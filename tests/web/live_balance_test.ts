import assert from "node:assert/strict";
import { flashClass, livePortfolio } from "@/core/web/client/live_balance.ts";
import { liveQuotes } from "@/core/web/client/live_events.ts";
import { balanceOf, holding } from "../portfolio/_balance.ts";

Deno.test("the live view takes only quotes newer than the balance, and keeps the rendered row order", () => {
  const balance = balanceOf([
    holding("005930", "삼성전자", 10, 500_000, 550_000),
    holding("000660", "SK하이닉스", 2, 500_000, 540_000),
  ], 1_000_000);
  const asOf = 1_000;
  try {
    liveQuotes.value = new Map([
      ["005930", { symbol: "005930", price: 50_000, change: 0, at: asOf + 1 }],
      ["000660", { symbol: "000660", price: 999_000, change: 0, at: asOf - 1 }],
    ]);
    const view = livePortfolio(balance, asOf);
    // 005930 is now the smaller holding, but its row stays where the page rendered it
    assert.deepEqual(view.holdings.map((h) => [h.symbol, h.price]), [
      ["005930", 50_000],
      ["000660", 270_000],
    ]);
    assert.equal(view.totals.equity, 1_000_000 + 500_000 + 540_000, "the older quote is ignored");
  } finally {
    liveQuotes.value = new Map();
  }
  assert.equal(livePortfolio(balance, asOf).totals.equity, 2_090_000, "no quotes: the server's");
  assert.equal(flashClass({ tone: "up", n: 1 }), " flash-up");
  assert.equal(flashClass(undefined), "");
});
