/**
 * The channel interface and the outcome of one delivery attempt.
 * @module
 */
import type { Notification } from "./message.ts";

/** The outcome of one attempt: delivered, worth retrying, or refused for good. */
export type DeliveryResult =
  | { readonly status: "delivered" }
  | {
    readonly status: "retryable";
    /** Why, with every secret removed. */
    readonly reason: string;
    /** The wait the service asked for (429 Retry-After / Telegram `retry_after`). */
    readonly retryAfterMs?: number;
  }
  | { readonly status: "permanent"; readonly reason: string };

/** A place notifications go: one configured Telegram chat, Slack webhook, Kakao account... */
export interface NotificationChannel {
  /** Unique among the configured channels; part of the dedupe record, so keep it stable. */
  readonly name: string;
  /** Sends one message once; never throws for a service's refusal, only returns it. */
  send(notification: Notification): Promise<DeliveryResult>;
}

/** A result that is not a delivery. */
export type DeliveryFailure = Exclude<DeliveryResult, { readonly status: "delivered" }>;
