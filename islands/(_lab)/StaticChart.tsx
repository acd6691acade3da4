/**
 * A chart drawn as SVG lines on the server: what the lab shows before its script runs (or without
 * one), replaced by the chart.js canvas once it does.
 * @module
 */

/** One line of a {@link StaticChart}. */
export interface StaticLine {
  readonly values: readonly (number | null)[];
  /** A CSS colour (custom properties allowed: it is set as a style). */
  readonly color: string;
}

const WIDTH = 600;
const HEIGHT = 200;

/** The polyline points of `values` scaled into the box between `low` and `high`. */
function points(values: readonly (number | null)[], low: number, high: number): string {
  const span = high - low || 1;
  const step = values.length > 1 ? WIDTH / (values.length - 1) : 0;
  return values.flatMap((v, i) =>
    v === null
      ? []
      : [`${(i * step).toFixed(1)},${(HEIGHT - ((v - low) / span) * HEIGHT).toFixed(1)}`]
  ).join(" ");
}

/** Lines over a shared vertical scale, labelled for screen readers by `label`. */
export function StaticChart({ lines, label }: { lines: readonly StaticLine[]; label: string }) {
  const all = lines.flatMap((line) => line.values.filter((v): v is number => v !== null));
  const low = Math.min(...all);
  const high = Math.max(...all);
  return (
    <svg
      class="lab-chart-static"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      preserveAspectRatio="none"
      role="img"
      aria-label={label}
    >
      {lines.map((line) => (
        <polyline
          points={points(line.values, low, high)}
          fill="none"
          style={{ stroke: line.color }}
          stroke-width="2"
          vector-effect="non-scaling-stroke"
        />
      ))}
    </svg>
  );
}
