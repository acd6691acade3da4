import { OAUTH_ERRORS, type OAuthReply } from "./errors.ts";
import { kstDateTime } from "../krx/time.ts";
import type { Rng } from "./rng.ts";

/** The demo account's keys and numbers. */
export interface SimCredentials {
  readonly appKey: string;
  readonly appSecret: string;
  /** `CANO-ACNT_PRDT_CD`, e.g. `50123456-01`. */
  readonly account: string;
  readonly htsId: string;
}

/** An issued access token as `/oauth2/tokenP` reports it. */
export interface SimIssuedToken {
  readonly accessToken: string;
  readonly expiresAt: Date;
  /** Seconds left at the time of the answer. */
  readonly expiresIn: number;
  /** `access_token_token_expired`, KST. */
  readonly expiresAtKst: string;
}

/** Why a presented token was refused. */
export type TokenCheck = "ok" | "invalid" | "expired";

const TOKEN_LIFETIME_MS = 86_400_000;
// KIS: tokenP at most once per minute (EGW00133); a re-request within 6 h returns the same token
const ISSUE_INTERVAL_MS = 60_000;
const REUSE_WINDOW_MS = 6 * 3_600_000;
const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

interface TokenRecord {
  accessToken: string;
  issuedAt: number;
  expiresAt: number;
}

function base64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  return btoa(String.fromCharCode(...bytes)).replaceAll("+", "-").replaceAll("/", "_")
    .replace(/=+$/, "");
}

/** Token and approval-key issuance with KIS's throttle and reuse rules; time is passed in. */
export class AuthStore {
  /** Number of genuinely new tokens issued (a reused token does not count). */
  issuances = 0;
  #credentials: SimCredentials;
  #rng: Rng;
  #current: TokenRecord | undefined;
  #tokens = new Map<string, TokenRecord>();
  #approvalKeys = new Set<string>();

  /** Serves the single app key in `credentials`. */
  constructor(credentials: SimCredentials, rng: Rng) {
    this.#credentials = credentials;
    this.#rng = rng;
  }

  /** Checks an app key/secret pair, naming the first wrong one. */
  checkKeys(appKey: unknown, appSecret: unknown): OAuthReply | null {
    if (appKey !== this.#credentials.appKey) return OAUTH_ERRORS.appKeyInvalid;
    if (appSecret !== this.#credentials.appSecret) return OAUTH_ERRORS.appSecretInvalid;
    return null;
  }

  /** `/oauth2/tokenP`: a new token, the same token again, or EGW00133 when asked too soon. */
  issueToken(now: Date): SimIssuedToken | OAuthReply {
    const t = now.getTime();
    const current = this.#current;
    if (current && t - current.issuedAt < ISSUE_INTERVAL_MS) return OAUTH_ERRORS.tokenThrottled;
    if (current && t - current.issuedAt < REUSE_WINDOW_MS && current.expiresAt > t) {
      return this.#describe(current, t);
    }
    const accessToken = this.#mintJwt(t);
    const record = { accessToken, issuedAt: t, expiresAt: t + TOKEN_LIFETIME_MS };
    this.#tokens.set(accessToken, record);
    this.#current = record;
    this.issuances += 1;
    return this.#describe(record, t);
  }

  /** Checks a bearer token at `now`. */
  checkToken(token: string, now: Date): TokenCheck {
    const record = this.#tokens.get(token);
    if (!record) return "invalid";
    return record.expiresAt > now.getTime() ? "ok" : "expired";
  }

  /** `/oauth2/revokeP`: forgets `token`; true if it was known. */
  revoke(token: string): boolean {
    if (this.#current?.accessToken === token) this.#current = undefined;
    return this.#tokens.delete(token);
  }

  /** Expires every token now and lets the next tokenP issue a fresh one at once. */
  expireAll(now: Date): void {
    for (const record of this.#tokens.values()) {
      record.expiresAt = Math.min(record.expiresAt, now.getTime());
    }
    this.#current = undefined;
  }

  /** `/oauth2/Approval`: a new WebSocket approval key. */
  issueApprovalKey(): string {
    const hex = this.#rng.chars(32, "0123456789abcdef");
    const key = [
      hex.slice(0, 8),
      hex.slice(8, 12),
      hex.slice(12, 16),
      hex.slice(16, 20),
      hex.slice(20),
    ]
      .join("-");
    this.#approvalKeys.add(key);
    return key;
  }

  /** Whether `key` was issued by `/oauth2/Approval`. */
  isApprovalKey(key: unknown): boolean {
    return typeof key === "string" && this.#approvalKeys.has(key);
  }

  #describe(record: TokenRecord, t: number): SimIssuedToken {
    const expiresAt = new Date(record.expiresAt);
    return {
      accessToken: record.accessToken,
      expiresAt,
      expiresIn: Math.floor((record.expiresAt - t) / 1000),
      expiresAtKst: kstDateTime(expiresAt),
    };
  }

  #mintJwt(t: number): string {
    const header = base64Url(JSON.stringify({ typ: "JWT", alg: "HS512" }));
    const payload = base64Url(JSON.stringify({
      sub: "token",
      aud: this.#rng.chars(36, ALPHANUMERIC),
      prdt_cd: "",
      iss: "unogw",
      exp: Math.floor((t + TOKEN_LIFETIME_MS) / 1000),
      iat: Math.floor(t / 1000),
      jti: this.#credentials.appKey,
    }));
    return `${header}.${payload}.${this.#rng.chars(86, ALPHANUMERIC)}`;
  }
}

/** Seeded demo credentials: a 36-char app key and a 180-char secret, as KIS issues them. */
export function demoCredentials(rng: Rng): SimCredentials {
  return {
    appKey: `PS${rng.chars(34, ALPHANUMERIC)}`,
    appSecret: rng.chars(180, `${ALPHANUMERIC}+/`),
    account: "50123456-01",
    htsId: "simdemo01",
  };
}
