/**
 * The Slack channel: an incoming webhook (or a Slack-compatible one, e.g. Mattermost).
 * @module
 */
import type { DeliveryResult, NotificationChannel } from "./channel.ts";
import { answerFailure, isNoAnswer, postOnce } from "./http.ts";
import type { Notification } from "./message.ts";
import type { Secret } from "./secret.ts";
import { slackPayload } from "./slack_format.ts";

/** Settings of one incoming webhook. */
export interface SlackChannelOptions {
  /** `https://hooks.slack.com/services/T…/B…/…`: the path is the credential. */
  readonly webhookUrl: Secret;
  readonly name?: string;
}

/** Posts to a Slack incoming webhook. */
export class SlackChannel implements NotificationChannel {
  /** The channel's name in dedupe records and logs. */
  readonly name: string;
  readonly #options: SlackChannelOptions;

  /** Creates the channel. */
  constructor(options: SlackChannelOptions) {
    this.name = options.name ?? "slack";
    this.#options = options;
  }

  /**
   * Posts once. Slack answers 200 with the plain body `ok`; errors are a status with a plain
   * code (400 `invalid_payload`, 404 `channel_not_found`, 410 `channel_is_archived`, 429 with
   * `Retry-After`), per "Sending messages using incoming webhooks".
   */
  async send(notification: Notification): Promise<DeliveryResult> {
    const url = this.#options.webhookUrl.reveal();
    const answer = await postOnce(url, {
      headers: { "content-type": "application/json" },
      body: JSON.stringify(slackPayload(notification)),
      secrets: [url],
    });
    if (isNoAnswer(answer)) return answer;
    if (answer.status === 200) return { status: "delivered" };
    return answerFailure("slack", answer);
  }
}
