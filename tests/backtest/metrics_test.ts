import assert from "node:assert/strict";
import { computeMetrics, type Trade } from "../../core/backtest/mod.ts";
import type { IsoDate } from "../../core/krx/mod.ts";

const day = "2025-01-02" as IsoDate;
function trade(pnl: number, open = false): Trade {
  return {
    symbol: "000001",
    entryDate: day,
    entryPrice: 100,
    exitDate: open ? null : day,
    exitPrice: open ? null : 100,
    qty: 1,
    pnl,
  };
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b));

Deno.test("metrics on a three-close curve match the written definitions", async (t) => {
  const metrics = computeMetrics({
    initialCash: 100,
    equity: Float64Array.from([110, 99, 121]),
    exposedBars: 2,
    trades: [trade(50), trade(-20), trade(30), trade(100, true)],
    feesPaid: 7,
    taxPaid: 3,
    tradedValue: 330,
    blockedOrders: 1,
  });
  const returns = [0.1, -0.1, 121 / 99 - 1];
  const mean = (returns[0]! + returns[1]! + returns[2]!) / 3;
  const std = Math.sqrt(returns.reduce((s, r) => s + (r - mean) ** 2, 0) / 2);
  const downside = Math.sqrt(0.01 / 2);
  const cagr = 1.21 ** (252 / 3) - 1;
  await t.step("returns and risk", () => {
    assert.equal(metrics.finalEquity, 121);
    assert.ok(close(metrics.totalReturn, 0.21));
    assert.ok(close(metrics.cagr, cagr));
    assert.ok(close(metrics.volatility, std * Math.sqrt(252)));
    assert.ok(close(metrics.sharpe!, mean / std * Math.sqrt(252)));
    assert.ok(close(metrics.sortino!, mean / downside * Math.sqrt(252)));
  });
  await t.step("drawdown from the 110 peak to 99, one close long", () => {
    assert.ok(close(metrics.maxDrawdown, 0.1));
    assert.equal(metrics.maxDrawdownDuration, 1);
    assert.ok(close(metrics.calmar!, cagr / 0.1));
  });
  await t.step("trade statistics count closed trades only", () => {
    assert.equal(metrics.trades, 3);
    assert.ok(close(metrics.winRate!, 2 / 3));
    assert.equal(metrics.averageWin, 40);
    assert.equal(metrics.averageLoss, -20);
    assert.equal(metrics.profitFactor, 4);
  });
  await t.step("exposure, turnover and costs", () => {
    assert.ok(close(metrics.exposure, 2 / 3));
    assert.ok(close(metrics.turnover, 330 / 110));
    assert.deepEqual([metrics.feesPaid, metrics.taxPaid, metrics.blockedOrders], [7, 3, 1]);
  });
});

Deno.test("undefined ratios are null rather than infinite", () => {
  const metrics = computeMetrics({
    initialCash: 100,
    equity: Float64Array.from([100, 100, 100]),
    exposedBars: 0,
    trades: [trade(5)],
    feesPaid: 0,
    taxPaid: 0,
    tradedValue: 0,
    blockedOrders: 0,
  });
  assert.deepEqual(
    [metrics.sharpe, metrics.sortino, metrics.calmar, metrics.profitFactor],
    [null, null, null, null],
  );
  assert.equal(metrics.volatility, 0);
  assert.equal(metrics.maxDrawdown, 0);
});

Deno.test("the longest underwater stretch counts closes below an earlier peak", () => {
  const metrics = computeMetrics({
    initialCash: 100,
    equity: Float64Array.from([90, 95, 100, 80, 70, 85, 99, 101, 100]),
    exposedBars: 0,
    trades: [],
    feesPaid: 0,
    taxPaid: 0,
    tradedValue: 0,
    blockedOrders: 0,
  });
  // Below 100: 90, 95 (2); below 100 again: 80, 70, 85, 99 (4); below 101: 100 (1)
  assert.equal(metrics.maxDrawdownDuration, 4);
  assert.ok(close(metrics.maxDrawdown, 0.3));
});
