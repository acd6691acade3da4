/**
 * Authentication: users and roles, password hashes, access and refresh tokens, API keys, browser
 * cookies with CSRF, and rate limits, all kept in the store. See docs/security.md.
 * @module
 */
export { type Auth, createAuth, DEFAULT_BUDGET, ensureFirstAdmin, startAuth } from "./setup.ts";
export { ACCESS_TOKEN_SECONDS, AccessTokens, InvalidTokenError } from "./jwt.ts";
export { REFRESH_TOKEN_MS } from "./refresh_tokens.ts";
export { COOKIE, CSRF_HEADER } from "./cookies.ts";
export { type Budget, consumeBudget } from "./rate_limit.ts";
