/**
 * A backtest on one page: metric cards against buy-and-hold, equity against the benchmark, the
 * drawdown, candles with the trades (one symbol) and the trade list; and several results
 * compared side by side.
 * @module
 */
import type { Metrics } from "../backtest/mod.ts";
import { barChart } from "./bar_chart.ts";
import { candles } from "./candles.ts";
import { htmlOutput, type Output } from "./display.ts";
import { escapeHtml } from "./escape.ts";
import { formatKrw, formatPercent } from "./format.ts";
import { lineChart } from "./line_chart.ts";
import type { NotebookBacktest } from "./run.ts";
import { BOX_STYLE } from "./style.ts";
import { table } from "./table.ts";
import { metrics } from "./text.ts";

/** Most trades the report lists; the rest are counted. */
const TRADE_ROWS = 30;

/** Drawdown per bar: the fall from the highest equity so far, ≤ 0. */
export function drawdowns(equity: readonly number[]): number[] {
  let peak = -Infinity;
  return equity.map((value) => {
    peak = Math.max(peak, value);
    return peak > 0 ? value / peak - 1 : 0;
  });
}

function describe(result: Pick<NotebookBacktest, "strategy" | "params">): string {
  const params = JSON.stringify(result.params);
  return params === "{}" ? result.strategy : `${result.strategy} ${params}`;
}

function metricCards(m: Metrics, benchmark: Metrics): Output {
  return metrics([
    {
      label: "최종 자산 (final equity)",
      value: m.finalEquity,
      format: "krw",
      delta: m.totalReturn,
    },
    {
      label: "총 수익률 (total return)",
      value: m.totalReturn,
      format: "signedPercent",
      delta: m.totalReturn - benchmark.totalReturn,
    },
    { label: "CAGR", value: m.cagr, format: "signedPercent" },
    { label: "Sharpe", value: m.sharpe, format: "ratio" },
    { label: "최대 낙폭 (max drawdown)", value: -m.maxDrawdown, format: "signedPercent" },
    { label: "승률 (win rate)", value: m.winRate, format: "percent" },
    { label: "거래 (trades)", value: m.trades },
    { label: "비용 (fees + tax)", value: m.feesPaid + m.taxPaid, format: "krw" },
  ]);
}

function plainSummary(result: NotebookBacktest): string {
  const m = result.metrics;
  return [
    `backtest ${describe(result)} on ${result.series.map((s) => s.symbol).join(", ")}`,
    `final equity ${formatKrw(m.finalEquity)}, total return ${
      formatPercent(m.totalReturn, { signed: true })
    } (buy & hold ${formatPercent(result.benchmark.totalReturn, { signed: true })})`,
    `Sharpe ${m.sharpe === null ? "–" : m.sharpe.toFixed(2)}, max drawdown ${
      formatPercent(m.maxDrawdown)
    }, ${m.trades} trades`,
  ].join("\n");
}

/**
 * The full report of one backtest.
 * @example
 * backtestReport(backtest(seededBars({ symbols: ["005930"] })))
 */
