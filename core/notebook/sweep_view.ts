/**
 * A parameter sweep as a heatmap of two parameters, with the best cell and the region of cells
 * close to it marked: a broad region suggests a robust choice, a lone peak an overfit one.
 * @module
 */
import type { SweepResult, SweepRow } from "../backtest/mod.ts";
import type { Output } from "./display.ts";
import type { ValueFormat } from "./format.ts";
import { type Cell, heatmap } from "./heatmap.ts";

/** Which parameters go on which axis, what to colour by, and how near the best a region cell is. */
export interface SweepHeatmapOptions {
  /** Parameter on the rows. */
  readonly rows: string;
  /** Parameter on the columns. */
  readonly columns: string;
  /** Row field to show (default `score`, the sweep's objective). */
  readonly value?:
    & keyof SweepRow
    & ("score" | "totalReturn" | "cagr" | "sharpe" | "sortino" | "calmar");
  /** Region: cells within this fraction of the value range below the best (default 0.1). */
  readonly tolerance?: number;
  readonly title?: string;
  readonly format?: ValueFormat;
}

function paramOf(row: SweepRow, name: string): string {
  return String((row.params as Record<string, unknown>)[name]);
}

function sortedLabels(rows: readonly SweepRow[], name: string): string[] {
  const labels = [...new Set(rows.map((row) => paramOf(row, name)))];
  return labels.sort((a, b) => Number(a) - Number(b) || a.localeCompare(b));
}

/**
 * The sweep's grid over two parameters. When other parameters also vary, each cell shows the
 * best value over them.
 * @example
 * sweepHeatmap(await sweep({ strategy: "ma-cross", grid, universe, options }), { rows: "fast", columns: "slow" })
 */
export function sweepHeatmap(result: SweepResult, options: SweepHeatmapOptions): Output {
  const field = options.value ?? "score";
  const rowLabels = sortedLabels(result.rows, options.rows);
  const columnLabels = sortedLabels(result.rows, options.columns);
  const values: (number | null)[][] = rowLabels.map(() => columnLabels.map(() => null));
  for (const row of result.rows) {
    const r = rowLabels.indexOf(paramOf(row, options.rows));
    const c = columnLabels.indexOf(paramOf(row, options.columns));
    const value = row[field];
    const line = values[r] as (number | null)[];
    if (
      value !== null && Number.isFinite(value) && (line[c] === null || value > (line[c] as number))
    ) {
      line[c] = value;
    }
  }
  let best: Cell | null = null;
  let low = Infinity;
  let high = -Infinity;
  values.forEach((line, row) =>
    line.forEach((value, column) => {
      if (value === null) return;
      low = Math.min(low, value);
      if (value > high) {
        high = value;
        best = { row, column };
      }
    })
  );
  const cutoff = high - (options.tolerance ?? 0.1) * (high - low);
  const region: Cell[] = [];
  values.forEach((line, row) =>
    line.forEach((value, column) => {
      if (value !== null && value >= cutoff) region.push({ row, column });
    })
  );
  return heatmap({
    rows: rowLabels,
    columns: columnLabels,
    values,
    rowLabel: options.rows,
    columnLabel: options.columns,
    title: options.title ?? `${field} by ${options.rows} × ${options.columns}`,
    format: options.format ??
      (field === "totalReturn" || field === "cagr" ? "signedPercent" : "ratio"),
    region,
    best,
  });
}
