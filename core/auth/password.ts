/**
 * Password hashes: PBKDF2-SHA256 from WebCrypto with a 16-byte random salt and 600,000 iterations
 * (OWASP's figure for PBKDF2-SHA256), stored as `pbkdf2-sha256$<iterations>$<salt>$<hash>`, so a
 * later rise in the count still verifies the older hashes.
 * @module
 */
import { fromBase64Url, timingSafeEqual, toBase64Url } from "./crypto.ts";

/** Iterations of every new hash. */
export const PBKDF2_ITERATIONS = 600_000;

/** The longest password accepted, in characters: bounds the work one login can ask for. */
export const MAX_PASSWORD_LENGTH = 256;

const SCHEME = "pbkdf2-sha256";

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(password),
    "PBKDF2",
    false,
    ["deriveBits"],
  );
  const bits = await crypto.subtle.deriveBits(
    { name: "PBKDF2", hash: "SHA-256", salt: salt.slice(), iterations },
    key,
    256,
  );
  return new Uint8Array(bits);
}

/**
 * The stored form of `password`.
 * @example
 * ```ts
 * const stored = await hashPassword("correct horse battery staple");
 * await verifyPassword("correct horse battery staple", stored); // true
 * ```
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await derive(password, salt, PBKDF2_ITERATIONS);
  return [SCHEME, PBKDF2_ITERATIONS, toBase64Url(salt), toBase64Url(hash)].join("$");
}

/** True when `password` matches `stored`; the hash comparison takes constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, iterations, salt, hash] = stored.split("$");
  if (scheme !== SCHEME || salt === undefined || hash === undefined) return false;
  const derived = await derive(password, fromBase64Url(salt), Number(iterations));
  return timingSafeEqual(derived, fromBase64Url(hash));
}

// Hashed once, lazily: checked against when a login names no user, so that answer takes as long.
let decoy: Promise<string> | undefined;

/** Spends the time of one verification, for a login whose user does not exist. */
export async function verifyDecoy(password: string): Promise<false> {
  decoy ??= hashPassword(crypto.randomUUID());
  await verifyPassword(password, await decoy);
  return false;
}
