import assert from "node:assert/strict";
import type { RecentBalance } from "@/core/broker/mod.ts";
import { portfolioOf, sharedPortfolio, sharedPortfolioJson } from "@/core/api/portfolio.ts";
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

Deno.test("the portfolio answer is serialised once per balance read and account, then sent as is", async () => {
  const balance = read();
  const first: RecentBalance = { balance: Promise.resolve(balance), at: 1_000 };
  const account = { id: "50123456-01", label: "모의 시장", mode: "demo" } as const;
  const text = await sharedPortfolioJson(first, account);
  assert.deepEqual(JSON.parse(text), { account, asOf: 1_000, ...portfolioOf(balance) });
  assert.equal(await sharedPortfolioJson(first, account), text);
  const relabelled = await sharedPortfolioJson(first, { ...account, label: "other" });
  assert.equal(JSON.parse(relabelled).account.label, "other", "each account description its own");
  const next: RecentBalance = { balance: Promise.resolve(balance), at: 6_000 };
  assert.equal(JSON.parse(await sharedPortfolioJson(next, account)).asOf, 6_000, "a new read");
});
