/**
 * The Kakao "text" default template (기본 템플릿 > 텍스트) for a notification.
 * @module
 */
import type { Notification } from "./message.ts";

/** The text template shows at most 200 characters (Kakao message template docs). */
export const KAKAO_TEXT_LIMIT = 200;

/** A text template object, sent as the `template_object` form field (JSON). */
export interface KakaoTextTemplate {
  readonly object_type: "text";
  readonly text: string;
  /** Required; its domain must be registered under the app's 제품 링크 관리 > 웹 도메인. */
  readonly link: { readonly web_url: string; readonly mobile_web_url: string };
  readonly button_title: string;
}

/**
 * The template: `[title]` then the body, cut to 200 characters (code points, so a Korean
 * syllable or an emoji counts once) with `…`; the button opens the message's link or `fallbackLink`.
 */
export function kakaoTemplate(notification: Notification, fallbackLink: string): KakaoTextTemplate {
  const chars = Array.from(`[${notification.title}]\n${notification.body}`);
  const text = chars.length > KAKAO_TEXT_LIMIT
    ? `${chars.slice(0, KAKAO_TEXT_LIMIT - 1).join("")}…`
    : chars.join("");
  const url = notification.link ?? fallbackLink;
  return {
    object_type: "text",
    text,
    link: { web_url: url, mobile_web_url: url },
    button_title: "자세히 보기",
  };
}
