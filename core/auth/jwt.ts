/**
 * Access tokens: HS256 JWTs signed and verified through `hono/jwt`, with the algorithm pinned, and
 * `sub`, `iss`, `aud`, `iat` and `exp` required. Expiry and issue time are checked here against
 * the injected clock with a small leeway for clocks that disagree between instances, on every
 * call. A token whose signature and claims were verified once is remembered by its full text
 * (at most {@link VERIFIED_TOKENS_KEPT}, until it expires), so a client's next requests skip the
 * HMAC; that is the same answer, since a signature's validity never changes, and what can revoke
 * a token before it expires (a disabled user, a new password) is read from the user's record on
 * every request by the authenticator, not from the token.
 * @module
 */
import { sign, verify } from "hono/jwt";
import { z } from "zod";
import { ROLES } from "../api/access.ts";

/** How long an access token lives, in seconds. */
export const ACCESS_TOKEN_SECONDS = 15 * 60;

/** Seconds a token's `exp` and `iat` may be off against this instance's clock. */
export const CLOCK_LEEWAY_SECONDS = 30;

/** The token's issuer. */
export const ISSUER = "yeouido";

/** The token's audience: this app's API. */
export const AUDIENCE = "yeouido-api";

const ALG = "HS256";

/** How many verified tokens one {@link AccessTokens} remembers; the oldest goes first. */
export const VERIFIED_TOKENS_KEPT = 4096;

const claimsSchema = z.object({
  sub: z.string().min(1),
  iss: z.literal(ISSUER),
  aud: z.literal(AUDIENCE),
  iat: z.int(),
  exp: z.int(),
  name: z.string(),
  role: z.enum(ROLES),
  /** The user's token version: a password change raises it, retiring older tokens. */
  tv: z.int(),
});

/** The claims of a verified access token. */
export type AccessClaims = z.infer<typeof claimsSchema>;

/** What an access token says about its user. */
export interface AccessSubject {
  readonly userId: string;
  readonly username: string;
  readonly role: AccessClaims["role"];
  readonly tokenVersion: number;
}

/** Why a token was refused (the caller sees one message; logs and tests see the reason). */
export class InvalidTokenError extends Error {
  /** Creates the error. */
  constructor(reason: string) {
    super(reason);
    this.name = "InvalidTokenError";
  }
}

/** Signs and verifies access tokens with one secret. */
export class AccessTokens {
  // Imported once: hono/jwt would import a string secret again for every token it checks.
  readonly #key: Promise<CryptoKey>;
  readonly #now: () => number;
  /** Tokens verified with this secret, by their full text, oldest first. */
  readonly #verified = new Map<string, Readonly<AccessClaims>>();

  /** Tokens signed with `secret`, timed by `now` (epoch ms). */
  constructor(secret: string, now: () => number = Date.now) {
    this.#key = crypto.subtle.importKey(
      "raw",
      new TextEncoder().encode(secret),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign", "verify"],
    );
    this.#now = now;
  }

  /** A signed token for `subject`, valid for {@link ACCESS_TOKEN_SECONDS}. */
  async sign(subject: AccessSubject): Promise<string> {
    const iat = Math.floor(this.#now() / 1000);
    const claims: AccessClaims = {
      sub: subject.userId,
      iss: ISSUER,
      aud: AUDIENCE,
      iat,
      exp: iat + ACCESS_TOKEN_SECONDS,
      name: subject.username,
      role: subject.role,
      tv: subject.tokenVersion,
    };
    return sign(claims, await this.#key, ALG);
  }

  /** The claims of `token`; throws {@link InvalidTokenError} for any fault. */
  async verify(token: string): Promise<AccessClaims> {
    const known = this.#verified.get(token);
    if (known !== undefined) return this.#inTime(token, known);
    let payload: unknown;
    try {
      // hono checks the algorithm, issuer, audience and signature; time is checked below.
      payload = await verify(token, await this.#key, {
        alg: ALG,
        iss: ISSUER,
        aud: AUDIENCE,
        exp: false,
        iat: false,
        nbf: false,
      });
    } catch (error) {
      throw new InvalidTokenError((error as Error).name);
    }
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success) throw new InvalidTokenError("claims missing or malformed");
    const verified = Object.freeze(claims.data);
    this.#inTime(token, verified);
    if (this.#verified.size >= VERIFIED_TOKENS_KEPT) {
      this.#verified.delete(this.#verified.keys().next().value!);
    }
    this.#verified.set(token, verified);
    return verified;
  }

  /** `claims` if they hold at this instant; an expired token is also forgotten. */
  #inTime(token: string, claims: Readonly<AccessClaims>): AccessClaims {
    const now = Math.floor(this.#now() / 1000);
    if (claims.exp + CLOCK_LEEWAY_SECONDS <= now) {
      this.#verified.delete(token);
      throw new InvalidTokenError("expired");
    }
    if (claims.iat - CLOCK_LEEWAY_SECONDS > now) throw new InvalidTokenError("issued later");
    return claims;
  }
}
