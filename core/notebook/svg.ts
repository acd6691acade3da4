/**
 * The pieces every chart shares: scales, round tick values, the plot frame with its axes and
 * legend, and the `<svg>` element itself. Pure string building; every text is escaped.
 * @module
 */
import { escapeHtml } from "./escape.ts";
import { formatValue, type ValueFormat } from "./format.ts";
import { FONT_STACK } from "./style.ts";

/** Colours for series that carry no rise/fall meaning (red and blue are kept for that). */
export const SERIES_COLORS = ["#e65100", "#546e7a", "#2e7d32", "#6a1b9a", "#00838f", "#ad1457"];

/** Outer size of a chart in px and the margins around its plot area. */
export interface ChartBox {
  readonly width: number;
  readonly height: number;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

/** The default chart box: wide enough for a notebook cell, margins for the axis labels. */
export function chartBox(size: { width?: number; height?: number } = {}): ChartBox {
  return {
    width: size.width ?? 760,
    height: size.height ?? 280,
    left: 84,
    right: 16,
    top: 34,
    bottom: 30,
  };
}

/** A coordinate with one decimal, enough for the screen and short in the markup. */
export function px(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/** Maps `[d0, d1]` onto `[r0, r1]` linearly; a zero-width domain maps to the range's middle. */
export function linearScale(
  [d0, d1]: readonly [number, number],
  [r0, r1]: readonly [number, number],
): (value: number) => number {
  if (d1 === d0) return () => (r0 + r1) / 2;
  return (value) => r0 + (value - d0) / (d1 - d0) * (r1 - r0);
}

/**
 * About `count` round values (1, 2 or 5 × 10ⁿ apart) covering `[min, max]`.
 * @example
 * niceTicks(0, 97) // [0, 20, 40, 60, 80, 100]
 */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (min === max) return [min];
  const raw = (max - min) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * magnitude >= raw) ?? 10) * magnitude;
  // Each tick is an integer multiple of the step, rounded to the step's decimals, so 0 is 0.
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  const first = Math.floor(min / step);
  const ticks: number[] = [];
  for (let k = first; ticks.length === 0 || (ticks.at(-1) as number) < max; k++) {
    ticks.push(Number((k * step).toFixed(decimals)) + 0);
  }
  return ticks;
}

/** The smallest and largest finite value, or `null` when there is none. */
export function extent(values: Iterable<number | null>): [number, number] | null {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v === null || !Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? [min, max] : null;
}

/** Text at a point; `anchor` as SVG's text-anchor. */
export function svgText(
  x: number,
  y: number,
  text: string,
  attrs: { anchor?: "start" | "middle" | "end"; size?: number; color?: string; weight?: number } =
    {},
): string {
  return `<text x="${px(x)}" y="${px(y)}" font-size="${attrs.size ?? 11}"` +
    ` fill="${attrs.color ?? "#444"}" text-anchor="${attrs.anchor ?? "start"}"` +
    (attrs.weight ? ` font-weight="${attrs.weight}"` : "") + `>${escapeHtml(text)}</text>`;
}

/** A complete `<svg>` with its accessible title, the font stack, and `body` inside. */
export function svgDocument(box: ChartBox, label: string, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${box.width}" height="${box.height}"` +
    ` viewBox="0 0 ${box.width} ${box.height}" role="img" font-family="${
      escapeHtml(FONT_STACK)
    }">` +
    `<title>${escapeHtml(label)}</title><rect width="100%" height="100%" fill="#fff"/>` +
    body + `</svg>`;
}

/** The value axis: grid lines at round values with labels in `format`, and the chart's title. */
export function valueAxis(
  box: ChartBox,
  y: (value: number) => number,
  ticks: readonly number[],
  format: ValueFormat,
  title: string,
): string {
  const lines = ticks.map((t) =>
    `<line x1="${box.left}" x2="${box.width - box.right}" y1="${px(y(t))}" y2="${px(y(t))}"` +
    ` stroke="${t === 0 ? "#999" : "#eee"}"/>` +
    svgText(box.left - 6, y(t) + 4, formatValue(t, format), { anchor: "end", size: 10 })
  ).join("");
  return lines + svgText(box.left, 18, title, { size: 13, weight: 600, color: "#222" });
}

/** About six evenly spaced category labels (dates) under the plot. */
export function categoryAxis(
  box: ChartBox,
  labels: readonly string[],
  x: (index: number) => number,
): string {
  if (labels.length === 0) return "";
  const every = Math.max(1, Math.ceil(labels.length / 6));
  const parts: string[] = [];
  for (let i = 0; i < labels.length; i += every) {
    parts.push(svgText(x(i), box.height - 10, labels[i] ?? "", { anchor: "middle", size: 10 }));
  }
  return parts.join("");
}

/** Roughly how wide `text` is at `size` px: Hangul and other wide characters take a full em. */
export function textWidth(text: string, size: number): number {
  let em = 0;
  for (const ch of text) em += (ch.codePointAt(0) ?? 0) >= 0x1100 ? 1 : 0.6;
  return Math.ceil(em * size);
}

/** A legend of coloured swatches, right-aligned above the plot. */
export function legend(box: ChartBox, entries: readonly { name: string; color: string }[]): string {
  let x = box.width - box.right;
  const parts: string[] = [];
  for (const entry of [...entries].reverse()) {
    const width = textWidth(entry.name, 11) + 22;
    x -= width;
    parts.push(
      `<rect x="${px(x)}" y="10" width="12" height="4" fill="${entry.color}"/>` +
        svgText(x + 16, 16, entry.name, { size: 11 }),
    );
  }
  return parts.join("");
}
