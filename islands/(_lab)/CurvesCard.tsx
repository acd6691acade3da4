/**
 * The lab's equity curve against buy-and-hold and its drawdown: chart.js lines once the script
 * runs, SVG lines before, and the month-end data table under both.
 * @module
 */
import { useMemo } from "preact/hooks";
import type { LabReport } from "@/core/web/backtest_lab.ts";
import { BENCHMARK_COLOR, DOWN_COLOR, STRATEGY_COLOR } from "@/core/web/chart_colors.ts";
import { formatKrw, formatPercent } from "@/core/web/format.ts";
import { CurvesTable, type LabText } from "./LabTables.tsx";
import { LineChart } from "./LineChart.tsx";
import { drawdowns } from "./series.ts";
import { StaticChart } from "./StaticChart.tsx";

function axisPercent(value: number): string {
  return formatPercent(Math.round(value * 10_000));
}

/** The curves' card; `live` once the script runs (chart.js), else the server's SVG. */
export function CurvesCard(
  { report, text, live }: { report: LabReport; text: LabText; live: boolean },
) {
  const labels = useMemo(() => report.equity.map((p) => p.date), [report]);
  const equity = useMemo(() => report.equity.map((p) => p.equity), [report]);
  const hold = useMemo(() => report.benchmarkEquity.map((p) => p.equity), [report]);
  const falls = useMemo(() => drawdowns(report.equity), [report]);
  const equitySets = useMemo(() => [
    {
      label: text.strategyLine,
      data: equity,
      borderColor: STRATEGY_COLOR,
      backgroundColor: STRATEGY_COLOR,
    },
    {
      label: text.holdLine,
      data: hold,
      borderColor: BENCHMARK_COLOR,
      backgroundColor: BENCHMARK_COLOR,
      borderDash: [6, 4],
    },
  ], [report]);
  const drawdownSets = useMemo(() => [{
    label: text.drawdown,
    data: falls,
    borderColor: DOWN_COLOR,
    backgroundColor: DOWN_COLOR,
  }], [report]);
  return (
    <article class="card">
      <h3>{text.equity}</h3>
      {live
        ? (
          <LineChart
            labels={labels}
            datasets={equitySets}
            label={text.equityChart}
            format={formatKrw}
            legend
            testId="chart-equity"
          />
        )
        : (
          <StaticChart
            label={text.equityChart}
            lines={[
              { values: equity, color: STRATEGY_COLOR },
              { values: hold, color: BENCHMARK_COLOR },
            ]}
          />
        )}
      <h3>{text.drawdown}</h3>
      {live
        ? (
          <LineChart
            labels={labels}
            datasets={drawdownSets}
            label={text.drawdownChart}
            format={axisPercent}
            testId="chart-drawdown"
          />
        )
        : <StaticChart label={text.drawdownChart} lines={[{ values: falls, color: DOWN_COLOR }]} />}
      <CurvesTable report={report} text={text} />
    </article>
  );
}
