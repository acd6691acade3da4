/**
 * `POST /api/v1/auth/login`, `/auth/refresh`, `/auth/logout`, `/auth/password` and
 * `GET /auth/me`. Browsers keep the tokens in cookies (see core/auth/cookies.ts); scripts ask for
 * the refresh token in the body with `"refreshIn": "body"` and send the access token as a bearer.
 * @module
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { Auth } from "../../auth/mod.ts";
import { ACCESS_TOKEN_SECONDS, REFRESH_TOKEN_MS } from "../../auth/mod.ts";
import {
  clearSessionCookies,
  refreshCookie,
  requireCsrf,
  setSessionCookies,
} from "../../auth/cookies.ts";
import { MAX_PASSWORD_LENGTH, verifyDecoy, verifyPassword } from "../../auth/password.ts";
import type { User } from "../../auth/users.ts";
import { ROLES, secured } from "../access.ts";
import { clientAddress } from "../client_ip.ts";
import { errorContent, jsonContent } from "../content.ts";
import type { ApiApp, ApiEnv, ApiOptions } from "../context.ts";
import { ApiError } from "../errors.ts";

/** The shortest new password accepted. */
export const MIN_PASSWORD_LENGTH = 12;

const passwordField = z.string().min(1).max(MAX_PASSWORD_LENGTH);

const newPasswordField = z.string().min(MIN_PASSWORD_LENGTH).max(MAX_PASSWORD_LENGTH)
  .describe(`${MIN_PASSWORD_LENGTH}–${MAX_PASSWORD_LENGTH} characters`);

const refreshInField = z.enum(["cookie", "body"]).optional()
  .describe("cookie (default, for browsers) or body (for scripts)");

const loginSchema = z.strictObject({
  username: z.string().min(1).max(64).openapi({ example: "admin" }),
  password: passwordField,
  refreshIn: refreshInField,
}).openapi("LoginRequest");

const refreshSchema = z.strictObject({
  refreshToken: z.string().min(1).max(128).optional()
    .describe("a script's refresh token; browsers send the cookie instead"),
  refreshIn: refreshInField,
}).openapi("RefreshRequest");

const tokensSchema = z.object({
  accessToken: z.string(),
  tokenType: z.literal("Bearer"),
  expiresIn: z.int().describe("seconds the access token lives"),
  refreshToken: z.string().optional().describe("only with refreshIn: body"),
  refreshExpiresIn: z.int().optional(),
}).openapi("Tokens");

const meSchema = z.object({
  id: z.string(),
  username: z.string(),
  role: z.enum(ROLES),
  via: z.enum(["cookie", "bearer", "api_key"]),
  keyId: z.string().optional(),
}).openapi("Me");

const authErrors = {
  401: { description: "Wrong or missing credentials", content: errorContent },
  403: { description: "The CSRF check failed", content: errorContent },
  429: { description: "Locked out after failures; see Retry-After", content: errorContent },
  503: { description: "Authentication is not configured", content: errorContent },
};

const loginRoute = createRoute({
  method: "post",
  path: "/api/v1/auth/login",
  tags: ["auth"],
  summary: "Sign in with a user name and password",
  request: { body: { required: true, content: jsonContent(loginSchema) } },
  responses: {
    200: { description: "Signed in", content: jsonContent(tokensSchema) },
    400: { description: "A field is invalid", content: errorContent },
    ...authErrors,
  },
});

const refreshRoute = createRoute({
  method: "post",
  path: "/api/v1/auth/refresh",
  tags: ["auth"],
  summary: "Spend the refresh token for new tokens (the old one stops working)",
  request: { body: { required: false, content: jsonContent(refreshSchema) } },
  responses: {
    200: { description: "New tokens", content: jsonContent(tokensSchema) },
    400: { description: "A field is invalid", content: errorContent },
    ...authErrors,
  },
});

