/**
 * The generic webhook's signature: HMAC-SHA256 over `<timestamp>.<body>`, sent as
 * `X-Yeouido-Timestamp` (Unix seconds) and `X-Yeouido-Signature: sha256=<hex>`, the scheme Stripe
 * and GitHub use. Receivers verify it with `verifyWebhookSignature` (docs/notifications.md).
 * @module
 */

/** Header carrying the Unix time (seconds) the request was signed at. */
export const TIMESTAMP_HEADER = "X-Yeouido-Timestamp";
/** Header carrying `sha256=<hex HMAC>`. */
export const SIGNATURE_HEADER = "X-Yeouido-Signature";
/** Header carrying the message's dedupe key, so receivers can drop a replay inside the window. */
export const DELIVERY_HEADER = "X-Yeouido-Delivery";
/** How far a timestamp may be from the receiver's clock before the request is refused. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

const encoder = new TextEncoder();

function hmacKey(secret: string, usage: "sign" | "verify"): Promise<CryptoKey> {
  return crypto.subtle.importKey(
    "raw",
    encoder.encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    [usage],
  );
}

function toHex(bytes: ArrayBuffer): string {
  return Array.from(new Uint8Array(bytes), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

function fromHex(hex: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[0-9a-f]{64}$/i.test(hex)) return null;
  const bytes = new Uint8Array(32);
  for (let i = 0; i < 32; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

/**
 * The `X-Yeouido-Signature` value for `body` signed at `timestamp` (Unix seconds).
 *
 * @example await signWebhook("whsec", 1700000000, "{}") // "sha256=…64 hex digits"
 */
export async function signWebhook(
  secret: string,
  timestamp: number,
  body: string,
): Promise<string> {
  const key = await hmacKey(secret, "sign");
  const mac = await crypto.subtle.sign("HMAC", key, encoder.encode(`${timestamp}.${body}`));
  return `sha256=${toHex(mac)}`;
}

/** Why a request was refused. */
export type SignatureRefusal = "missing" | "malformed" | "stale" | "mismatch";

/** The verdict on one received request. */
export type SignatureVerdict =
  | { readonly ok: true; readonly timestamp: number }
  | { readonly ok: false; readonly reason: SignatureRefusal };

/** What a receiver read from the request. */
export interface SignedRequest {
  /** The `X-Yeouido-Timestamp` header, or null. */
  readonly timestamp: string | null;
  /** The `X-Yeouido-Signature` header, or null. */
  readonly signature: string | null;
  /** The raw body, exactly as received (re-serialised JSON would not match). */
  readonly body: string;
}

/**
 * Checks a received webhook: the timestamp within `toleranceSeconds` of `nowMs` (the replay
 * window), then the HMAC, compared in constant time by WebCrypto's `verify`.
 */
export async function verifyWebhookSignature(
  secret: string,
  request: SignedRequest,
  options: { readonly nowMs?: number; readonly toleranceSeconds?: number } = {},
): Promise<SignatureVerdict> {
  const { timestamp, signature, body } = request;
  if (timestamp === null || signature === null) return { ok: false, reason: "missing" };
  const match = /^sha256=([0-9a-fA-F]+)$/.exec(signature.trim());
  const mac = match ? fromHex(match[1]!) : null;
  if (!/^\d{1,12}$/.test(timestamp.trim()) || mac === null) {
    return { ok: false, reason: "malformed" };
  }
  const seconds = Number(timestamp.trim());
  const nowSeconds = Math.floor((options.nowMs ?? Date.now()) / 1000);
  if (Math.abs(nowSeconds - seconds) > (options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) {
    return { ok: false, reason: "stale" };
  }
  const key = await hmacKey(secret, "verify");
  const valid = await crypto.subtle.verify("HMAC", key, mac, encoder.encode(`${seconds}.${body}`));
  return valid ? { ok: true, timestamp: seconds } : { ok: false, reason: "mismatch" };
}

/**
 * `verifyWebhookSignature` on a `Request`: reads the two headers and the raw body (which
 * consumes it; the verdict carries it back for parsing).
 */
export async function verifyWebhookRequest(
  secret: string,
  request: Request,
  options: { readonly nowMs?: number; readonly toleranceSeconds?: number } = {},
): Promise<SignatureVerdict & { readonly body: string }> {
  const body = await request.text();
  const verdict = await verifyWebhookSignature(secret, {
    timestamp: request.headers.get(TIMESTAMP_HEADER),
    signature: request.headers.get(SIGNATURE_HEADER),
    body,
  }, options);
  return { ...verdict, body };
}
