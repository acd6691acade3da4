import assert from "node:assert/strict";
import { portfolioOf, sharedPortfolio } from "@/core/api/portfolio.ts";
import { balanceOf, holding } from "../portfolio/_balance.ts";

const read = () =>
  balanceOf([
    holding("005930", "삼성전자", 10, 600_000, 700_000),
    holding("000660", "SK하이닉스", 2, 260_000, 250_000),
  ], 1_000_000);

Deno.test("a balance read's portfolio is worked out once and shared by every request on it", () => {
  const balance = read();
  const first = sharedPortfolio(balance);
  assert.equal(sharedPortfolio(balance), first);
  assert.deepEqual(first, portfolioOf(balance));
});

Deno.test("a new balance read gets its own portfolio", () => {
  const before = sharedPortfolio(read());
  const after = read();
  assert.notEqual(sharedPortfolio(after), before);
  assert.deepEqual(sharedPortfolio(after), before, "same figures from the same numbers");
});
