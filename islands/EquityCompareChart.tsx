import { useEffect, useRef } from "preact/hooks";
import {
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
} from "chart.js";

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Legend);

/** Props of {@link EquityCompareChart}. */
export interface EquityCompareChartProps {
  /** The shared date axis, oldest first. */
  readonly dates: readonly string[];
  /** Each run's curve on `dates` (1.0 at its start, null outside its dates) and its colour. */
  readonly curves: readonly {
    readonly label: string;
    readonly values: readonly (number | null)[];
    readonly color: string;
  }[];
  /** What the chart shows, read by screen readers in place of the drawing. */
  readonly description: string;
}

/**
 * Overlaid equity curves of saved backtests, drawn with chart.js; the page's metrics table and
 * curve table are its fallback. The canvas says how many curves it drew in `data-curves`.
 */
export default function EquityCompareChart(
  { dates, curves, description }: EquityCompareChartProps,
) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      type: "line",
      data: {
        labels: [...dates],
        datasets: curves.map((curve) => ({
          label: curve.label,
          data: [...curve.values],
          borderColor: curve.color,
          backgroundColor: curve.color,
          borderWidth: 2,
          pointRadius: 0,
          spanGaps: false,
        })),
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: "index", intersect: false },
        scales: { x: { ticks: { maxTicksLimit: 8 } }, y: { ticks: { maxTicksLimit: 6 } } },
        plugins: { legend: { position: "bottom" } },
      },
    });
    canvas.current.dataset.curves = String(chart.data.datasets.length);
    return () => chart.destroy();
  }, []);
  return (
    <div class="line-chart">
      <canvas ref={canvas} role="img" aria-label={description} />
    </div>
  );
}