export function backtestReport(
  result: NotebookBacktest,
  { title }: { title?: string } = {},
): Output {
  const dates = result.equity.map((p) => p.date);
  const equity = result.equity.map((p) => p.equity);
  const parts = [
    `<h3 style="margin:6px 0">${escapeHtml(title ?? `백테스트 ${describe(result)}`)}</h3>`,
    metricCards(result.metrics, result.benchmark).markup,
    lineChart({
      title: "자산 vs 매수 후 보유 (equity vs buy & hold)",
      x: dates,
      series: [
        { name: "전략", values: equity },
        { name: "매수 후 보유", values: result.benchmarkEquity.map((p) => p.equity) },
      ],
      format: "krw",
    }).markup,
    lineChart({
      title: "낙폭 (drawdown)",
      x: dates,
      series: [{ name: "낙폭", values: drawdowns(equity), color: "#1565c0" }],
      format: "percent",
      area: true,
      height: 180,
    }).markup,
  ];
  const only = result.series.length === 1 ? result.series[0] : undefined;
  if (only) {
    parts.push(
      candles({
        bars: only.bars,
        trades: result.trades,
        symbol: only.symbol,
        title: `${only.symbol} 일봉 (last 120 bars) ▲ 매수 ▼ 매도`,
      }).markup,
    );
  }
  const shown = result.trades.slice(-TRADE_ROWS);
  parts.push(
    table(shown, {
      caption: result.trades.length > shown.length
        ? `거래 (trades): last ${shown.length} of ${result.trades.length}`
        : `거래 (trades): ${result.trades.length}`,
      columns: [
        { key: "symbol", label: "종목" },
        { key: "entryDate", label: "매수일" },
        { key: "entryPrice", label: "매수가", format: "krw" },
        { key: "exitDate", label: "매도일" },
        { key: "exitPrice", label: "매도가", format: "krw" },
        { key: "qty", label: "수량" },
        { key: "pnl", label: "손익", format: "krw", colorBySign: true },
      ],
    }).markup,
  );
  return htmlOutput(`<div style="${BOX_STYLE}">${parts.join("")}</div>`, plainSummary(result));
}

/** A result to compare: the report fields {@link compare} reads. */
export type Comparable = Pick<NotebookBacktest, "metrics" | "equity">;

/**
 * Several results side by side: a metrics table, total returns as bars, and equity curves on one
 * chart (each as growth of its own starting cash, so different cash amounts compare).
 * @example
 * compare({ "MA": maResult, "RSI": rsiResult })
 */
export function compare(
  results: Readonly<Record<string, Comparable>>,
  { title }: { title?: string } = {},
): Output {
  const names = Object.keys(results);
  if (names.length === 0) throw new RangeError("compare needs at least one result");
  const entries = names.map((name) => ({ name, result: results[name] as Comparable }));
  const dates = [...new Set(entries.flatMap(({ result }) => result.equity.map((p) => p.date)))]
    .sort();
  const rows = entries.map(({ name, result }) => ({
    name,
    finalEquity: result.metrics.finalEquity,
    totalReturn: result.metrics.totalReturn,
    cagr: result.metrics.cagr,
    sharpe: result.metrics.sharpe,
    maxDrawdown: -result.metrics.maxDrawdown,
    winRate: result.metrics.winRate,
    trades: result.metrics.trades,
  }));
  const metricsTable = table(rows, {
    columns: [
      { key: "name", label: "전략" },
      { key: "finalEquity", label: "최종 자산", format: "krw" },
      { key: "totalReturn", label: "총 수익률", format: "signedPercent" },
      { key: "cagr", label: "CAGR", format: "signedPercent" },
      { key: "sharpe", label: "Sharpe", format: "ratio" },
      { key: "maxDrawdown", label: "최대 낙폭", format: "signedPercent" },
      { key: "winRate", label: "승률", format: "percent" },
      { key: "trades", label: "거래" },
    ],
  });
  const parts = [
    `<h3 style="margin:6px 0">${escapeHtml(title ?? "전략 비교 (comparison)")}</h3>`,
    metricsTable.markup,
    barChart({
      title: "총 수익률 (total return)",
      labels: names,
      values: rows.map((r) => r.totalReturn),
      format: "signedPercent",
    }).markup,
    lineChart({
      title: "자산 성장 (equity ÷ starting cash − 1)",
      x: dates,
      series: entries.map(({ name, result }) => {
        const growth = new Map(
          result.equity.map((p) => [p.date as string, p.equity / result.metrics.initialCash - 1]),
        );
        return { name, values: dates.map((date) => growth.get(date) ?? null) };
      }),
      format: "signedPercent",
    }).markup,
  ];
  return htmlOutput(
    `<div style="${BOX_STYLE}">${parts.join("")}</div>`,
    metricsTable.bundle["text/plain"],
  );
}
