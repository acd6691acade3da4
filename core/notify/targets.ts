/**
 * What the dashboard and the API may show of a configured channel: its name, its kind and where it
 * sends, masked so that no token, key or secret path ever leaves the server.
 * @module
 */
import type { ChannelSettings } from "./config.ts";

/** A channel as shown to an admin. */
export interface ChannelTarget {
  /** The channel's name (its kind: one channel of each kind can be configured). */
  readonly channel: string;
  readonly kind: ChannelSettings["type"];
  /** Where it sends, masked: e.g. `https://hooks.slack.com/…`, `chat …4567`. */
  readonly target: string;
}

/** `https://host/…`: the URL's origin only (its path and query often carry the token). */
function maskedUrl(url: string): string {
  try {
    return `${new URL(url).origin}/…`;
  } catch {
    return "…";
  }
}

/** The last `keep` characters of `text` after an ellipsis (all of it masked when short). */
function tail(text: string, keep = 4): string {
  return text.length <= keep * 2 ? "…" : `…${text.slice(-keep)}`;
}

/** The masked description of one configured channel. */
export function channelTarget(settings: ChannelSettings): ChannelTarget {
  switch (settings.type) {
    case "webhook":
      return {
        channel: "webhook",
        kind: "webhook",
        target: maskedUrl(settings.url.reveal()),
      };
    case "telegram":
      return { channel: "telegram", kind: "telegram", target: `chat ${tail(settings.chatId)}` };
    case "slack":
      return { channel: "slack", kind: "slack", target: maskedUrl(settings.webhookUrl.reveal()) };
    case "kakao":
      return { channel: "kakao", kind: "kakao", target: "나에게 보내기 (memo)" };
  }
}
