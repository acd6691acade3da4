/**
 * The KakaoTalk channel: 나에게 보내기 (`POST /v2/api/talk/memo/default/send`), renewing the
 * user's access token when it has expired or is refused.
 * @module
 */
import { z } from "zod";
import type { DeliveryFailure, DeliveryResult, NotificationChannel } from "./channel.ts";
import { answerFailure, failureOf, isNoAnswer, parseJson, postOnce } from "./http.ts";
import { kakaoTemplate } from "./kakao_format.ts";
import {
  type KakaoApp,
  type KakaoTokens,
  type KakaoTokenStore,
  refreshKakaoTokens,
} from "./kakao_tokens.ts";
import type { Notification } from "./message.ts";
import type { Secret } from "./secret.ts";

/** Kakao's API host. */
export const KAKAO_API_URL = "https://kapi.kakao.com";

/** The memo path for default templates. */
export const KAKAO_MEMO_PATH = "/v2/api/talk/memo/default/send";

const memoSentSchema = z.object({ result_code: z.literal(0) });
const kakaoErrorSchema = z.object({ code: z.number().int(), msg: z.string() });

// -1 (internal error, "retry") and -7 (maintenance) are Kakao's transient codes, sent as HTTP 400
// (REST API error codes, "Common").
const TRANSIENT_CODES = new Set([-1, -7]);
// -401: invalid or expired access token (also sent for a bad app key, which a refresh reveals).
const TOKEN_REFUSED = -401;
/** Refresh a little before the recorded expiry, so a send never races it. */
const EXPIRY_MARGIN_MS = 60_000;

/** Settings of the KakaoTalk channel. */
export interface KakaoChannelOptions {
  readonly restApiKey: Secret;
  readonly clientSecret?: Secret;
  /** The first tokens, used until the store holds newer ones. */
  readonly initialTokens: { readonly accessToken: Secret; readonly refreshToken: Secret };
  readonly tokenStore: KakaoTokenStore;
  /** The button's target when a message has no link; a domain registered with the app. */
  readonly linkUrl: string;
  readonly apiUrl?: string;
  readonly authUrl?: string;
  readonly name?: string;
  readonly now?: () => number;
}

/** Sends text templates to the user's own chat (나와의 채팅). */
export class KakaoChannel implements NotificationChannel {
  /** The channel's name in dedupe records and logs. */
  readonly name: string;
  readonly #options: KakaoChannelOptions;
  readonly #now: () => number;
  #refreshing: Promise<KakaoTokens | DeliveryFailure> | null = null;

  /** Creates the channel. */
  constructor(options: KakaoChannelOptions) {
    this.name = options.name ?? "kakao";
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /**
   * Sends once; on an expired or refused access token, refreshes it, saves the new pair in the
   * store and sends once more.
   */
  async send(notification: Notification): Promise<DeliveryResult> {
    let tokens = await this.#currentTokens();
    let refreshed = false;
    if (isExpired(tokens, this.#now())) {
      const renewed = await this.#refresh(tokens);
      if ("status" in renewed) return renewed;
      tokens = renewed;
      refreshed = true;
    }
    for (;;) {
      const result = await this.#sendMemo(notification, tokens);
      if (result !== "token refused") return result;
      if (refreshed) {
        return { status: "permanent", reason: "kakao refused a freshly refreshed access token" };
      }
      const renewed = await this.#refresh(tokens);
      if ("status" in renewed) return renewed;
      tokens = renewed;
      refreshed = true;
    }
  }

  async #currentTokens(): Promise<KakaoTokens> {
    const stored = await this.#options.tokenStore.load();
    if (stored) return stored;
    const { accessToken, refreshToken } = this.#options.initialTokens;
    return { accessToken: accessToken.reveal(), refreshToken: refreshToken.reveal() };
  }

  /**
   * New tokens in place of `stale`. Concurrent sends share one refresh, and a pair that another
   * process saved meanwhile is taken instead of refreshing again: once Kakao has rotated the
   * refresh token, a second refresh with the old one could be refused.
   */
  #refresh(stale: KakaoTokens): Promise<KakaoTokens | DeliveryFailure> {
    this.#refreshing ??= this.#refreshOnce(stale).finally(() => {
      this.#refreshing = null;
    });
    return this.#refreshing;
  }

  async #refreshOnce(stale: KakaoTokens): Promise<KakaoTokens | DeliveryFailure> {
    const stored = await this.#options.tokenStore.load();
    if (stored && stored.accessToken !== stale.accessToken && !isExpired(stored, this.#now())) {
      return stored;
    }
    const tokens = stored ?? stale;
    const app: KakaoApp = {
      restApiKey: this.#options.restApiKey.reveal(),
      ...(this.#options.clientSecret ? { clientSecret: this.#options.clientSecret.reveal() } : {}),
      ...(this.#options.authUrl ? { authUrl: this.#options.authUrl } : {}),
    };
    const renewed = await refreshKakaoTokens(app, tokens, this.#now());
    if ("status" in renewed) return renewed;
    await this.#options.tokenStore.save(renewed);
    return renewed;
  }

  async #sendMemo(
    notification: Notification,
    tokens: KakaoTokens,
  ): Promise<DeliveryResult | "token refused"> {
    const base = (this.#options.apiUrl ?? KAKAO_API_URL).replace(/\/$/, "");
    const form = new URLSearchParams({
      template_object: JSON.stringify(kakaoTemplate(notification, this.#options.linkUrl)),
    });
    const answer = await postOnce(`${base}${KAKAO_MEMO_PATH}`, {
      headers: {
        "content-type": "application/x-www-form-urlencoded;charset=utf-8",
        authorization: `Bearer ${tokens.accessToken}`,
      },
      body: form.toString(),
      secrets: [tokens.accessToken, tokens.refreshToken],
    });
    if (isNoAnswer(answer)) return answer;
    const json = parseJson(answer.text);
    if (answer.status === 200 && memoSentSchema.safeParse(json).success) {
      return { status: "delivered" };
    }
    const refusal = kakaoErrorSchema.safeParse(json);
    if (!refusal.success) {
      return answerFailure("kakao", answer);
    }
    const { code, msg } = refusal.data;
    if (code === TOKEN_REFUSED || answer.status === 401) return "token refused";
    const reason = `kakao ${code}: ${msg}`;
    if (TRANSIENT_CODES.has(code)) return { status: "retryable", reason };
    return failureOf(answer, reason);
  }
}

/** True when the recorded expiry (if any) is within the margin of `nowMs`. */
function isExpired(tokens: KakaoTokens, nowMs: number): boolean {
  return tokens.accessExpiresAt !== undefined &&
    tokens.accessExpiresAt - EXPIRY_MARGIN_MS <= nowMs;
}
