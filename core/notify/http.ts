/**
 * One HTTP POST to a service, with the failure sorted into retryable or permanent and every secret
 * kept out of the reason.
 * @module
 */
import type { DeliveryFailure, DeliveryResult } from "./channel.ts";
import { redactText } from "../obs/redact.ts";
import { untraced } from "../obs/tracing.ts";

/** A service's answer: status, headers, and the body as text. */
export interface HttpAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

/** What `postOnce` needs besides the URL. */
export interface PostOptions {
  readonly headers: Record<string, string>;
  readonly body: string;
  /** Values to remove from any error text: tokens, and the URL when it carries one. */
  readonly secrets: readonly string[];
  readonly timeoutMs?: number;
}

/** A failed attempt before any answer arrived. */
export type NoAnswer = Extract<DeliveryResult, { status: "retryable" }>;

/**
 * POSTs once; a network error or timeout comes back as a retryable result, never thrown. The
 * request runs {@link untraced}: its URL may carry the channel's token.
 */
export async function postOnce(url: string, options: PostOptions): Promise<HttpAnswer | NoAnswer> {
  try {
    // the URL may hold the channel's token: keep Deno's fetch span (url.full) out of the traces
    return await untraced(async () => {
      const response = await fetch(url, {
        method: "POST",
        headers: options.headers,
        body: options.body,
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      // a service may echo the URL or its token back; the text ends up in reasons and logs
      const text = redactText(await response.text(), [...urlParts(url), ...options.secrets]);
      return { status: response.status, headers: response.headers, text };
    });
  } catch (error) {
    return {
      status: "retryable",
      reason: `network: ${redactText(describe(error), [...urlParts(url), ...options.secrets])}`,
    };
  }
}

// fetch's own message is only "fetch failed"; the cause says why (and may quote the URL).
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message;
}

// Path segments at least this long may be tokens (Slack's is 24 characters).
const TOKEN_SEGMENT_LENGTH = 12;

// The URL as given and as fetch normalises it, plus its path, its long segments and its query,
// where tokens sit.
function urlParts(url: string): string[] {
  try {
    const parsed = new URL(url);
    const segments = parsed.pathname.split("/")
      .filter((segment) => segment.length >= TOKEN_SEGMENT_LENGTH);
    return [
      url,
      parsed.href,
      parsed.pathname.length > 1 ? parsed.pathname : "",
      ...segments,
      parsed.search,
    ];
  } catch {
    return [url];
  }
}

/** True when `postOnce` got no answer. */
export function isNoAnswer(value: HttpAnswer | NoAnswer): value is NoAnswer {
  return "reason" in value;
}

/**
 * Sorts a non-success status: 429 and 5xx (and 408) are worth retrying, honouring a Retry-After
 * header (seconds or an HTTP date, RFC 9110 §10.2.3); any other 4xx is permanent.
 */
export function failureOf(answer: HttpAnswer, reason: string, now = Date.now()): DeliveryFailure {
  const { status } = answer;
  if (status === 429 || status === 408 || status >= 500) {
    const retryAfterMs = retryAfterMsOf(answer.headers.get("retry-after"), now);
    return retryAfterMs === undefined
      ? { status: "retryable", reason }
      : { status: "retryable", reason, retryAfterMs };
  }
  return { status: "permanent", reason };
}

/**
 * The failure for an answer a channel did not take as delivered: sorted by its status, the reason
 * naming the service and the status, then `detail` (by default the start of the body).
 *
 * @example answerFailure("slack", answer) // permanent, "slack answered HTTP 404: channel_not_found"
 */
export function answerFailure(
  service: string,
  answer: HttpAnswer,
  detail: string = snippet(answer.text),
): DeliveryFailure {
  return failureOf(answer, `${service} answered HTTP ${answer.status}: ${detail}`);
}

/** The wait a Retry-After header asks for, in ms; `undefined` when absent or unreadable. */
export function retryAfterMsOf(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === "") return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The first `max` characters of a service's answer, for a failure reason. */
export function snippet(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** The body as JSON, or undefined when it is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
