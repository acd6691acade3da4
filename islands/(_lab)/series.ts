/**
 * The numbers the lab's charts and data table draw, computed from a report: the drawdown curve and
 * a month-end sample of the curves.
 * @module
 */
import type { LabReport } from "@/core/web/backtest_lab.ts";

/** The fall from the running peak at each point, as a fraction ≤ 0. */
export function drawdowns(equity: readonly { readonly equity: number }[]): number[] {
  let peak = -Infinity;
  return equity.map(({ equity: value }) => {
    peak = Math.max(peak, value);
    return peak > 0 ? value / peak - 1 : 0;
  });
}

/** One row of the curves' data table. */
export interface CurveRow {
  readonly date: string;
  readonly equity: number;
  readonly hold: number | null;
  readonly drawdown: number;
}

/** The last point of each month (and the very last point), for the charts' data table. */
export function monthEnds(report: LabReport): CurveRow[] {
  const falls = drawdowns(report.equity);
  const rows: CurveRow[] = [];
  report.equity.forEach((point, i) => {
    const next = report.equity[i + 1];
    if (next !== undefined && next.date.slice(0, 7) === point.date.slice(0, 7)) return;
    rows.push({
      date: point.date,
      equity: point.equity,
      hold: report.benchmarkEquity[i]?.equity ?? null,
      drawdown: falls[i]!,
    });
  });
  return rows;
}
