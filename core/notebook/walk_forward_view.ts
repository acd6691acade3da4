/**
 * A walk-forward analysis on one page: each window's chosen parameters, its in-sample score and
 * its out-of-sample result, and the out-of-sample returns compounded.
 * @module
 */
import type { WalkForwardResult } from "../backtest/mod.ts";
import { barChart } from "./bar_chart.ts";
import { htmlOutput, type Output } from "./display.ts";
import { escapeHtml } from "./escape.ts";
import { formatPercent } from "./format.ts";
import { BOX_STYLE } from "./style.ts";
import { table } from "./table.ts";
import { metrics } from "./text.ts";

/**
 * The folds as a table and a bar chart of out-of-sample returns, under the compounded return.
 * @example
 * walkForwardReport(await walkForward({ strategy: "ma-cross", grid, bars, options, inSample: 120, outOfSample: 40 }))
 */
export function walkForwardReport(
  result: WalkForwardResult,
  { title }: { title?: string } = {},
): Output {
  const rows = result.folds.map((fold, i) => ({
    window: i + 1,
    inSample: `${fold.inSample.from} – ${fold.inSample.to}`,
    outOfSample: `${fold.outOfSample.from} – ${fold.outOfSample.to}`,
    params: JSON.stringify(fold.params),
    inSampleScore: fold.inSampleScore,
    oosReturn: fold.metrics.totalReturn,
    oosSharpe: fold.metrics.sharpe,
    oosTrades: fold.metrics.trades,
  }));
  const positive = rows.filter((r) => r.oosReturn > 0).length;
  const folds = table(rows, {
    columns: [
      { key: "window", label: "창" },
      { key: "inSample", label: "최적화 구간 (in-sample)" },
      { key: "outOfSample", label: "검증 구간 (out-of-sample)" },
      { key: "params", label: "선택된 파라미터" },
      { key: "inSampleScore", label: "IS score", format: "ratio" },
      { key: "oosReturn", label: "OOS 수익률", format: "signedPercent" },
      { key: "oosSharpe", label: "OOS Sharpe", format: "ratio" },
      { key: "oosTrades", label: "OOS 거래" },
    ],
  });
  const html = `<div style="${BOX_STYLE}"><h3 style="margin:6px 0">` +
    `${escapeHtml(title ?? "워크포워드 (walk-forward)")}</h3>` +
    metrics([
      { label: "OOS 누적 수익률", value: result.outOfSampleReturn, format: "signedPercent" },
      { label: "창 (windows)", value: rows.length },
      { label: "수익 난 창 (positive)", value: positive },
    ]).markup +
    barChart({
      title: "창별 OOS 수익률 (out-of-sample return per window)",
      labels: rows.map((r) => String(r.window)),
      values: rows.map((r) => r.oosReturn),
      format: "signedPercent",
    }).markup + folds.markup + `</div>`;
  const plain = `walk-forward: ${rows.length} windows, out-of-sample return ` +
    `${formatPercent(result.outOfSampleReturn, { signed: true })}\n${folds.bundle["text/plain"]}`;
  return htmlOutput(html, plain);
}
