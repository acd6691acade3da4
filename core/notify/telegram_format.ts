/**
 * Telegram MarkdownV2 text for a notification.
 * @module
 */
import type { Notification } from "./message.ts";

/** Telegram's limit on a message's text after entity parsing (Bot API, sendMessage). */
export const TELEGRAM_TEXT_LIMIT = 4096;

const SEVERITY_MARK: Readonly<Record<Notification["severity"], string>> = {
  info: "ℹ️",
  warning: "⚠️",
  critical: "🚨",
};

/**
 * `text` safe inside MarkdownV2: every one of `_*[]()~\`>#+-=|{}.!` and the backslash gets a
 * backslash, as the Bot API's "MarkdownV2 style" section requires outside entities.
 *
 * @example escapeMarkdownV2("1.5% (up)") // "1\\.5% \\(up\\)"
 */
export function escapeMarkdownV2(text: string): string {
  return text.replace(/[_*[\]()~`>#+\-=|{}.!\\]/g, "\\$&");
}

/** Inside the `(...)` of an inline link only `)` and `\` must be escaped (Bot API). */
function escapeLinkUrl(url: string): string {
  return url.replace(/[)\\]/g, "\\$&");
}

/**
 * The MarkdownV2 text: a bold title with a severity mark, the plain body escaped, and an
 * "열기" link; the body is shortened so the visible text stays under Telegram's limit.
 */
export function telegramText(notification: Notification): string {
  const head = `${SEVERITY_MARK[notification.severity]} *${escapeMarkdownV2(notification.title)}*`;
  const tail = notification.link ? `\n\n[열기](${escapeLinkUrl(notification.link)})` : "";
  // The limit counts visible characters; head and tail add at most a few dozen besides the title.
  const room = TELEGRAM_TEXT_LIMIT - notification.title.length - 64;
  const body = notification.body.length > room
    ? `${notification.body.slice(0, room - 1)}…`
    : notification.body;
  return `${head}\n\n${escapeMarkdownV2(body)}${tail}`;
}
