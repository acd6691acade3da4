/**
 * The production {@link Authenticator}: `Authorization: Bearer <access token>`, else
 * `X-API-Key`, else the access-token cookie. Bad bearer tokens and keys answer 401; a stale
 * cookie counts as anonymous (the browser sends it unasked), and a cookie session must pass the
 * CSRF check on unsafe methods.
 * @module
 */
import type { Authenticator, Principal, Role } from "../api/access.ts";
import { ROLES } from "../api/access.ts";
import { ApiError } from "../api/errors.ts";
import type { ApiKeys } from "./api_keys.ts";
import { accessCookie, requireCsrf } from "./cookies.ts";
import { type AccessTokens, InvalidTokenError } from "./jwt.ts";
import type { Users } from "./users.ts";

/** The parts the authenticator reads. */
export interface AuthenticatorParts {
  readonly tokens: AccessTokens;
  readonly users: Users;
  readonly apiKeys: ApiKeys;
}

const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/;

const invalidToken = () =>
  new ApiError(401, "invalid_token", "the access token is invalid or expired; sign in again", {
    headers: { "WWW-Authenticate": 'Bearer realm="yeouido", error="invalid_token"' },
  });

const lesser = (a: Role, b: Role): Role => ROLES.indexOf(a) <= ROLES.indexOf(b) ? a : b;

/** Builds the authenticator over `parts`. */
export function createAuthenticator(parts: AuthenticatorParts): Authenticator {
  const fromAccessToken = async (token: string, via: "bearer" | "cookie"): Promise<Principal> => {
    let claims;
    try {
      claims = await parts.tokens.verify(token);
    } catch (error) {
      if (error instanceof InvalidTokenError) throw invalidToken();
      throw error;
    }
    const user = await parts.users.recent(claims.sub);
    // The user's record is checked on every request, so a disabled user, a role change or a new
    // password takes effect within USERS_FRESH_MS rather than when the 15-minute token runs out.
    if (user === null || user.disabled || user.tokenVersion !== claims.tv) throw invalidToken();
    return { subject: user.id, username: user.username, role: user.role, via };
  };

  return async (c) => {
    const authorization = c.req.header("authorization");
    if (authorization !== undefined) {
      const match = BEARER.exec(authorization);
      if (match === null) throw invalidToken();
      return await fromAccessToken(match[1]!, "bearer");
    }
    const secret = c.req.header("x-api-key");
    if (secret !== undefined) {
      const key = await parts.apiKeys.verify(secret);
      const owner = key === null ? null : await parts.users.recent(key.ownerId);
      if (key === null || owner === null || owner.disabled) {
        throw new ApiError(401, "invalid_api_key", "the API key is unknown or revoked");
      }
      return {
        subject: owner.id,
        username: owner.username,
        role: lesser(key.role, owner.role),
        via: "api_key",
        keyId: key.id,
      };
    }
    const cookie = accessCookie(c);
    if (cookie === undefined) return null;
    let principal: Principal;
    try {
      principal = await fromAccessToken(cookie, "cookie");
    } catch (error) {
      if (error instanceof ApiError) return null;
      throw error;
    }
    requireCsrf(c);
    return principal;
  };
}
