import { z } from "zod";
import type { AuthStore } from "./auth.ts";
import { OAUTH_ERRORS, type OAuthReply } from "./errors.ts";

/** An OAuth answer: status and JSON body. */
export interface OAuthAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

const tokenBody = z.object({
  grant_type: z.literal("client_credentials"),
  appkey: z.string(),
  appsecret: z.string(),
});

const approvalBody = z.object({
  grant_type: z.literal("client_credentials"),
  appkey: z.string(),
  secretkey: z.string(),
});

const revokeBody = z.object({ appkey: z.string(), appsecret: z.string(), token: z.string() });

function rejection(reply: OAuthReply): OAuthAnswer {
  return {
    status: reply.status,
    body: { error_description: reply.errorDescription, error_code: reply.errorCode },
  };
}

/** POST /oauth2/tokenP: a token, the same token again within 6 h, or EGW00133 within a minute. */
export function issueToken(auth: AuthStore, body: unknown, now: Date): OAuthAnswer {
  const parsed = tokenBody.safeParse(body);
  if (!parsed.success) {
    const keyError = auth.checkKeys(fieldOf(body, "appkey"), fieldOf(body, "appsecret"));
    return rejection(keyError ?? OAUTH_ERRORS.grantTypeInvalid);
  }
  const keyError = auth.checkKeys(parsed.data.appkey, parsed.data.appsecret);
  if (keyError) return rejection(keyError);
  const issued = auth.issueToken(now);
  if ("errorCode" in issued) return rejection(issued);
  return {
    status: 200,
    body: {
      access_token: issued.accessToken,
      access_token_token_expired: issued.expiresAtKst,
      token_type: "Bearer",
      expires_in: issued.expiresIn,
    },
  };
}

/** POST /oauth2/revokeP. */
export function revokeToken(auth: AuthStore, body: unknown): OAuthAnswer {
  const parsed = revokeBody.safeParse(body);
  const keyError = auth.checkKeys(fieldOf(body, "appkey"), fieldOf(body, "appsecret"));
  if (keyError) return rejection(keyError);
  if (!parsed.success) return rejection(OAUTH_ERRORS.grantTypeInvalid);
  auth.revoke(parsed.data.token);
  // KIS sends `code` as a number although its spec says string
  return { status: 200, body: { code: 200, message: "접근토큰 폐기에 성공하였습니다" } };
}

/** POST /oauth2/Approval: a WebSocket approval key; the secret travels as `secretkey`. */
export function approvalKeyAnswer(auth: AuthStore, body: unknown): OAuthAnswer {
  const parsed = approvalBody.safeParse(body);
  const keyError = auth.checkKeys(fieldOf(body, "appkey"), fieldOf(body, "secretkey"));
  if (keyError) return rejection(keyError);
  if (!parsed.success) return rejection(OAUTH_ERRORS.grantTypeInvalid);
  return { status: 200, body: { approval_key: auth.issueApprovalKey() } };
}

/** POST /uapi/hashkey: echoes the body with its SHA-256 (base64) as `HASH`. */
export async function hashKey(
  auth: AuthStore,
  headers: Headers,
  body: unknown,
): Promise<OAuthAnswer> {
  const keyError = auth.checkKeys(headers.get("appkey"), headers.get("appsecret"));
  if (keyError) return rejection(keyError);
  const digest = await crypto.subtle.digest(
    "SHA-256",
    new TextEncoder().encode(JSON.stringify(body)),
  );
  return {
    status: 200,
    body: { BODY: body, HASH: btoa(String.fromCharCode(...new Uint8Array(digest))) },
  };
}

function fieldOf(body: unknown, key: string): unknown {
  return typeof body === "object" && body !== null
    ? (body as Record<string, unknown>)[key]
    : undefined;
}
