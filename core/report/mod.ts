/**
 * The daily report: equity, day and cumulative PnL after fees and tax, holdings, trades, order
 * counts, alerts, signals, rebalancing runs and errors of one account's trading day, bounded for
 * KV, rendered as Markdown or HTML (Korean or English) and summarised as a notification. Building
 * is pure; `runDailyReport` is the I/O edge that gathers the day from the broker and the store,
 * stores the report and queues its notification. docs/reports.md.
 * @module
 */
export { buildDailyReport } from "./build.ts";
export type {
  DailyReportInput,
  ReportError,
  ReportFill,
  ReportOrder,
  ReportRebalance,
  ReportSignal,
} from "./input.ts";
export {
  type AlertRow,
  type DailyReport,
  dailyReportSchema,
  type ErrorRow,
  type HoldingRow,
  MAX_LABEL_LENGTH,
  MAX_MESSAGE_LENGTH,
  type RebalanceRow,
  type SignalRow,
  type TradeRow,
} from "./schema.ts";
export { fitToBudget, LIST_CAPS, REPORT_BYTE_BUDGET, reportBytes } from "./budget.ts";
export {
  formatBasisPoints,
  formatDate,
  formatKstTime,
  formatSignedWon,
  formatWon,
  groupDigits,
  type ReportLanguage,
  type Tone,
} from "./format.ts";
export { escapeMarkdown, type RenderOptions, renderReportMarkdown } from "./markdown.ts";
export { escapeHtml, renderReportHtml, TONE_COLOURS } from "./html.ts";
export { reportDedupeKey, reportNotification } from "./notification.ts";
export { type DailyReportDeps, type DailyReportOutcome, runDailyReport } from "./daily_run.ts";
export { dailyReportJob, type DailyReportJobContext } from "./job.ts";
export {
  type EquityRecords,
  equityRecords,
  type EquityRow,
  equityRowOf,
  getReport,
  listReports,
  reportBefore,
  saveReport,
} from "./repository.ts";
export {
  type BenchmarkBar,
  type BenchmarkPoint,
  EQUITY_BENCHMARK,
  type EquityHistory,
  equityHistory,
  type EquityHistoryInput,
  type EquityPoint,
  liveEquity,
} from "./equity_series.ts";
export {
  defaultEquityRange,
  EQUITY_DEFAULT_DAYS,
  EQUITY_MAX_DAYS,
  type EquityHistoryDeps,
  type GuardedRead,
  loadEquityHistory,
} from "./equity_history.ts";
