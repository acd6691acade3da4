/**
 * One symbol's closes with the strategy's buys (red triangles) and sells (blue, pointing down),
 * and a select of the symbol when the lab has several.
 * @module
 */
import { useMemo } from "preact/hooks";
import type { LabReport } from "@/core/web/backtest_lab.ts";
import type { LabBar } from "@/core/web/backtest_lab_run.ts";
import { BENCHMARK_COLOR, DOWN_COLOR, UP_COLOR } from "@/core/web/chart_colors.ts";
import { formatKrw } from "@/core/web/format.ts";
import type { LabText } from "./LabTables.tsx";
import { LineChart } from "./LineChart.tsx";

/** Props of {@link PriceCard}. */
export interface PriceCardProps {
  readonly report: LabReport;
  /** The daily bars of `symbol` over the lab's dates. */
  readonly bars: readonly LabBar[];
  /** Whose bars `bars` are. */
  readonly symbol: string;
  /** The symbol chosen in the select (its bars may still be on their way). */
  readonly shown: string;
  readonly symbols: readonly string[];
  readonly onShow: (symbol: string) => void;
  readonly text: LabText;
}

/** The price card. */
export function PriceCard(
  { report, bars, symbol, shown, symbols, onShow, text }: PriceCardProps,
) {
  const labels = useMemo(() => bars.map((bar) => bar.date), [bars]);
  const datasets = useMemo(() => {
    const at = new Map(bars.map((bar, i) => [bar.date, i]));
    const buys: (number | null)[] = bars.map(() => null);
    const sells: (number | null)[] = bars.map(() => null);
    for (const trade of report.trades) {
      if (trade.symbol !== symbol) continue;
      const entry = at.get(trade.entryDate);
      if (entry !== undefined) buys[entry] = trade.entryPrice;
      const exit = trade.exitDate === null ? undefined : at.get(trade.exitDate);
      if (exit !== undefined && trade.exitPrice !== null) sells[exit] = trade.exitPrice;
    }
    const marker = { showLine: false, pointRadius: 6, pointHoverRadius: 6 };
    return [
      {
        label: symbol,
        data: bars.map((bar) => bar.close),
        borderColor: BENCHMARK_COLOR,
        backgroundColor: BENCHMARK_COLOR,
        borderWidth: 1.5,
      },
      {
        label: text.buy,
        data: buys,
        borderColor: UP_COLOR,
        backgroundColor: UP_COLOR,
        pointStyle: "triangle" as const,
        ...marker,
      },
      {
        label: text.sell,
        data: sells,
        borderColor: DOWN_COLOR,
        backgroundColor: DOWN_COLOR,
        pointStyle: "triangle" as const,
        rotation: 180,
        ...marker,
      },
    ];
  }, [bars, report]);
  return (
    <article class="card">
      <div class="lab-results-head">
        <h3>{text.price}</h3>
        {symbols.length > 1 && (
          <label class="small">
            {text.priceSymbol}{" "}
            <select
              value={shown}
              data-testid="price-symbol"
              onInput={(event: { currentTarget: HTMLSelectElement }) =>
                onShow(event.currentTarget.value)}
            >
              {symbols.map((s) => <option key={s} value={s}>{s}</option>)}
            </select>
          </label>
        )}
      </div>
      <LineChart
        labels={labels}
        datasets={datasets}
        label={`${symbol}: ${text.priceChart}`}
        format={formatKrw}
        legend
        testId="chart-price"
      />
    </article>
  );
}