const logoutRoute = createRoute({
  method: "post",
  path: "/api/v1/auth/logout",
  tags: ["auth"],
  summary: "Revoke the refresh token's session and clear the cookies",
  request: {
    body: {
      required: false,
      content: jsonContent(z.strictObject({ refreshToken: z.string().min(1).max(128).optional() })),
    },
  },
  responses: {
    200: {
      description: "Signed out",
      content: jsonContent(z.object({ loggedOut: z.literal(true) })),
    },
    400: { description: "A field is invalid", content: errorContent },
    ...authErrors,
  },
});

const meRoute = secured(
  "viewer",
  createRoute({
    method: "get",
    path: "/api/v1/auth/me",
    tags: ["auth"],
    summary: "Who the caller is",
    responses: {
      200: { description: "The caller", content: jsonContent(meSchema) },
      ...authErrors,
    },
  }),
);

const passwordRoute = secured(
  "viewer",
  createRoute({
    method: "post",
    path: "/api/v1/auth/password",
    tags: ["auth"],
    summary: "Change the caller's password; every session of the user ends",
    request: {
      body: {
        required: true,
        content: jsonContent(
          z.strictObject({ currentPassword: passwordField, newPassword: newPasswordField })
            .openapi("PasswordChange"),
        ),
      },
    },
    responses: {
      200: {
        description: "Changed; sign in again",
        content: jsonContent(z.object({ changed: z.literal(true) })),
      },
      400: { description: "A field is invalid", content: errorContent },
      ...authErrors,
    },
  }),
);

/** The auth parts, or a 503 when the app was built without them. */
export function authOf(options: ApiOptions): Auth {
  if (options.auth === undefined) {
    throw new ApiError(503, "auth_unavailable", "authentication is not configured");
  }
  return options.auth;
}

const badCredentials = () =>
  new ApiError(401, "invalid_credentials", "the user name or password is wrong");

/** Refuses (429) while `username` or `address` is locked out after failed passwords. */
async function refuseWhileLocked(auth: Auth, username: string, address: string): Promise<void> {
  const lockedFor = await auth.loginGuard.lockedFor(username, address);
  if (lockedFor > 0) {
    throw new ApiError(429, "login_locked", `too many wrong passwords; try in ${lockedFor} s`, {
      headers: { "Retry-After": String(lockedFor) },
    });
  }
}

/** Answers new tokens for `user`: the refresh token in the body or in a cookie. */
async function answerTokens(
  c: Context<ApiEnv>,
  auth: Auth,
  user: User,
  refresh: string,
  refreshIn: "cookie" | "body",
) {
  const accessToken = await auth.tokens.sign({
    userId: user.id,
    username: user.username,
    role: user.role,
    tokenVersion: user.tokenVersion,
  });
  const base = { accessToken, tokenType: "Bearer" as const, expiresIn: ACCESS_TOKEN_SECONDS };
  if (refreshIn === "body") {
    return { ...base, refreshToken: refresh, refreshExpiresIn: REFRESH_TOKEN_MS / 1000 };
  }
  setSessionCookies(c, { access: accessToken, refresh });
  return base;
}

/** The refresh token a request presents, and where: the body wins over the cookie. */
function presentedRefresh(
  c: Context<ApiEnv>,
  body: { refreshToken?: string } | undefined,
): { token: string; from: "body" | "cookie" } | null {
  if (body?.refreshToken !== undefined) return { token: body.refreshToken, from: "body" };
  const cookie = refreshCookie(c);
  if (cookie === undefined) return null;
  requireCsrf(c);
  return { token: cookie, from: "cookie" };
}

