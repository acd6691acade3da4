/**
 * A chart.js line chart for the lab (equity, drawdown, price with trade markers), redrawn when its
 * data changes. Chart.js registers only what lines need (no tooltip, no legend plugin: the legend
 * is HTML, which also keeps those bytes off the portfolio page, whose doughnut shares chart.js).
 * @module
 */
import { useEffect, useRef } from "preact/hooks";
import {
  CategoryScale,
  Chart,
  type ChartDataset,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
} from "chart.js";

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale);

/** Props of {@link LineChart}. */
export interface LineChartProps {
  readonly labels: readonly string[];
  readonly datasets: readonly ChartDataset<"line", (number | null)[]>[];
  /** What the chart shows, read by screen readers in place of the drawing. */
  readonly label: string;
  /** How the vertical axis writes its numbers. */
  readonly format: (value: number) => string;
  readonly legend?: boolean;
  readonly testId?: string;
}

/** The page's own colour for chart text and grid lines, so dark mode reads as well as light. */
function cssColor(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || "#6b7280";
}

/** `color`, or the stylesheet's value when it names a custom property (`var(--down, #hex)`). */
function resolved(color: unknown): unknown {
  const match = typeof color === "string"
    ? /^var\((--[\w-]+)(?:,\s*([^)]+))?\)$/.exec(color)
    : null;
  if (match === null) return color;
  return getComputedStyle(document.documentElement).getPropertyValue(match[1]!).trim() ||
    match[2];
}

/**
 * A line chart whose canvas carries `label`; the page's data table holds the same numbers.
 * Dataset colours may name the stylesheet's custom properties, so red and blue follow dark mode.
 */
export function LineChart(props: LineChartProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const muted = cssColor("--muted");
    const grid = cssColor("--line");
    const chart = new Chart(canvas.current, {
      type: "line",
      data: {
        labels: [...props.labels],
        datasets: props.datasets.map((d) => ({
          ...d,
          borderColor: resolved(d.borderColor) as string,
          backgroundColor: resolved(d.backgroundColor) as string,
        })),
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        elements: { point: { radius: 0 }, line: { borderWidth: 2 } },
        scales: {
          x: {
            ticks: {
              color: muted,
              // year and month only, fewer on a phone, so the dates never run into each other
              maxTicksLimit: canvas.current.parentElement!.clientWidth < 480 ? 4 : 7,
              maxRotation: 0,
              callback(value) {
                return this.getLabelForValue(Number(value)).slice(0, 7);
              },
            },
            grid: { color: grid },
          },
          y: {
            ticks: { color: muted, maxTicksLimit: 6, callback: (v) => props.format(Number(v)) },
            grid: { color: grid },
          },
        },
      },
    });
    return () => chart.destroy();
  }, [props.labels, props.datasets]);
  return (
    <>
      {props.legend && (
        <ul class="lab-legend" aria-hidden="true">
          {props.datasets.map((d) => (
            <li key={d.label}>
              <span class="swatch" style={{ background: String(d.borderColor) }} />
              {d.label}
            </li>
          ))}
        </ul>
      )}
      <div class="lab-chart">
        <canvas ref={canvas} role="img" aria-label={props.label} data-testid={props.testId} />
      </div>
    </>
  );
}
