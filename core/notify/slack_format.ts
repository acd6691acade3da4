/**
 * Slack message payloads: a plain `text` fallback plus Block Kit blocks in mrkdwn.
 * @module
 */
import type { Notification } from "./message.ts";

/** Slack's limit on a section block's text. */
const SECTION_LIMIT = 3000;
/** Slack's limit on a header block's plain text. */
const HEADER_LIMIT = 150;

const SEVERITY_EMOJI: Readonly<Record<Notification["severity"], string>> = {
  info: ":information_source:",
  warning: ":warning:",
  critical: ":rotating_light:",
};

/**
 * `text` with the three characters Slack's mrkdwn treats as control characters escaped
 * (`&` `<` `>`, per "Formatting text for app surfaces").
 *
 * @example escapeMrkdwn("a < b & c") // "a &lt; b &amp; c"
 */
export function escapeMrkdwn(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

/**
 * Common Markdown → Slack mrkdwn: `**bold**` → `*bold*`, `[label](url)` → `<url|label>`,
 * `# heading` → a bold line; the rest passes through escaped.
 */
export function markdownToMrkdwn(markdown: string): string {
  return escapeMrkdwn(markdown)
    .replace(/\*\*(.+?)\*\*/g, "*$1*")
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, "<$2|$1>")
    .replace(/^#{1,6}\s+(.+)$/gm, "*$1*");
}

function clip(text: string, limit: number): string {
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}

/** The JSON body for an incoming webhook. */
export function slackPayload(notification: Notification): Record<string, unknown> {
  const { title, body, markdown, link, severity } = notification;
  const section = markdown === undefined ? escapeMrkdwn(body) : markdownToMrkdwn(markdown);
  const blocks: unknown[] = [
    { type: "header", text: { type: "plain_text", text: clip(title, HEADER_LIMIT), emoji: true } },
    { type: "section", text: { type: "mrkdwn", text: clip(section, SECTION_LIMIT) } },
  ];
  if (link !== undefined) {
    blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: `<${link}|열기>` }] });
  }
  // `text` is what notifications and clients without blocks show.
  return {
    text: `${SEVERITY_EMOJI[severity]} ${escapeMrkdwn(title)}\n${escapeMrkdwn(body)}`,
    blocks,
  };
}