/** Registers the auth routes. */
export function registerAuthRoutes(app: ApiApp, options: ApiOptions): void {
  app.openapi(loginRoute, async (c) => {
    const auth = authOf(options);
    const body = c.req.valid("json");
    // Names are stored in lower case; lockouts count "Kim" and "kim" as one name.
    const username = body.username.toLowerCase();
    const refreshIn = body.refreshIn ?? "cookie";
    const address = clientAddress(c, options.trustProxy);
    await refuseWhileLocked(auth, username, address);
    const user = await auth.users.byName(username);
    const matches = user === null
      ? await verifyDecoy(body.password)
      : await verifyPassword(body.password, user.passwordHash);
    if (user === null || !matches || user.disabled) {
      await auth.loginGuard.recordFailure(username, address);
      await auth.store.audit.append({
        kind: "auth",
        action: "login_failed",
        subject: user?.id ?? username,
        data: {
          username,
          address,
          reason: user === null ? "no_user" : matches ? "disabled" : "password",
        },
      });
      throw badCredentials();
    }
    await auth.loginGuard.recordSuccess(username);
    await auth.users.recordLogin(user.id);
    const { token } = await auth.refreshTokens.issue(user.id, {
      kind: "auth",
      action: "login",
      subject: user.id,
      data: { username, address, refreshIn },
    });
    return c.json(await answerTokens(c, auth, user, token, refreshIn), 200);
  });

  app.openapi(refreshRoute, async (c) => {
    const auth = authOf(options);
    const body = c.req.valid("json") as z.infer<typeof refreshSchema> | undefined;
    const presented = presentedRefresh(c, body);
    if (presented === null) {
      throw new ApiError(401, "invalid_refresh_token", "send the refresh token (cookie or body)");
    }
    const rotation = await auth.refreshTokens.rotate(presented.token);
    const user = rotation.ok ? await auth.users.get(rotation.userId) : null;
    if (!rotation.ok || user === null || user.disabled) {
      if (rotation.ok) {
        await auth.refreshTokens.revokeFamily(rotation.familyId, "disabled", "system");
      }
      if (presented.from === "cookie") clearSessionCookies(c);
      const reason = rotation.ok
        ? "the user is disabled"
        : `the refresh token is ${rotation.reason}`;
      throw new ApiError(401, "invalid_refresh_token", `${reason}; sign in again`);
    }
    const refreshIn = body?.refreshIn ?? presented.from;
    return c.json(await answerTokens(c, auth, user, rotation.token, refreshIn), 200);
  });

  app.openapi(logoutRoute, async (c) => {
    const auth = authOf(options);
    const presented = presentedRefresh(c, c.req.valid("json"));
    if (presented === null) {
      throw new ApiError(401, "invalid_refresh_token", "send the refresh token (cookie or body)");
    }
    const familyId = await auth.refreshTokens.familyOf(presented.token);
    const by = c.get("principal")?.username ?? "refresh token";
    if (familyId !== null) await auth.refreshTokens.revokeFamily(familyId, "logout", by);
    clearSessionCookies(c);
    return c.json({ loggedOut: true as const }, 200);
  });

  app.openapi(meRoute, (c) => {
    const principal = c.get("principal")!;
    return c.json({
      id: principal.subject,
      username: principal.username,
      role: principal.role,
      via: principal.via,
      ...(principal.keyId === undefined ? {} : { keyId: principal.keyId }),
    }, 200);
  });

  app.openapi(passwordRoute, async (c) => {
    const auth = authOf(options);
    const principal = c.get("principal")!;
    const { currentPassword, newPassword } = c.req.valid("json");
    const address = clientAddress(c, options.trustProxy);
    await refuseWhileLocked(auth, principal.username, address);
    const user = await auth.users.get(principal.subject);
    if (user === null || !await verifyPassword(currentPassword, user.passwordHash)) {
      await auth.loginGuard.recordFailure(principal.username, address);
      throw new ApiError(403, "invalid_credentials", "the current password is wrong");
    }
    await auth.users.setPassword(user.id, newPassword, principal.username);
    await auth.refreshTokens.revokeUser(user.id, "password_changed", principal.username);
    if (principal.via === "cookie") clearSessionCookies(c);
    return c.json({ changed: true as const }, 200);
  });
}
