/**
 * A real API app over a real store with real users, for the auth tests: KV in memory (or a shared
 * file), the production authenticator, and helpers that sign in through the login route.
 * @module
 */
import assert from "node:assert/strict";
import type { Role } from "@/core/api/access.ts";
import { createApiApp } from "@/core/api/app.ts";
import type { ApiApp } from "@/core/api/context.ts";
import { type Auth, type Budget, createAuth } from "@/core/auth/mod.ts";
import type { User } from "@/core/auth/users.ts";
import { openStore, type Store } from "@/core/store/mod.ts";

/** The signing secret of the test apps (32 random-looking bytes). */
export const TEST_SECRET = "k9VqR2xT7mWp4LzN8cYh3JdF6sBgA1eU";

/** The password every test user gets. */
export const PASSWORD = "correct horse battery staple";

/** A test app and its parts; dispose it to close the store. */
export interface AuthFixture extends Disposable {
  readonly app: ApiApp;
  readonly auth: Auth;
  readonly store: Store;
}

/** An app over a store at `path` (default in memory), optionally with a small request budget. */
export async function authApp(
  options: { path?: string; budget?: Budget; now?: () => number } = {},
): Promise<AuthFixture> {
  const store = await openStore({ path: options.path ?? ":memory:", now: options.now });
  const auth = createAuth(store, TEST_SECRET, { budget: options.budget });
  const app = createApiApp({ store, auth });
  return { app, auth, store, [Symbol.dispose]: () => store.close() };
}

/** Creates a user of `role` called `username` with {@link PASSWORD}. */
export function addUser(auth: Auth, username: string, role: Role): Promise<User> {
  return auth.users.create({ username, role, password: PASSWORD }, "test");
}

/** Signs in through the route, asking for the refresh token in the body; asserts success. */
export async function login(
  app: ApiApp,
  username: string,
  password = PASSWORD,
): Promise<{ accessToken: string; refreshToken: string }> {
  const res = await app.request("/api/v1/auth/login", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password, refreshIn: "body" }),
  });
  const body = await res.json();
  assert.equal(res.status, 200, JSON.stringify(body));
  return body;
}

/** Request headers carrying `token` as a bearer. */
export function bearer(token: string, extra: Record<string, string> = {}): HeadersInit {
  return { authorization: `Bearer ${token}`, ...extra };
}

/** The client address the app sees for a request sent with this Hono env. */
export function fromAddress(hostname: string) {
  return { remoteAddr: { transport: "tcp", hostname, port: 40000 } };
}
