import assert from "node:assert/strict";
import { portfolioOf } from "@/core/api/portfolio.ts";
import { portfolioFigures } from "@/core/portfolio/mod.ts";
import { parseSymbolCode } from "@/core/krx/mod.ts";
import { expectError, expectJson } from "./_api.ts";
import { balanceOf, holding } from "../portfolio/_balance.ts";
import { startTrading } from "./_trading.ts";

const SAMSUNG = parseSymbolCode("005930");

Deno.test("GET /accounts names the app's one account with its mode and label", async () => {
  await using rig = await startTrading();
  const body = await expectJson(await rig.app("viewer").request("/api/v1/accounts"), 200);
  assert.deepEqual(body, { items: [{ id: rig.accountId, label: "모의 시장", mode: "demo" }] });
});

Deno.test("GET /portfolio shows a bought holding with its weight, cash and equity from the broker", async () => {
  await using rig = await startTrading();
  await rig.e2e.broker.placeOrder({ type: "market", side: "buy", symbol: SAMSUNG, quantity: 10 });
  const app = rig.app("viewer");
  const portfolio = await expectJson<{
    holdings: { symbol: string; quantity: number; value: number; weightBps: number }[];
    equity: number;
    asOf: number;
    allocation: { key: string; weightBps: number }[];
  }>(await app.request("/api/v1/portfolio"), 200);
  assert.ok(Math.abs(Date.now() - portfolio.asOf) < 60_000, "asOf is when the balance was read");
  const [holding] = portfolio.holdings;
  assert.equal(holding?.symbol, "005930");
  assert.equal(holding?.quantity, 10);
  assert.equal(holding.weightBps, Math.round((holding.value * 10_000) / portfolio.equity));
  assert.deepEqual(portfolio.allocation.map((a) => a.key).sort(), ["005930", "cash"]);
  const total = portfolio.allocation.reduce((sum, a) => sum + a.weightBps, 0);
  assert.ok(Math.abs(total - 10_000) <= 1, `weights sum to ${total}`);

  const summary = await expectJson<{ asOf: number; summary: { totalValue: number } }>(
    await app.request(`/api/v1/accounts/${rig.accountId}/summary`),
    200,
  );
  assert.equal(summary.summary.totalValue, portfolio.equity);
  assert.equal(summary.asOf, portfolio.asOf, "the summary shares the portfolio's recent read");
  const error = await expectError(await app.request("/api/v1/accounts/00000000-01/summary"), 404);
  assert.equal(error.code, "account_not_found");
  await expectError(await app.request("/api/v1/portfolio?accountId=00000000-01"), 404);
});

Deno.test("the account routes answer 503 without a broker or an account", async () => {
  await using rig = await startTrading();
  const noBroker = await expectError(
    await rig.app("viewer", { broker: undefined }).request("/api/v1/portfolio"),
    503,
  );
  assert.equal(noBroker.code, "broker_unavailable");
  const noAccount = await expectError(
    await rig.app("viewer", { account: undefined }).request("/api/v1/accounts"),
    503,
  );
  assert.equal(noAccount.code, "account_unavailable");
});

Deno.test("portfolioOf maps the figures to the API: lastPrice, 0 for no share, allocation largest first", () => {
  const balance = balanceOf([
    holding("005930", "삼성전자", 10, 500_000, 550_000),
    holding("035420", "NAVER", 1, 0, 2_000_000),
  ], 1_450_000);
  const [portfolio, figures] = [portfolioOf(balance), portfolioFigures(balance)];
  assert.deepEqual(portfolio.holdings[0], {
    symbol: "005930",
    name: "삼성전자",
    quantity: 10,
    averagePrice: 50_000,
    lastPrice: 55_000,
    value: 550_000,
    cost: 500_000,
    profitLoss: 50_000,
    profitLossBps: figures.holdings[0]!.returnBps,
    weightBps: figures.holdings[0]!.weightBps,
  });
  assert.equal(figures.holdings[1]!.returnBps, null);
  assert.equal(portfolio.holdings[1]!.profitLossBps, 0, "no cost: 0 in the API, not null");
  assert.deepEqual(portfolio.allocation.map((a) => [a.key, a.value]), [
    ["035420", 2_000_000],
    ["cash", 1_450_000],
    ["005930", 550_000],
  ]);
  assert.equal(portfolio.allocation[1]!.weightBps, figures.unheld.weightBps);
  assert.deepEqual(portfolio.cash, { deposit: 1_450_000, settledD2: 1_450_000 });
  assert.equal(portfolio.equity, figures.equity);
});
