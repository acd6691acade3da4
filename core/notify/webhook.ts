/**
 * The generic webhook channel: the message as JSON, POSTed and signed (signature.ts).
 * @module
 */
import type { DeliveryResult, NotificationChannel } from "./channel.ts";
import { answerFailure, isNoAnswer, postOnce } from "./http.ts";
import type { Notification } from "./message.ts";
import type { Secret } from "./secret.ts";
import { DELIVERY_HEADER, SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER } from "./signature.ts";

/** Settings of one webhook receiver. */
export interface WebhookChannelOptions {
  /** The receiver's URL; a secret, as such URLs often carry a token. */
  readonly url: Secret;
  /** The shared HMAC key. */
  readonly secret: Secret;
  readonly name?: string;
  /** Epoch ms; the signature's timestamp comes from it. */
  readonly now?: () => number;
}

/** The JSON body a webhook receiver gets. */
export interface WebhookPayload {
  readonly type: "yeouido.notification";
  /** The dedupe key; also sent as `X-Yeouido-Delivery`. */
  readonly id: string;
  readonly kind: Notification["kind"];
  readonly severity: Notification["severity"];
  readonly title: string;
  readonly body: string;
  readonly markdown?: string;
  readonly link?: string;
  /** ISO time of signing. */
  readonly sentAt: string;
}

/** The webhook body for `notification`, signed at `nowMs`. */
export function webhookPayload(notification: Notification, nowMs: number): WebhookPayload {
  const { dedupeKey, kind, severity, title, body, markdown, link } = notification;
  return {
    type: "yeouido.notification",
    id: dedupeKey,
    kind,
    severity,
    title,
    body,
    ...(markdown === undefined ? {} : { markdown }),
    ...(link === undefined ? {} : { link }),
    sentAt: new Date(nowMs).toISOString(),
  };
}

/** Posts signed JSON to a receiver; any 2xx is delivered. */
export class WebhookChannel implements NotificationChannel {
  /** The channel's name in dedupe records and logs. */
  readonly name: string;
  readonly #options: WebhookChannelOptions;

  /** Creates the channel. */
  constructor(options: WebhookChannelOptions) {
    this.name = options.name ?? "webhook";
    this.#options = options;
  }

  /** Signs and posts `notification` once. */
  async send(notification: Notification): Promise<DeliveryResult> {
    const nowMs = (this.#options.now ?? Date.now)();
    const timestamp = Math.floor(nowMs / 1000);
    const body = JSON.stringify(webhookPayload(notification, nowMs));
    const secret = this.#options.secret.reveal();
    const url = this.#options.url.reveal();
    const answer = await postOnce(url, {
      headers: {
        "content-type": "application/json; charset=utf-8",
        [TIMESTAMP_HEADER]: String(timestamp),
        [SIGNATURE_HEADER]: await signWebhook(secret, timestamp, body),
        [DELIVERY_HEADER]: notification.dedupeKey,
      },
      body,
      secrets: [url, secret],
    });
    if (isNoAnswer(answer)) return answer;
    if (answer.status >= 200 && answer.status < 300) return { status: "delivered" };
    return answerFailure("webhook", answer);
  }
}
