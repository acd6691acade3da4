/**
 * Browser sessions: the access and refresh tokens in `HttpOnly; Secure; SameSite=Strict` cookies,
 * and CSRF protection by double submit: a third cookie, readable by the page's script, whose value
 * every unsafe request must repeat in the `X-CSRF-Token` header. A `__Host-` name keeps a
 * subdomain from planting the CSRF cookie.
 * @module
 */
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { ApiError } from "../api/errors.ts";
import { randomToken, timingSafeEqualText } from "./crypto.ts";
import { ACCESS_TOKEN_SECONDS } from "./jwt.ts";
import { REFRESH_TOKEN_MS } from "./refresh_tokens.ts";

/** Cookie names without their prefix (`__Host-` or `__Secure-`, added by hono). */
export const COOKIE = {
  access: "yeouido_access",
  refresh: "yeouido_refresh",
  csrf: "yeouido_csrf",
};

/** The header an unsafe cookie-authenticated request repeats the CSRF cookie in. */
export const CSRF_HEADER = "X-CSRF-Token";

/** Where the refresh cookie is sent: only to the auth routes that spend it. */
export const REFRESH_COOKIE_PATH = "/api/v1/auth";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

const base = { httpOnly: true, secure: true, sameSite: "Strict" } as const;

/** Sets the session cookies after a login or a refresh. */
export function setSessionCookies(c: Context, tokens: { access: string; refresh: string }): void {
  const refreshSeconds = REFRESH_TOKEN_MS / 1000;
  setCookie(c, COOKIE.access, tokens.access, {
    ...base,
    path: "/",
    maxAge: ACCESS_TOKEN_SECONDS,
    prefix: "host",
  });
  setCookie(c, COOKIE.refresh, tokens.refresh, {
    ...base,
    path: REFRESH_COOKIE_PATH,
    maxAge: refreshSeconds,
    prefix: "secure",
  });
  setCookie(c, COOKIE.csrf, randomToken(), {
    ...base,
    httpOnly: false,
    path: "/",
    maxAge: refreshSeconds,
    prefix: "host",
  });
}

/** Clears the session cookies (logout, or a refused refresh). */
export function clearSessionCookies(c: Context): void {
  deleteCookie(c, COOKIE.access, { ...base, path: "/", prefix: "host" });
  deleteCookie(c, COOKIE.refresh, { ...base, path: REFRESH_COOKIE_PATH, prefix: "secure" });
  deleteCookie(c, COOKIE.csrf, { ...base, httpOnly: false, path: "/", prefix: "host" });
}

/** The access token cookie, if sent. */
export function accessCookie(c: Context): string | undefined {
  return getCookie(c, COOKIE.access, "host");
}

/** The refresh token cookie, if sent. */
export function refreshCookie(c: Context): string | undefined {
  return getCookie(c, COOKIE.refresh, "secure");
}

/** Refuses (403) an unsafe request whose `X-CSRF-Token` does not repeat the CSRF cookie. */
export function requireCsrf(c: Context): void {
  if (SAFE_METHODS.has(c.req.method)) return;
  const cookie = getCookie(c, COOKIE.csrf, "host") ?? "";
  const header = c.req.header(CSRF_HEADER) ?? "";
  if (cookie === "" || !timingSafeEqualText(cookie, header)) {
    throw new ApiError(
      403,
      "csrf_failed",
      `a cookie session must repeat the ${COOKIE.csrf} cookie in ${CSRF_HEADER} on unsafe requests`,
    );
  }
}
