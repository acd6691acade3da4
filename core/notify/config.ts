/**
 * Notification settings from the environment (or a settings record with the same names), parsed
 * with zod. A channel is on when any of its variables is set; every secret comes out wrapped in
 * `Secret`, and no error message quotes a value.
 * @module
 */
import { z } from "zod";
import { addProblem, parseSection, secretVariable } from "../config/section.ts";
import { KAKAO_API_URL } from "./kakao.ts";
import { KAKAO_AUTH_URL } from "./kakao_tokens.ts";
import { parseQuietHours, type QuietHours } from "./quiet_hours.ts";
import { Secret } from "./secret.ts";
import { TELEGRAM_API_URL } from "./telegram.ts";

/** One configured channel. */
export type ChannelSettings =
  | { readonly type: "webhook"; readonly url: Secret; readonly secret: Secret }
  | {
    readonly type: "telegram";
    readonly botToken: Secret;
    readonly chatId: string;
    readonly apiUrl: string;
  }
  | { readonly type: "slack"; readonly webhookUrl: Secret }
  | {
    readonly type: "kakao";
    readonly restApiKey: Secret;
    readonly accessToken: Secret;
    readonly refreshToken: Secret;
    readonly clientSecret?: Secret;
    readonly linkUrl: string;
    readonly apiUrl: string;
    readonly authUrl: string;
  };

/** Every channel that is on, and the quiet window (null: none). */
export interface NotifySettings {
  readonly channels: readonly ChannelSettings[];
  readonly quietHours: QuietHours | null;
}

const httpUrl = (name: string) =>
  z.url({
    protocol: /^https?$/,
    error: `${name} must be an http(s) URL`,
  });
const secret = (name: string, pattern = /^\S+$/) =>
  secretVariable(
    z.string().regex(pattern, `${name} is not in the expected form`)
      .transform((v) => new Secret(v)).optional(),
  );
const secretUrl = (name: string) =>
  secretVariable(httpUrl(name).transform((v) => new Secret(v)).optional());

/** The variables, all optional; `parseNotifyEnv` decides which groups are complete. */
export const notifyEnvSchema = z.object({
  NOTIFY_QUIET_HOURS: z.string().optional(),
  NOTIFY_WEBHOOK_URL: secretUrl("NOTIFY_WEBHOOK_URL"),
  NOTIFY_WEBHOOK_SECRET: secretVariable(
    z.string().min(16, "NOTIFY_WEBHOOK_SECRET must be at least 16 characters")
      .transform((v) => new Secret(v)).optional(),
  ),
  // A bot token is `<bot id>:<secret>` (BotFather).
  TELEGRAM_BOT_TOKEN: secret("TELEGRAM_BOT_TOKEN", /^\d+:[\w-]+$/),
  // A numeric chat id (negative for groups) or a public channel's @username.
  TELEGRAM_CHAT_ID: z.string().regex(
    /^(-?\d+|@\w{5,})$/,
    "TELEGRAM_CHAT_ID must be a chat id or @name",
  )
    .optional(),
  TELEGRAM_API_URL: httpUrl("TELEGRAM_API_URL").default(TELEGRAM_API_URL),
  SLACK_WEBHOOK_URL: secretUrl("SLACK_WEBHOOK_URL"),
  KAKAO_REST_API_KEY: secret("KAKAO_REST_API_KEY"),
  KAKAO_ACCESS_TOKEN: secret("KAKAO_ACCESS_TOKEN"),
  KAKAO_REFRESH_TOKEN: secret("KAKAO_REFRESH_TOKEN"),
  KAKAO_CLIENT_SECRET: secret("KAKAO_CLIENT_SECRET"),
  KAKAO_LINK_URL: httpUrl("KAKAO_LINK_URL").optional(),
  KAKAO_API_URL: httpUrl("KAKAO_API_URL").default(KAKAO_API_URL),
  KAKAO_AUTH_URL: httpUrl("KAKAO_AUTH_URL").default(KAKAO_AUTH_URL),
});

type NotifyEnv = z.infer<typeof notifyEnvSchema>;

/** The notification settings' sub-schema of the environment: the channels that are complete. */
export const notifySettingsSchema = notifyEnvSchema.transform((env, ctx): NotifySettings => {
  const channels: ChannelSettings[] = [];
  const group = <K extends keyof NotifyEnv>(names: readonly K[], build: () => ChannelSettings) => {
    if (names.every((name) => env[name] === undefined)) return;
    const absent = names.filter((name) => env[name] === undefined);
    if (absent.length > 0) addProblem(ctx, absent[0]!, `${absent.join(", ")} must be set too`);
    else channels.push(build());
  };
  group(["NOTIFY_WEBHOOK_URL", "NOTIFY_WEBHOOK_SECRET"], () => ({
    type: "webhook",
    url: env.NOTIFY_WEBHOOK_URL!,
    secret: env.NOTIFY_WEBHOOK_SECRET!,
  }));
  group(["TELEGRAM_BOT_TOKEN", "TELEGRAM_CHAT_ID"], () => ({
    type: "telegram",
    botToken: env.TELEGRAM_BOT_TOKEN!,
    chatId: env.TELEGRAM_CHAT_ID!,
    apiUrl: env.TELEGRAM_API_URL,
  }));
  group(["SLACK_WEBHOOK_URL"], () => ({ type: "slack", webhookUrl: env.SLACK_WEBHOOK_URL! }));
  group(
    ["KAKAO_REST_API_KEY", "KAKAO_ACCESS_TOKEN", "KAKAO_REFRESH_TOKEN", "KAKAO_LINK_URL"],
    () => ({
      type: "kakao",
      restApiKey: env.KAKAO_REST_API_KEY!,
      accessToken: env.KAKAO_ACCESS_TOKEN!,
      refreshToken: env.KAKAO_REFRESH_TOKEN!,
      ...(env.KAKAO_CLIENT_SECRET ? { clientSecret: env.KAKAO_CLIENT_SECRET } : {}),
      linkUrl: env.KAKAO_LINK_URL!,
      apiUrl: env.KAKAO_API_URL,
      authUrl: env.KAKAO_AUTH_URL,
    }),
  );
  let quietHours: QuietHours | null = null;
  if (env.NOTIFY_QUIET_HOURS !== undefined) {
    try {
      quietHours = parseQuietHours(env.NOTIFY_QUIET_HOURS);
    } catch (error) {
      addProblem(ctx, "NOTIFY_QUIET_HOURS", `NOTIFY_QUIET_HOURS: ${(error as Error).message}`);
    }
  }
  return { channels, quietHours };
});

/**
 * Reads the notification variables. Throws an `Error` naming each bad or missing variable (never
 * its value) when a channel is half configured or a value is malformed.
 *
 * @example
 * parseNotifyEnv({ SLACK_WEBHOOK_URL: "https://hooks.slack.com/services/T/B/x" }).channels[0]?.type // "slack"
 */
export function parseNotifyEnv(source: Record<string, string | undefined>): NotifySettings {
  return parseSection(notifySettingsSchema, source, "notification");
}
