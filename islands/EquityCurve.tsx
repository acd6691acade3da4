import { useEffect, useState } from "preact/hooks";
import EquityCompareChart from "./EquityCompareChart.tsx";

/** One line of an {@link EquityCurve}: its name, its values on the shared dates and its colour. */
export interface EquityCurveLine {
  readonly label: string;
  readonly values: readonly (number | null)[];
  readonly color: string;
}

/** Props of {@link EquityCurve}. */
export interface EquityCurveProps {
  /** The shared date axis, oldest first. */
  readonly dates: readonly string[];
  /** The account's line first, then the benchmark's when there is one, both from 1.0. */
  readonly lines: readonly EquityCurveLine[];
  /** What the chart shows, read by screen readers in place of the drawing. */
  readonly description: string;
}

const WIDTH = 600;
const HEIGHT = 180;

/** The polyline points of `values` on the shared date axis, scaled between `low` and `high`. */
function linePoints(values: readonly (number | null)[], low: number, high: number): string {
  const span = high - low || 1;
  const step = values.length > 1 ? WIDTH / (values.length - 1) : 0;
  return values.flatMap((value, i) =>
    value === null
      ? []
      : [`${(i * step).toFixed(1)},${(HEIGHT - ((value - low) / span) * HEIGHT).toFixed(1)}`]
  ).join(" ");
}

/**
 * The account's equity against the benchmark on `/`: SVG lines drawn on the server (what a reader
 * without a script sees), replaced by a chart.js line chart with tooltips once the script runs.
 * The wrapper says which it shows in `data-drawn`.
 */
export default function EquityCurve({ dates, lines, description }: EquityCurveProps) {
  const [live, setLive] = useState(false);
  useEffect(() => setLive(true), []);
  if (live) {
    return (
      <div data-testid="equity-chart" data-drawn="chartjs">
        <EquityCompareChart dates={dates} curves={lines} description={description} />
      </div>
    );
  }
  const all = lines.flatMap((line) => line.values.filter((v): v is number => v !== null));
  const low = Math.min(...all);
  const high = Math.max(...all);
  return (
    <div data-testid="equity-chart" data-drawn="svg">
      <svg
        class="equity-chart"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={description}
      >
        {[...lines].reverse().map((line) => (
          <polyline
            key={line.label}
            points={linePoints(line.values, low, high)}
            fill="none"
            style={{ stroke: line.color }}
            stroke-width="2"
            vector-effect="non-scaling-stroke"
          />
        ))}
      </svg>
      <p class="equity-axis muted small" aria-hidden="true">
        <span>{dates[0]}</span>
        <span>{dates.at(-1)}</span>
      </p>
    </div>
  );
}
