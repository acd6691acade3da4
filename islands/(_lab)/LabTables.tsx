/**
 * The lab's tables: metrics of the strategy against buy-and-hold, the trades, and the curves'
 * month-end data table that stands in for the charts.
 * @module
 */
import type { LabReport } from "@/core/web/backtest_lab.ts";
import { formatKrw, formatPercent } from "@/core/web/format.ts";
import type { Messages } from "@/core/web/i18n/mod.ts";
import { monthEnds } from "./series.ts";

/** The lab's words (the message table's `backtest` part). */
export type LabText = Messages["backtest"];

const MONEY = new Set(["finalEquity", "feesPaid", "taxPaid"]);
const PERCENT = new Set([
  "totalReturn",
  "cagr",
  "volatility",
  "maxDrawdown",
  "winRate",
  "exposure",
]);
const COUNT = new Set(["trades"]);

/** A fraction as basis points, for the percentage format. */
function bp(fraction: number): number {
  return Math.round(fraction * 10_000);
}

/** One metric as a person reads it: won, a percentage, a count or a ratio; `–` for null. */
export function metricText(name: string, value: number | null | undefined): string {
  if (value === null || value === undefined) return "–";
  if (MONEY.has(name)) return formatKrw(value);
  if (PERCENT.has(name)) return formatPercent(bp(value), name === "totalReturn" || name === "cagr");
  if (COUNT.has(name)) return String(value);
  return value.toFixed(2);
}

function tone(name: string, value: number | null | undefined): string | undefined {
  if ((name !== "totalReturn" && name !== "cagr") || !value) return undefined;
  return value > 0 ? "up" : "down";
}

/** The metrics of the strategy and of buy-and-hold, one row per metric. */
export function MetricsTable({ report, text }: { report: LabReport; text: LabText }) {
  const names = Object.keys(text.metricNames) as (keyof LabText["metricNames"])[];
  return (
    <div class="table-scroll" tabIndex={0} role="region" aria-label={text.metrics}>
      <table class="data lab-metrics" data-testid="lab-metrics">
        <thead>
          <tr>
            <th scope="col">{text.metric}</th>
            <th scope="col" class="num">{text.strategyLine}</th>
            <th scope="col" class="num">{text.holdLine}</th>
          </tr>
        </thead>
        <tbody>
          {names.map((name) => (
            <tr data-metric={name}>
              <th scope="row">{text.metricNames[name]}</th>
              <td class={`num ${tone(name, report.metrics[name]) ?? ""}`}>
                {metricText(name, report.metrics[name])}
              </td>
              <td class={`num ${tone(name, report.benchmark[name]) ?? ""}`}>
                {metricText(name, report.benchmark[name])}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Every trade, the latest entry first: symbol, entry, exit (or still open), quantity and PnL. */
export function TradesTable(
  { report, text, columns }: {
    report: LabReport;
    text: LabText;
    columns: { symbol: string; quantity: string; pnl: string };
  },
) {
  if (report.trades.length === 0) return <p class="notice notice-empty">{text.noTrades}</p>;
  return (
    <div class="table-scroll lab-trades" tabIndex={0} role="region" aria-label={text.trades}>
      <table class="data" data-testid="lab-trades">
        <thead>
          <tr>
            <th scope="col">{columns.symbol}</th>
            <th scope="col">{text.entryDate}</th>
            <th scope="col" class="num">{text.entryPrice}</th>
            <th scope="col">{text.exitDate}</th>
            <th scope="col" class="num">{text.exitPrice}</th>
            <th scope="col" class="num">{columns.quantity}</th>
            <th scope="col" class="num">{columns.pnl}</th>
          </tr>
        </thead>
        <tbody>
          {[...report.trades].sort((a, b) => b.entryDate.localeCompare(a.entryDate)).map((
            trade,
          ) => (
            <tr>
              <td>{trade.symbol}</td>
              <td class="nowrap">{trade.entryDate}</td>
              <td class="num">{formatKrw(trade.entryPrice)}</td>
              <td class="nowrap">{trade.exitDate ?? text.open}</td>
              <td class="num">{trade.exitPrice === null ? "–" : formatKrw(trade.exitPrice)}</td>
              <td class="num">{trade.qty}</td>
              <td class={`num ${trade.pnl > 0 ? "up" : trade.pnl < 0 ? "down" : ""}`}>
                {formatKrw(trade.pnl)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The curves at each month's end: the table the equity and drawdown charts are drawn from. */
export function CurvesTable({ report, text }: { report: LabReport; text: LabText }) {
  return (
    <details class="lab-data">
      <summary>{text.dataTable}</summary>
      <div class="table-scroll" tabIndex={0} role="region" aria-label={text.dataTable}>
        <table class="data" data-testid="lab-curves">
          <thead>
            <tr>
              <th scope="col">{text.date}</th>
              <th scope="col" class="num">{text.strategyLine}</th>
              <th scope="col" class="num">{text.holdLine}</th>
              <th scope="col" class="num">{text.drawdown}</th>
            </tr>
          </thead>
          <tbody>
            {monthEnds(report).map((row) => (
              <tr>
                <td class="nowrap">{row.date}</td>
                <td class="num">{formatKrw(row.equity)}</td>
                <td class="num">{row.hold === null ? "–" : formatKrw(row.hold)}</td>
                <td class="num">{formatPercent(bp(row.drawdown))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
