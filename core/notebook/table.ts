/**
 * A sortable HTML table: click a header to sort by that column (a small inline handler, no
 * external script); numbers are formatted as won or percentages and sort by their value.
 * @module
 */
import { htmlOutput, type Output } from "./display.ts";
import { escapeHtml } from "./escape.ts";
import { changeColor, formatValue, type ValueFormat } from "./format.ts";
import { BOX_STYLE, CELL_STYLE, NUMBER_CELL_STYLE } from "./style.ts";

/** One column: the row key it reads, its heading (default the key) and its format. */
export interface Column {
  readonly key: string;
  readonly label?: string;
  /** Default: `number` for numbers, `text` otherwise. */
  readonly format?: ValueFormat;
  /** Colour the value red above 0 and blue below (default: true for `signedPercent`). */
  readonly colorBySign?: boolean;
}

/** A row: values by column key (any object; its own enumerable keys are its columns). */
export type Row = object;

/** Sorts the header's table by its column, flipping direction on each click; empty cells last. */
const SORT_HANDLER = "(function(h){var b=h.closest('table').tBodies[0],i=h.cellIndex," +
  "d=h.dataset.dir==='asc'?'desc':'asc',s=d==='asc'?1:-1;h.dataset.dir=d;" +
  "Array.from(b.rows).sort(function(x,y){var p=x.cells[i].dataset.v,q=y.cells[i].dataset.v;" +
  "if(p===''||q==='')return (p==='')-(q==='');var m=parseFloat(p),n=parseFloat(q);" +
  "return s*(isNaN(m)||isNaN(n)?p.localeCompare(q):m-n);})" +
  ".forEach(function(r){b.appendChild(r);});})(this)";

function valueOf(row: Row, key: string): unknown {
  return (row as Record<string, unknown>)[key];
}

function columnsOf(rows: readonly Row[]): Column[] {
  const keys: string[] = [];
  for (const row of rows) {
    for (const key of Object.keys(row)) if (!keys.includes(key)) keys.push(key);
  }
  return keys.map((key) => ({ key }));
}

function formatOf(column: Column, rows: readonly Row[]): ValueFormat {
  if (column.format) return column.format;
  return rows.some((row) => typeof valueOf(row, column.key) === "number") ? "number" : "text";
}

/**
 * `rows` as a sortable table; `columns` picks, orders, labels and formats them (default: every
 * key, in first-seen order).
 * @example
 * table([{ 종목: "005930", 수익률: 0.12 }], { columns: [{ key: "종목" }, { key: "수익률", format: "signedPercent" }] })
 */
export function table(
  rows: readonly Row[],
  { columns, caption }: { columns?: readonly Column[]; caption?: string } = {},
): Output {
  const cols = (columns ?? columnsOf(rows)).map((c) => ({ ...c, format: formatOf(c, rows) }));
  const head = cols.map((c) =>
    `<th onclick="${escapeHtml(SORT_HANDLER)}" title="정렬 (sort)" style="${CELL_STYLE}` +
    `cursor:pointer;text-align:${c.format === "text" ? "left" : "right"};` +
    `border-bottom:2px solid #999">${escapeHtml(c.label ?? c.key)}</th>`
  ).join("");
  const text = rows.map((row) => cols.map((c) => formatValue(valueOf(row, c.key), c.format)));
  const body = rows.map((row, r) =>
    "<tr>" + cols.map((c, i) => {
      const value = valueOf(row, c.key);
      const numeric = c.format !== "text";
      const colored = (c.colorBySign ?? c.format === "signedPercent") && typeof value === "number";
      const style = CELL_STYLE + (numeric ? NUMBER_CELL_STYLE : "") +
        (colored ? `color:${changeColor(value)};` : "");
      const sortValue = value === null || value === undefined ? "" : String(value);
      return `<td data-v="${escapeHtml(sortValue)}" style="${style}">` +
        `${escapeHtml(text[r]?.[i] ?? "")}</td>`;
    }).join("") + "</tr>"
  ).join("");
  const captionHtml = caption === undefined
    ? ""
    : `<caption style="text-align:left;font-weight:600;padding:4px 0">${
      escapeHtml(caption)
    }</caption>`;
  const html = `<div style="${BOX_STYLE}overflow-x:auto"><table style="border-collapse:collapse">` +
    `${captionHtml}<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
  return htmlOutput(html, plainTable(caption, cols.map((c) => c.label ?? c.key), text));
}

function plainTable(
  caption: string | undefined,
  headers: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join("  ").trimEnd();
  return [...(caption === undefined ? [] : [caption]), line(headers), ...rows.map(line)]
    .join("\n");
}
