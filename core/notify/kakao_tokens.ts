/**
 * Kakao user tokens: where they are kept, and the OAuth refresh that renews them.
 * @module
 */
import { z } from "zod";
import type { DeliveryFailure } from "./channel.ts";
import { answerFailure, isNoAnswer, parseJson, postOnce, snippet } from "./http.ts";

/** Kakao's OAuth host. */
export const KAKAO_AUTH_URL = "https://kauth.kakao.com";

/** A user's tokens for 나에게 보내기; times in epoch ms. */
export interface KakaoTokens {
  readonly accessToken: string;
  readonly refreshToken: string;
  /** When the access token stops working, if known. */
  readonly accessExpiresAt?: number;
  /** When the refresh token stops working, if known; after it the user must log in again. */
  readonly refreshExpiresAt?: number;
}

const kakaoTokensSchema = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
  accessExpiresAt: z.number().optional(),
  refreshExpiresAt: z.number().optional(),
});

/** Where the current tokens live, so a refreshed pair survives a restart. */
export interface KakaoTokenStore {
  /** The stored tokens, or null before the first save. */
  load(): Promise<KakaoTokens | null>;
  save(tokens: KakaoTokens): Promise<void>;
}

/** A token store in Deno KV under one key (the KV handle comes from the caller). */
export class KvKakaoTokenStore implements KakaoTokenStore {
  readonly #kv: Deno.Kv;
  readonly #key: Deno.KvKey;

  /** Keeps the tokens at `key` (default `["notify", "kakao", "tokens"]`). */
  constructor(kv: Deno.Kv, key: Deno.KvKey = ["notify", "kakao", "tokens"]) {
    this.#kv = kv;
    this.#key = key;
  }

  /** The stored tokens, or null when none (or unreadable ones) are stored. */
  async load(): Promise<KakaoTokens | null> {
    const entry = await this.#kv.get(this.#key);
    const parsed = kakaoTokensSchema.safeParse(entry.value);
    return parsed.success ? parsed.data : null;
  }

  /** Replaces the stored tokens. */
  async save(tokens: KakaoTokens): Promise<void> {
    await this.#kv.set(this.#key, tokens);
  }
}

// POST /oauth/token answers with a new access token; a new refresh token only when the old one
// has less than a month left (Kakao Login REST API, "토큰 갱신하기").
const refreshAnswerSchema = z.object({
  token_type: z.string(),
  access_token: z.string().min(1),
  expires_in: z.number().int().positive(),
  refresh_token: z.string().min(1).optional(),
  refresh_token_expires_in: z.number().int().positive().optional(),
});

const oauthErrorSchema = z.object({
  error: z.string(),
  error_description: z.string().optional(),
  error_code: z.string().optional(),
});

/** What the refresh needs: the app's REST API key and, when enabled, its client secret. */
export interface KakaoApp {
  readonly restApiKey: string;
  readonly clientSecret?: string;
  readonly authUrl?: string;
}

/**
 * Renews `tokens` with the refresh token; keeps the old refresh token when Kakao sends none.
 * Returns the new tokens, or a failure (a refused refresh token is permanent: log in again).
 */
export async function refreshKakaoTokens(
  app: KakaoApp,
  tokens: KakaoTokens,
  nowMs: number,
): Promise<KakaoTokens | DeliveryFailure> {
  const form = new URLSearchParams({
    grant_type: "refresh_token",
    client_id: app.restApiKey,
    refresh_token: tokens.refreshToken,
  });
  if (app.clientSecret) form.set("client_secret", app.clientSecret);
  const base = (app.authUrl ?? KAKAO_AUTH_URL).replace(/\/$/, "");
  const secrets = [app.restApiKey, tokens.refreshToken, tokens.accessToken, app.clientSecret ?? ""];
  const answer = await postOnce(`${base}/oauth/token`, {
    headers: { "content-type": "application/x-www-form-urlencoded;charset=utf-8" },
    body: form.toString(),
    secrets,
  });
  if (isNoAnswer(answer)) return answer;
  const json = parseJson(answer.text);
  const renewed = refreshAnswerSchema.safeParse(json);
  if (answer.status === 200 && renewed.success) {
    const data = renewed.data;
    return {
      accessToken: data.access_token,
      accessExpiresAt: nowMs + data.expires_in * 1000,
      refreshToken: data.refresh_token ?? tokens.refreshToken,
      ...(data.refresh_token_expires_in === undefined
        ? (tokens.refreshExpiresAt === undefined
          ? {}
          : { refreshExpiresAt: tokens.refreshExpiresAt })
        : { refreshExpiresAt: nowMs + data.refresh_token_expires_in * 1000 }),
    };
  }
  const refusal = oauthErrorSchema.safeParse(json);
  const detail = refusal.success
    ? `${refusal.data.error_code ?? refusal.data.error}: ${refusal.data.error_description ?? ""}`
    : snippet(answer.text);
  return answerFailure("kakao token refresh", answer, detail);
}
