import assert from "node:assert/strict";
import { parseIsoDate, parseSymbolCode } from "../../core/krx/mod.ts";
import { dayTradeCosts } from "../../core/report/day_trade_costs.ts";
import type { Fill } from "../../core/trading/mod.ts";

const samsung = parseSymbolCode("005930");
const hynix = parseSymbolCode("000660");
let orderNo = 0;

/** A fill of `quantity` shares at `price`, learnt at `at`. */
function fill(symbol: string, side: Fill["side"], quantity: number, price: number, at: number) {
  orderNo++;
  return {
    accountId: "50123456-01",
    orderId: `o-${orderNo}`,
    date: parseIsoDate("2026-11-27"),
    orderNo: String(orderNo),
    branchNo: "00950",
    symbol: parseSymbolCode(symbol),
    side,
    quantity,
    amount: quantity * price,
    price,
    cumulativeQuantity: quantity,
    recordedAt: at,
  } satisfies Fill;
}

Deno.test("a position opened and closed within the day: each sale costs the average of the buys before it", () => {
  const buyA = fill(samsung, "buy", 10, 100, 1);
  const buyB = fill(samsung, "buy", 30, 140, 2);
  const sellA = fill(samsung, "sell", 20, 150, 3);
  const buyC = fill(samsung, "buy", 20, 190, 4);
  const sellB = fill(samsung, "sell", 40, 160, 5);
  const costs = dayTradeCosts([sellB, buyC, sellA, buyB, buyA], new Set());
  assert.equal(costs.get(sellA), 130); // (10 × 100 + 30 × 140) / 40
  assert.equal(costs.get(sellB), 160); // 20 left at 130, then 20 at 190
  assert.equal(costs.size, 2);
});

Deno.test("a buy learnt at the same instant as the sell it paid for counts first", () => {
  const sell = fill(samsung, "sell", 5, 120, 7);
  const buy = fill(samsung, "buy", 5, 110, 7);
  assert.equal(dayTradeCosts([sell, buy], new Set()).get(sell), 110);
});

Deno.test("sales whose cost lies before the day are left out", async (t) => {
  await t.step("still held at the close: the balance knows the cost", () => {
    const sell = fill(hynix, "sell", 1, 300, 2);
    const fills = [fill(hynix, "buy", 2, 290, 1), sell];
    assert.equal(dayTradeCosts(fills, new Set([hynix])).has(sell), false);
  });
  await t.step("more sold than bought: shares were held before the day", () => {
    const sell = fill(hynix, "sell", 3, 300, 2);
    const fills = [fill(hynix, "buy", 2, 290, 1), sell];
    assert.equal(dayTradeCosts(fills, new Set()).has(sell), false);
  });
});
