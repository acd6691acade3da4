/**
 * The byte-level helpers of `core/auth`: random tokens, SHA-256 digests and a comparison whose
 * time does not depend on where two values differ.
 * @module
 */
import { decodeBase64Url, encodeBase64Url } from "hono/utils/encode";

/** `bytes` random bytes as unpadded base64url text. */
export function randomToken(bytes = 32): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** Unpadded base64url text of `bytes`. */
export function toBase64Url(bytes: Uint8Array): string {
  return encodeBase64Url(bytes.slice().buffer).replace(/=+$/, "");
}

/** The bytes of base64url text (padded or not). */
export function fromBase64Url(text: string): Uint8Array {
  return decodeBase64Url(text);
}

/** The SHA-256 of `text`'s UTF-8 bytes, as lower-case hex. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** True when `a` and `b` hold the same bytes; the time taken depends only on their lengths. */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  let difference = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) difference |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return difference === 0;
}

/** {@link timingSafeEqual} on the UTF-8 bytes of two strings. */
export function timingSafeEqualText(a: string, b: string): boolean {
  const encoder = new TextEncoder();
  return timingSafeEqual(encoder.encode(a), encoder.encode(b));
}
