/**
 * Channel instances from parsed settings.
 * @module
 */
import type { NotificationChannel } from "./channel.ts";
import type { ChannelSettings } from "./config.ts";
import { KakaoChannel } from "./kakao.ts";
import { type KakaoTokenStore, KvKakaoTokenStore } from "./kakao_tokens.ts";
import { SlackChannel } from "./slack.ts";
import { TelegramChannel } from "./telegram.ts";
import { WebhookChannel } from "./webhook.ts";

/** What building the channels needs besides their settings. */
export interface ChannelDependencies {
  /** Holds the Kakao tokens (default store) when `kakaoTokens` is not given. */
  readonly kv: Deno.Kv;
  readonly kakaoTokens?: KakaoTokenStore;
}

/** One channel per settings entry, named by its type. */
export function buildChannels(
  settings: readonly ChannelSettings[],
  dependencies: ChannelDependencies,
): NotificationChannel[] {
  return settings.map((entry): NotificationChannel => {
    switch (entry.type) {
      case "webhook":
        return new WebhookChannel({ url: entry.url, secret: entry.secret });
      case "telegram":
        return new TelegramChannel(entry);
      case "slack":
        return new SlackChannel(entry);
      case "kakao":
        return new KakaoChannel({
          restApiKey: entry.restApiKey,
          ...(entry.clientSecret ? { clientSecret: entry.clientSecret } : {}),
          initialTokens: { accessToken: entry.accessToken, refreshToken: entry.refreshToken },
          tokenStore: dependencies.kakaoTokens ?? new KvKakaoTokenStore(dependencies.kv),
          linkUrl: entry.linkUrl,
          apiUrl: entry.apiUrl,
          authUrl: entry.authUrl,
        });
    }
  });
}
