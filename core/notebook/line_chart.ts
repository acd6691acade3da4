/**
 * Line charts over dates as inline SVG: equity curves, drawdowns (`area`), prices.
 * @module
 */
import { type Output, svgOutput } from "./display.ts";
import { formatValue, type ValueFormat } from "./format.ts";
import {
  categoryAxis,
  chartBox,
  extent,
  legend,
  linearScale,
  niceTicks,
  px,
  SERIES_COLORS,
  svgDocument,
  valueAxis,
} from "./svg.ts";

/** One line: its name in the legend, a value per x label (`null` for a gap), an optional colour. */
export interface LineSeries {
  readonly name: string;
  readonly values: readonly (number | null)[] | Float64Array;
  readonly color?: string;
}

/** What {@link lineChart} draws. */
export interface LineChartInput {
  /** The x labels, usually dates, shared by every series. */
  readonly x: readonly string[];
  readonly series: readonly LineSeries[];
  readonly title?: string;
  /** How the value axis is labelled (default `number`). */
  readonly format?: ValueFormat;
  /** Fill between each line and zero (for drawdowns). */
  readonly area?: boolean;
  readonly width?: number;
  readonly height?: number;
}

/** The path of one series, broken at gaps. */
function linePath(
  values: LineSeries["values"],
  x: (i: number) => number,
  y: (v: number) => number,
): string {
  let d = "";
  let pen = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined || !Number.isFinite(v)) {
      pen = false;
      continue;
    }
    d += `${pen ? "L" : "M"}${px(x(i))} ${px(y(v))}`;
    pen = true;
  }
  return d;
}

/**
 * Lines over shared x labels, with a value axis at round numbers and a legend.
 * @example
 * lineChart({ x: dates, series: [{ name: "전략", values: equity }], format: "krw" })
 */
export function lineChart(input: LineChartInput): Output {
  const box = chartBox(input);
  const format = input.format ?? "number";
  const title = input.title ?? "";
  const all = input.series.flatMap((s) => [...s.values]);
  const range = extent(input.area ? [...all, 0] : all) ?? [0, 1];
  const ticks = niceTicks(range[0], range[1]);
  const y = linearScale(
    [ticks[0] ?? range[0], ticks[ticks.length - 1] ?? range[1]],
    [box.height - box.bottom, box.top],
  );
  const x = linearScale([0, Math.max(input.x.length - 1, 1)], [box.left, box.width - box.right]);
  const colored = input.series.map((s, i) => ({
    ...s,
    color: s.color ?? SERIES_COLORS[i % SERIES_COLORS.length] as string,
  }));
  const lines = colored.map((s) => {
    const d = linePath(s.values, x, y);
    if (d === "") return "";
    const area = input.area
      ? `<path d="${d}L${px(x(s.values.length - 1))} ${px(y(0))}L${px(x(0))} ${px(y(0))}Z"` +
        ` fill="${s.color}" fill-opacity="0.15" stroke="none"/>`
      : "";
    return `${area}<path d="${d}" fill="none" stroke="${s.color}" stroke-width="1.5"/>`;
  }).join("");
  const svg = svgDocument(
    box,
    title || "line chart",
    valueAxis(box, y, ticks, format, title) + categoryAxis(box, input.x, x) + lines +
      legend(box, colored),
  );
  const plain = [
    `${title} (${input.x[0] ?? ""} – ${input.x[input.x.length - 1] ?? ""})`,
    ...colored.map((s) =>
      `${s.name}: ${formatValue(s.values[0] ?? null, format)} → ` +
      `${formatValue(s.values[s.values.length - 1] ?? null, format)}`
    ),
  ].join("\n");
  return svgOutput(svg, plain);
}
