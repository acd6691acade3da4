/**
 * Notifications: channels (generic signed webhook, Telegram, Slack, KakaoTalk 나에게 보내기),
 * their message formats, and delivery through a Deno KV queue with quiet hours, retries and
 * dedupe. See docs/notifications.md.
 * @module
 */
export type { DeliveryFailure, DeliveryResult, NotificationChannel } from "./channel.ts";
export { isUrgent, KINDS, type Notification, notificationSchema, SEVERITIES } from "./message.ts";
export { Secret } from "./secret.ts";
export {
  DEFAULT_TOLERANCE_SECONDS,
  DELIVERY_HEADER,
  SIGNATURE_HEADER,
  type SignatureRefusal,
  type SignatureVerdict,
  type SignedRequest,
  signWebhook,
  TIMESTAMP_HEADER,
  verifyWebhookRequest,
  verifyWebhookSignature,
} from "./signature.ts";
export { WebhookChannel, type WebhookChannelOptions, type WebhookPayload } from "./webhook.ts";
export { TELEGRAM_API_URL, TelegramChannel, type TelegramChannelOptions } from "./telegram.ts";
export { escapeMarkdownV2, telegramText } from "./telegram_format.ts";
export { SlackChannel, type SlackChannelOptions } from "./slack.ts";
export { escapeMrkdwn, markdownToMrkdwn, slackPayload } from "./slack_format.ts";
export { KAKAO_API_URL, KAKAO_MEMO_PATH, KakaoChannel, type KakaoChannelOptions } from "./kakao.ts";
export { KAKAO_TEXT_LIMIT, kakaoTemplate, type KakaoTextTemplate } from "./kakao_format.ts";
export {
  KAKAO_AUTH_URL,
  type KakaoTokens,
  type KakaoTokenStore,
  KvKakaoTokenStore,
} from "./kakao_tokens.ts";
export { DEFAULT_RETRY_POLICY, retryDelayMs, type RetryPolicy } from "./backoff.ts";
export { parseQuietHours, type QuietHours, quietHoursEnd } from "./quiet_hours.ts";
export * from "./job.ts";
export {
  type JobOutcome,
  Notifier,
  type NotifierOptions,
  type NotifierPreferences,
} from "./notifier.ts";
export { DEPTH_READ_LIMIT, type NotifyQueueDepth, notifyQueueDepth } from "./queue_depth.ts";
export {
  defaultNotifyPreferences,
  NOTIFY_PREFERENCES_KEY,
  type NotifyPreferences,
  notifyPreferencesSchema,
  quietHoursOf,
  readNotifyPreferences,
  saveNotifyPreferences,
  type StoredNotifyPreferences,
} from "./preferences.ts";
export { type ChannelTarget, channelTarget } from "./targets.ts";
export { sendTest, testNotification, type TestSendResult } from "./test_send.ts";
export {
  type ChannelSettings,
  notifyEnvSchema,
  type NotifySettings,
  parseNotifyEnv,
} from "./config.ts";
export { buildChannels, type ChannelDependencies } from "./channels.ts";
