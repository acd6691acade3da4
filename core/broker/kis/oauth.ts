import { BrokerError } from "../errors.ts";
import type { KisCredentials } from "./credentials.ts";
import { KIS_PATHS } from "./env.ts";
import { KisError } from "./errors.ts";
import { approvalResponseSchema, oauthErrorSchema, tokenResponseSchema } from "./schema_fields.ts";
import type { z } from "zod";

async function postOauth<T extends z.ZodType>(
  restUrl: string,
  path: string,
  body: Record<string, string>,
  schema: T,
): Promise<z.infer<T>> {
  let response: Response;
  try {
    response = await fetch(new URL(path, restUrl), {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8" },
      body: JSON.stringify(body),
    });
  } catch (cause) {
    throw new BrokerError("network", `KIS ${path} unreachable at ${restUrl}`, { cause });
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new BrokerError("server", `KIS ${path} answered HTTP ${response.status} without JSON`);
  }
  // The OAuth endpoints report errors as {error_code, error_description}, e.g. EGW00133 with HTTP 403.
  const oauthError = oauthErrorSchema.safeParse(json);
  if (oauthError.success) {
    throw new KisError({
      msgCd: oauthError.data.error_code,
      msg1: oauthError.data.error_description,
      httpStatus: response.status,
      trId: path,
    });
  }
  const envelopeError = (json ?? {}) as { msg_cd?: unknown; msg1?: unknown };
  if (!response.ok && typeof envelopeError.msg_cd === "string") {
    throw new KisError({
      msgCd: envelopeError.msg_cd,
      msg1: String(envelopeError.msg1 ?? ""),
      httpStatus: response.status,
      trId: path,
    });
  }
  const parsed = schema.safeParse(json);
  if (!response.ok || !parsed.success) {
    throw new BrokerError(
      response.ok ? "server" : "auth",
      `KIS ${path} answered HTTP ${response.status} with an unexpected body` +
        (parsed.success ? "" : `: ${parsed.error.issues.map((i) => i.message).join("; ")}`),
    );
  }
  return parsed.data;
}

/** A freshly issued access token. */
export interface IssuedToken {
  readonly accessToken: string;
  /** `access_token_token_expired` as KIS wrote it (KST). */
  readonly expiresAtKst: string;
}

/** Issues an access token (`POST /oauth2/tokenP`); callers must respect the issuance interval. */
export async function issueAccessToken(
  restUrl: string,
  credentials: KisCredentials,
): Promise<IssuedToken> {
  const body = await postOauth(restUrl, KIS_PATHS.token, {
    grant_type: "client_credentials",
    appkey: credentials.appKey,
    appsecret: credentials.appSecret,
  }, tokenResponseSchema);
  return { accessToken: body.access_token, expiresAtKst: body.access_token_token_expired };
}

/** Issues a WebSocket approval key (`POST /oauth2/Approval`, which names the secret `secretkey`). */
export async function issueApprovalKey(
  restUrl: string,
  credentials: KisCredentials,
): Promise<string> {
  const body = await postOauth(restUrl, KIS_PATHS.approval, {
    grant_type: "client_credentials",
    appkey: credentials.appKey,
    secretkey: credentials.appSecret,
  }, approvalResponseSchema);
  return body.approval_key;
}
