/**
 * The daily report as a short notification for core/notify: equity, day PnL, trades and alerts,
 * with the full Markdown report attached for channels that render it.
 * @module
 */
import type { Notification } from "../notify/mod.ts";
import { formatBasisPoints, formatDate, formatSignedWon, formatWon } from "./format.ts";
import { LABELS } from "./labels.ts";
import { type RenderOptions, renderReportMarkdown } from "./markdown.ts";
import type { DailyReport } from "./schema.ts";

/** Longest Markdown a notification carries (the notify schema's limit). */
const MARKDOWN_LIMIT = 20_000;

/**
 * The dedupe key of an account's report for a day: the same report is delivered once per
 * channel, however often the job that sends it runs.
 *
 * @example reportDedupeKey(report) // "report:acct-1:2025-12-29"
 */
export function reportDedupeKey(report: Pick<DailyReport, "accountId" | "date">): string {
  return `report:${report.accountId}:${report.date}`;
}

/**
 * A `report` notification summarising the day; a `warning` when the day had errors. The
 * Markdown is left out when the full report would exceed the channel limit.
 */
export function reportNotification(report: DailyReport, options: RenderOptions = {}): Notification {
  const lang = options.lang ?? "ko";
  const l = LABELS[lang];
  const trades = report.trades.items.length + report.trades.omitted;
  const alerts = report.alerts.items.length + report.alerts.omitted;
  const errors = report.errors.items.length + report.errors.omitted;
  const { pnl } = report;
  const lines = [
    `${l.equity}: ${formatWon(report.equity.total, lang)}`,
    `${l.day}: ${formatSignedWon(pnl.day, lang)} (${formatBasisPoints(pnl.dayBasisPoints, true)})`,
    `${l.cumulative}: ${formatSignedWon(pnl.cumulative, lang)} (${
      formatBasisPoints(pnl.cumulativeBasisPoints, true)
    })`,
    `${l.trades}: ${l.count(trades)} · ${l.alerts}: ${l.count(alerts)}`,
    ...(errors > 0 ? [`${l.errors}: ${l.count(errors)}`] : []),
  ];
  const markdown = renderReportMarkdown(report, { lang });
  return {
    title: `${l.title} · ${formatDate(report.date, lang)}`,
    body: lines.join("\n"),
    ...(markdown.length <= MARKDOWN_LIMIT ? { markdown } : {}),
    severity: errors > 0 ? "warning" : "info",
    kind: "report",
    dedupeKey: reportDedupeKey(report),
  };
}
