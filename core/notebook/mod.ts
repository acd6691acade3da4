/**
 * Streamlit-style display helpers for notebooks on Deno's Jupyter kernel: each returns an
 * {@link Output} the kernel shows as HTML or SVG (offline, no scripts from anywhere) with a
 * plain-text fallback. Pure functions from data to markup, plus the bars and backtest runner the
 * notebooks use.
 * @module
 */
export { JUPYTER_DISPLAY, type MimeBundle, Output, show } from "./display.ts";
export { escapeHtml } from "./escape.ts";
export {
  changeColor,
  DOWN_COLOR,
  formatKrw,
  formatPercent,
  formatValue,
  UP_COLOR,
  type ValueFormat,
} from "./format.ts";
export { markdown, metric, type MetricInput, metrics, title } from "./text.ts";
export { type Column, type Row, table } from "./table.ts";
export { lineChart, type LineChartInput, type LineSeries } from "./line_chart.ts";
export { barChart, type BarChartInput } from "./bar_chart.ts";
export { type Cell, heatmap, type HeatmapInput } from "./heatmap.ts";
export { type CandleBars, candles, type CandlesInput } from "./candles.ts";
export { backtestReport, type Comparable, compare, drawdowns } from "./report.ts";
export { sweepHeatmap, type SweepHeatmapOptions } from "./sweep_view.ts";
export { walkForwardReport } from "./walk_forward_view.ts";
export { brokerBars, loadBars, SEEDED_DEFAULTS, seededBars, type SeededBarsInput } from "./data.ts";
export { NotebookInputError } from "./input.ts";
export { apiReport, backtest, type BacktestInput, HOLD, type NotebookBacktest } from "./run.ts";
