/**
 * Heatmaps as inline SVG: a grid of values (a parameter sweep's scores), red for high and blue
 * for low around zero, with cells to mark (the best one and the region near it).
 * @module
 */
import { type Output, svgOutput } from "./display.ts";
import { formatValue, type ValueFormat } from "./format.ts";
import { chartBox, extent, px, svgDocument, svgText } from "./svg.ts";

/** A cell by row and column index. */
export interface Cell {
  readonly row: number;
  readonly column: number;
}

/** What {@link heatmap} draws. */
export interface HeatmapInput {
  /** Labels of the rows, top to bottom. */
  readonly rows: readonly string[];
  /** Labels of the columns, left to right. */
  readonly columns: readonly string[];
  /** `values[row][column]`; `null` for a combination that was not run. */
  readonly values: readonly (readonly (number | null)[])[];
  readonly title?: string;
  readonly rowLabel?: string;
  readonly columnLabel?: string;
  /** How cell values are shown (default `ratio`). */
  readonly format?: ValueFormat;
  /** Cells outlined with a dashed line (a region). */
  readonly region?: readonly Cell[];
  /** The one cell outlined boldly (the best). */
  readonly best?: Cell | null;
}

/** Background of a cell: white at zero, deeper red above and deeper blue below. */
export function heatColor(value: number | null, maxAbs: number): string {
  if (value === null || !Number.isFinite(value) || maxAbs === 0) return "#f5f5f5";
  const t = Math.min(Math.abs(value) / maxAbs, 1);
  const fade = (full: number) => Math.round(255 - (255 - full) * t);
  return value > 0
    ? `rgb(${fade(211)},${fade(47)},${fade(47)})`
    : `rgb(${fade(21)},${fade(101)},${fade(192)})`;
}

/**
 * A grid of coloured cells with their values printed, row and column labels, and marked cells.
 * @example
 * heatmap({ rows: ["5", "10"], columns: ["20", "60"], values: [[0.5, 0.8], [0.1, null]] })
 */
export function heatmap(input: HeatmapInput): Output {
  const format = input.format ?? "ratio";
  const title = input.title ?? "";
  const cellW = Math.max(44, Math.min(72, 640 / Math.max(input.columns.length, 1)));
  const cellH = 26;
  const left = 90;
  const top = 52;
  const box = {
    ...chartBox(),
    width: left + cellW * input.columns.length + 20,
    height: top + cellH * input.rows.length + 34,
  };
  const range = extent(input.values.flat()) ?? [0, 0];
  const maxAbs = Math.max(Math.abs(range[0]), Math.abs(range[1]));
  const cells: string[] = [];
  input.values.forEach((row, r) =>
    row.forEach((value, c) => {
      const x = left + c * cellW;
      const y = top + r * cellH;
      const dark = value !== null && maxAbs > 0 && Math.abs(value) / maxAbs > 0.6;
      cells.push(
        `<rect x="${px(x)}" y="${px(y)}" width="${px(cellW)}" height="${cellH}"` +
          ` fill="${heatColor(value, maxAbs)}" stroke="#fff"/>` +
          svgText(x + cellW / 2, y + 17, formatValue(value, format), {
            anchor: "middle",
            size: 10,
            color: dark ? "#fff" : "#222",
          }),
      );
    })
  );
  const outline = (cell: Cell, attrs: string) =>
    `<rect x="${px(left + cell.column * cellW + 1)}" y="${px(top + cell.row * cellH + 1)}"` +
    ` width="${px(cellW - 2)}" height="${cellH - 2}" fill="none" ${attrs}/>`;
  const marks =
    (input.region ?? []).map((cell) => outline(cell, `stroke="#222" stroke-dasharray="3 2"`)).join(
      "",
    ) + (input.best ? outline(input.best, `stroke="#000" stroke-width="3"`) : "");
  const labels =
    input.columns.map((label, c) =>
      svgText(left + c * cellW + cellW / 2, top - 6, label, { anchor: "middle", size: 10 })
    ).join("") + input.rows.map((label, r) =>
      svgText(left - 6, top + r * cellH + 17, label, { anchor: "end", size: 10 })
    ).join("");
  const axisNames = svgText(left, 36, input.columnLabel ?? "", { size: 11, color: "#666" }) +
    svgText(8, 36, input.rowLabel ?? "", { size: 11, color: "#666" });
  const svg = svgDocument(
    box,
    title || "heatmap",
    svgText(8, 18, title, { size: 13, weight: 600, color: "#222" }) + axisNames + labels +
      cells.join("") + marks,
  );
  const plain = [
    title,
    [`${input.rowLabel ?? ""}\\${input.columnLabel ?? ""}`, ...input.columns].join("\t"),
    ...input.rows.map((label, r) =>
      [label, ...(input.values[r] ?? []).map((v) => formatValue(v, format))].join("\t")
    ),
    ...(input.best
      ? [`best: ${input.rows[input.best.row]} / ${input.columns[input.best.column]}`]
      : []),
  ].join("\n");
  return svgOutput(svg, plain);
}
