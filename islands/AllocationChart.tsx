import { useEffect, useRef } from "preact/hooks";
import { ArcElement, Chart, DoughnutController } from "chart.js";

Chart.register(DoughnutController, ArcElement);

/** Props of {@link AllocationChart}. */
export interface AllocationChartProps {
  /** Each slice's name, KRW value and colour; the page's table carries the numbers. */
  readonly slices: readonly {
    readonly label: string;
    readonly value: number;
    readonly color: string;
  }[];
  /** What the chart shows, read by screen readers in place of the drawing. */
  readonly description: string;
}

/** A chart.js doughnut of the portfolio's allocation; the table next to it is its fallback. */
export default function AllocationChart({ slices, description }: AllocationChartProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      type: "doughnut",
      data: {
        labels: slices.map((slice) => slice.label),
        datasets: [{
          data: slices.map((slice) => slice.value),
          backgroundColor: slices.map((slice) => slice.color),
          borderWidth: 0,
        }],
      },
      options: { animation: false, responsive: true, maintainAspectRatio: true, cutout: "62%" },
    });
    return () => chart.destroy();
  }, []);
  return (
    <div class="doughnut">
      <canvas ref={canvas} width={220} height={220} role="img" aria-label={description} />
    </div>
  );
}
