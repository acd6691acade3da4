/**
 * The Telegram channel: Bot API `sendMessage` to one chat.
 * @module
 */
import { z } from "zod";
import type { DeliveryResult, NotificationChannel } from "./channel.ts";
import { answerFailure, failureOf, isNoAnswer, parseJson, postOnce } from "./http.ts";
import type { Notification } from "./message.ts";
import type { Secret } from "./secret.ts";
import { telegramText } from "./telegram_format.ts";

/** The Bot API's host. */
export const TELEGRAM_API_URL = "https://api.telegram.org";

// Every Bot API answer is {ok, result} or {ok: false, error_code, description, parameters}.
const telegramAnswerSchema = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true), result: z.unknown() }),
  z.object({
    ok: z.literal(false),
    error_code: z.number().int(),
    description: z.string(),
    parameters: z.object({ retry_after: z.number().nonnegative().optional() }).optional(),
  }),
]);

/** Settings of one bot and chat. */
export interface TelegramChannelOptions {
  readonly botToken: Secret;
  /** A numeric chat id or `@channelusername`. */
  readonly chatId: string;
  readonly apiUrl?: string;
  readonly name?: string;
}

/** Sends MarkdownV2 messages through a bot. */
export class TelegramChannel implements NotificationChannel {
  /** The channel's name in dedupe records and logs. */
  readonly name: string;
  readonly #options: TelegramChannelOptions;

  /** Creates the channel. */
  constructor(options: TelegramChannelOptions) {
    this.name = options.name ?? "telegram";
    this.#options = options;
  }

  /** Calls `sendMessage` once. */
  async send(notification: Notification): Promise<DeliveryResult> {
    const token = this.#options.botToken.reveal();
    const base = (this.#options.apiUrl ?? TELEGRAM_API_URL).replace(/\/$/, "");
    const answer = await postOnce(`${base}/bot${token}/sendMessage`, {
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        chat_id: this.#options.chatId,
        text: telegramText(notification),
        parse_mode: "MarkdownV2",
        link_preview_options: { is_disabled: true },
      }),
      secrets: [token],
    });
    if (isNoAnswer(answer)) return answer;
    const parsed = telegramAnswerSchema.safeParse(parseJson(answer.text));
    if (!parsed.success) {
      return answerFailure("telegram", answer);
    }
    if (parsed.data.ok) return { status: "delivered" };
    const { error_code, description, parameters } = parsed.data;
    const reason = `telegram ${error_code}: ${description}`;
    // Flood control puts the wait in the body (ResponseParameters.retry_after), not a header.
    if (parameters?.retry_after !== undefined) {
      return { status: "retryable", reason, retryAfterMs: parameters.retry_after * 1000 };
    }
    return failureOf(answer, reason);
  }
}
