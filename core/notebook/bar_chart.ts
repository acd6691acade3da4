/**
 * Bar charts as inline SVG: one bar per label, red above zero and blue below.
 * @module
 */
import { type Output, svgOutput } from "./display.ts";
import { changeColor, formatValue, type ValueFormat } from "./format.ts";
import {
  chartBox,
  extent,
  linearScale,
  niceTicks,
  px,
  svgDocument,
  svgText,
  valueAxis,
} from "./svg.ts";

/** What {@link barChart} draws. */
export interface BarChartInput {
  readonly labels: readonly string[];
  readonly values: readonly (number | null)[];
  readonly title?: string;
  /** How values and the axis are shown (default `number`). */
  readonly format?: ValueFormat;
  readonly width?: number;
  readonly height?: number;
}

/**
 * Vertical bars from zero, each labelled with its value.
 * @example
 * barChart({ labels: ["MA", "RSI"], values: [0.12, -0.03], format: "signedPercent" })
 */
export function barChart(input: BarChartInput): Output {
  const box = chartBox({ height: 260, ...input });
  const format = input.format ?? "number";
  const title = input.title ?? "";
  const range = extent([...input.values, 0]) ?? [0, 1];
  const ticks = niceTicks(range[0], range[1]);
  const y = linearScale(
    [ticks[0] ?? range[0], ticks[ticks.length - 1] ?? range[1]],
    [box.height - box.bottom, box.top],
  );
  const slot = (box.width - box.left - box.right) / Math.max(input.labels.length, 1);
  const bars = input.labels.map((label, i) => {
    const value = input.values[i] ?? null;
    const center = box.left + slot * (i + 0.5);
    const labelText = svgText(center, box.height - 10, label, { anchor: "middle", size: 10 });
    if (value === null || !Number.isFinite(value)) return labelText;
    const top = Math.min(y(value), y(0));
    const height = Math.max(Math.abs(y(value) - y(0)), 1);
    const valueY = value >= 0 ? top - 4 : top + height + 12;
    return `<rect x="${px(center - slot * 0.35)}" y="${px(top)}" width="${px(slot * 0.7)}"` +
      ` height="${px(height)}" fill="${changeColor(value)}"/>` +
      svgText(center, valueY, formatValue(value, format), { anchor: "middle", size: 10 }) +
      labelText;
  }).join("");
  const svg = svgDocument(
    box,
    title || "bar chart",
    valueAxis(box, y, ticks, format, title) + bars,
  );
  const plain = [
    title,
    ...input.labels.map((label, i) => `${label}: ${formatValue(input.values[i] ?? null, format)}`),
  ].join("\n");
  return svgOutput(svg, plain);
}
