import assert from "node:assert/strict";
import type { SweepResult, WalkForwardResult } from "@/core/backtest/mod.ts";
import { metric, metrics, sweepHeatmap, title, walkForwardReport } from "@/core/notebook/mod.ts";

function row(fast: number, slow: number, score: number | null) {
  return {
    params: { fast, slow },
    score,
    totalReturn: score ?? 0,
    cagr: 0,
    sharpe: score,
    sortino: null,
    calmar: null,
    maxDrawdown: 0.1,
    trades: 3,
    finalEquity: 10_000_000,
    feesPaid: 0,
    taxPaid: 0,
  };
}

Deno.test("a sweep heatmap puts one parameter per axis, in numeric order, and marks the best", () => {
  const rows = [row(10, 20, 0.5), row(5, 60, 1.0), row(5, 20, 0.96), row(10, 60, -0.2)];
  const result: SweepResult = { rows, best: rows[1]! };
  const output = sweepHeatmap(result, { rows: "fast", columns: "slow" });
  assert.equal(
    output.bundle["text/plain"],
    "score by fast × slow\nfast\\slow\t20\t60\n5\t0.96\t1.00\n10\t0.50\t-0.20\nbest: 5 / 60",
  );
  const svg = output.markup;
  assert.equal((svg.match(/stroke-width="3"/g) ?? []).length, 1, "one best cell");
  assert.equal(
    (svg.match(/stroke-dasharray/g) ?? []).length,
    2,
    "the region: the best and 0.96, within 10% of the 1.2 range below it",
  );
});

Deno.test("a sweep heatmap keeps the best value when a third parameter varies", () => {
  const rows = [
    { ...row(5, 20, 0.1), params: { fast: 5, slow: 20, k: 1 } },
    { ...row(5, 20, 0.7), params: { fast: 5, slow: 20, k: 2 } },
  ];
  const output = sweepHeatmap({ rows, best: rows[1]! }, { rows: "fast", columns: "slow" });
  assert.match(output.bundle["text/plain"], /\n5\t0\.70\n/);
});

Deno.test("a walk-forward report lists each window and the compounded out-of-sample return", () => {
  const metricsOf = (totalReturn: number) => ({
    initialCash: 10_000_000,
    finalEquity: Math.round(10_000_000 * (1 + totalReturn)),
    totalReturn,
    cagr: 0,
    volatility: 0,
    sharpe: 1,
    sortino: null,
    maxDrawdown: 0,
    maxDrawdownDuration: 0,
    calmar: null,
    trades: 2,
    winRate: null,
    averageWin: 0,
    averageLoss: 0,
    profitFactor: null,
    exposure: 0.5,
    turnover: 0,
    feesPaid: 0,
    taxPaid: 0,
    blockedOrders: 0,
  });
  const window = (from: string, to: string) => ({ from: from as never, to: to as never });
  const result: WalkForwardResult = {
    folds: [
      {
        inSample: window("2025-01-02", "2025-06-30"),
        outOfSample: window("2025-07-01", "2025-09-30"),
        params: { fast: 5, slow: 20 },
        inSampleScore: 1.5,
        metrics: metricsOf(0.1),
      },
      {
        inSample: window("2025-04-01", "2025-09-30"),
        outOfSample: window("2025-10-01", "2025-12-30"),
        params: { fast: 10, slow: 60 },
        inSampleScore: 0.8,
        metrics: metricsOf(-0.05),
      },
    ],
    outOfSampleReturn: 1.1 * 0.95 - 1,
  };
  const output = walkForwardReport(result);
  assert.match(
    output.bundle["text/plain"],
    /^walk-forward: 2 windows, out-of-sample return \+4\.50%\n/,
  );
  const html = output.markup;
  assert.ok(html.includes("2025-07-01 – 2025-09-30"));
  assert.ok(html.includes("{&quot;fast&quot;:10,&quot;slow&quot;:60}"));
  assert.match(html, /<svg /);
  assert.match(html, /fill="#1565c0"\/><text[^>]*>-5\.00%/, "a losing window is a blue bar");
});

Deno.test("titles and metric cards keep a plain-text form for text-only viewers", () => {
  assert.equal(title("백테스트", 2).bundle["text/plain"], "백테스트");
  assert.match(title("백테스트", 2).markup, /<h2 [^>]*>백테스트<\/h2>/);
  assert.equal(
    metrics([
      { label: "자산", value: 12_000_000, format: "krw", delta: -0.031 },
      { label: "Sharpe", value: null, format: "ratio" },
    ]).bundle["text/plain"],
    "자산: ₩12,000,000 (-3.10%)\nSharpe: –",
  );
  const card = metric("수익률", 0.05, 0.01, { format: "signedPercent" }).markup;
  assert.match(card, /color:#d32f2f;[^"]*">▲ \+1\.00%/);
});
