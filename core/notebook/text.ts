/**
 * Headings, Markdown and metric cards: the text parts of a notebook page.
 * @module
 */
import { htmlOutput, Output } from "./display.ts";
import { escapeHtml } from "./escape.ts";
import { changeColor, formatValue, type ValueFormat } from "./format.ts";
import { BOX_STYLE } from "./style.ts";

/** A heading; `level` 1 (default) to 3. */
export function title(text: string, level: 1 | 2 | 3 = 1): Output {
  const size = { 1: 22, 2: 18, 3: 15 }[level];
  return htmlOutput(
    `<div style="${BOX_STYLE}"><h${level} style="font-size:${size}px;margin:8px 0">` +
      `${escapeHtml(text)}</h${level}></div>`,
    text,
  );
}

/**
 * Markdown, rendered by the frontend (JupyterLab, VS Code, nbconvert and GitHub all render
 * `text/markdown`); the plain text is the source itself.
 */
export function markdown(text: string): Output {
  return new Output({ "text/markdown": text, "text/plain": text });
}

/** One metric card's inputs. */
export interface MetricInput {
  readonly label: string;
  /** A number shown in `format`, or text shown as it is. */
  readonly value: number | string | null;
  /** Change to show under the value, as a fraction (shown signed, red up, blue down). */
  readonly delta?: number | null;
  /** How `value` is shown (default `number`). */
  readonly format?: ValueFormat;
  /** How `delta` is shown (default `signedPercent`). */
  readonly deltaFormat?: ValueFormat;
}

function metricCard(input: MetricInput): { html: string; plain: string } {
  const value = formatValue(input.value, input.format ?? "number");
  const hasDelta = input.delta !== undefined && input.delta !== null;
  const delta = hasDelta ? formatValue(input.delta, input.deltaFormat ?? "signedPercent") : "";
  const arrow = !hasDelta || input.delta === 0 ? "" : (input.delta as number) > 0 ? "▲ " : "▼ ";
  const html = `<div style="display:inline-block;min-width:130px;margin:4px 14px 4px 0;` +
    `vertical-align:top"><div style="color:#666;font-size:12px;line-height:16px;` +
    `white-space:nowrap">${escapeHtml(input.label)}</div>` +
    `<div style="font-size:22px;line-height:28px;font-weight:600">${escapeHtml(value)}</div>` +
    (hasDelta
      ? `<div style="color:${changeColor(input.delta)};font-size:12px;line-height:16px">${arrow}` +
        `${escapeHtml(delta)}</div>`
      : "") +
    `</div>`;
  return { html, plain: `${input.label}: ${value}${hasDelta ? ` (${delta})` : ""}` };
}

/**
 * A metric card: label, value and an optional change, as Streamlit's `st.metric`.
 * @example
 * metric("총 수익률", 0.12, 0.03, { format: "signedPercent" })
 */
export function metric(
  label: string,
  value: number | string | null,
  delta?: number | null,
  options: { format?: ValueFormat; deltaFormat?: ValueFormat } = {},
): Output {
  return metrics([{ label, value, delta, ...options }]);
}

/** Several metric cards in one row. */
export function metrics(cards: readonly MetricInput[]): Output {
  const parts = cards.map(metricCard);
  return htmlOutput(
    `<div style="${BOX_STYLE}">${parts.map((p) => p.html).join("")}</div>`,
    parts.map((p) => p.plain).join("\n"),
  );
}
