/**
 * The daily report as Markdown (GitHub-flavoured tables), for chat channels and files.
 * @module
 */
import type { ReportLanguage } from "./format.ts";
import type { DailyReport } from "./schema.ts";
import { reportView, type Section } from "./view.ts";

/** How to render a report. */
export interface RenderOptions {
  /** Default `ko`. */
  readonly lang?: ReportLanguage;
}

/**
 * The report as Markdown: a title, then one table per part. Text from outside (names, error
 * messages) is escaped so it cannot add markup or break a table.
 *
 * @example renderReportMarkdown(report, { lang: "ko" })
 */
export function renderReportMarkdown(report: DailyReport, options: RenderOptions = {}): string {
  const view = reportView(report, options.lang ?? "ko");
  const parts = [`# ${escapeMarkdown(view.title)}`, escapeMarkdown(view.subtitle)];
  view.sections.forEach((section, i) => {
    // The first section is the summary, shown under the title without a heading of its own.
    if (i > 0) parts.push(`## ${escapeMarkdown(section.title)}`);
    parts.push(table(section, view.labels.none, view.labels.omitted));
  });
  return `${parts.join("\n\n")}\n`;
}

function table(section: Section, none: string, omitted: (n: number) => string): string {
  if (section.rows.length === 0 && section.omitted === 0) return none;
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  const lines = [
    line(section.header.map(escapeMarkdown)),
    line(section.numeric.map((numeric) => (numeric ? "---:" : "---"))),
    ...section.rows.map((row) => line(row.map((cell) => escapeMarkdown(cell.text)))),
  ];
  if (section.omitted > 0) lines.push("", `_${escapeMarkdown(omitted(section.omitted))}_`);
  return lines.join("\n");
}

/**
 * `text` with the characters that make markup inside a line backslash-escaped (CommonMark allows
 * it before any ASCII punctuation) and line breaks flattened, so a cell stays one table cell.
 * Line-start markup (`#`, `+`, `-`) cannot occur: every text sits after a fixed prefix.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/\r?\n|\r/g, " ").replace(/[\\`*_[\]<>|~&]/g, "\\$&");
}
