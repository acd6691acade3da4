/**
 * The daily report as one self-contained HTML document: inline CSS, no scripts, no external
 * assets, every text escaped. Gains are red and losses blue, as Korean markets colour them.
 * @module
 */
import type { Tone } from "./format.ts";
import type { RenderOptions } from "./markdown.ts";
import type { DailyReport } from "./schema.ts";
import { reportView, type Section } from "./view.ts";

/** Colours of gains and losses (Korean convention: 상승 빨강, 하락 파랑). */
export const TONE_COLOURS: Readonly<Record<Exclude<Tone, "flat">, string>> = {
  gain: "#d60000",
  loss: "#0051c7",
};

const STYLE = [
  "body{font-family:-apple-system,'Apple SD Gothic Neo','Malgun Gothic','Noto Sans KR',sans-serif;",
  "margin:24px;color:#222;line-height:1.5}",
  "h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:24px 0 8px}",
  ".sub{color:#666;font-size:13px;margin:0 0 16px}",
  "table{border-collapse:collapse;font-size:13px;min-width:320px}",
  "th,td{border-bottom:1px solid #e5e5e5;padding:4px 8px;text-align:left;white-space:nowrap}",
  "th{background:#f6f6f6;font-weight:600}td.num,th.num{text-align:right;",
  "font-variant-numeric:tabular-nums}",
  `.gain{color:${TONE_COLOURS.gain}}.loss{color:${TONE_COLOURS.loss}}`,
  ".none,.more{color:#888;font-size:13px}",
].join("");

/**
 * The report as an HTML document, in Korean unless `lang` says otherwise.
 *
 * @example renderReportHtml(report, { lang: "en" })
 */
export function renderReportHtml(report: DailyReport, options: RenderOptions = {}): string {
  const view = reportView(report, options.lang ?? "ko");
  const body = view.sections.map((section, i) =>
    `${i > 0 ? `<h2>${escapeHtml(section.title)}</h2>` : ""}${
      table(section, view.labels.none, view.labels.omitted)
    }`
  ).join("\n");
  return [
    "<!doctype html>",
    `<html lang="${view.lang}">`,
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">`,
    `<title>${escapeHtml(view.title)}</title><style>${STYLE}</style></head>`,
    `<body><h1>${escapeHtml(view.title)}</h1><p class="sub">${escapeHtml(view.subtitle)}</p>`,
    body,
    "</body></html>",
    "",
  ].join("\n");
}

function table(section: Section, none: string, omitted: (n: number) => string): string {
  if (section.rows.length === 0 && section.omitted === 0) {
    return `<p class="none">${escapeHtml(none)}</p>`;
  }
  const align = (i: number) => (section.numeric[i] ? ' class="num"' : "");
  const head = section.header.map((text, i) => `<th${align(i)}>${escapeHtml(text)}</th>`).join("");
  const rows = section.rows.map((row) =>
    `<tr>${
      row.map((cell, i) => {
        const classes = [section.numeric[i] ? "num" : "", cell.tone === "flat" ? "" : cell.tone]
          .filter((name) => name !== "").join(" ");
        return `<td${classes === "" ? "" : ` class="${classes}"`}>${escapeHtml(cell.text)}</td>`;
      }).join("")
    }</tr>`
  ).join("");
  const more = section.omitted > 0
    ? `<p class="more">${escapeHtml(omitted(section.omitted))}</p>`
    : "";
  return `<table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>${more}`;
}

/** `text` safe inside HTML elements and quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]!);
}

const HTML_ENTITIES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};
