/**
 * Assembling `core/auth` over a store: the signing secret (from `JWT_SECRET`, or in dev one
 * generated once and kept in the store), the first admin, and the parts the API uses.
 * @module
 */
import type { Authenticator } from "../api/access.ts";
import type { AuthSettings } from "../config/auth.ts";
import { log } from "../obs/log.ts";
import { KEYS, type Store } from "../store/mod.ts";
import { ApiKeys } from "./api_keys.ts";
import { createAuthenticator } from "./authenticator.ts";
import { randomToken } from "./crypto.ts";
import { AccessTokens } from "./jwt.ts";
import { type Budget, LoginGuard } from "./rate_limit.ts";
import { RefreshTokens } from "./refresh_tokens.ts";
import { UsernameTakenError, Users } from "./users.ts";

/** The first admin's user name. */
export const ADMIN_USERNAME = "admin";

/** Requests per minute each user or API key may make, unless told otherwise. */
export const DEFAULT_BUDGET: Budget = { limit: 600, windowMs: 60_000 };

/** Everything the API needs from `core/auth`. */
export interface Auth {
  readonly store: Store;
  readonly tokens: AccessTokens;
  readonly users: Users;
  readonly refreshTokens: RefreshTokens;
  readonly apiKeys: ApiKeys;
  readonly loginGuard: LoginGuard;
  /** The request budget of each user and each API key. */
  readonly budget: Budget;
  readonly authenticate: Authenticator;
}

/** The auth parts over `store`, signing with `secret`. */
export function createAuth(
  store: Store,
  secret: string,
  options: { budget?: Budget } = {},
): Auth {
  const tokens = new AccessTokens(secret, store.now);
  const users = new Users(store);
  const apiKeys = new ApiKeys(store);
  return {
    store,
    tokens,
    users,
    refreshTokens: new RefreshTokens(store),
    apiKeys,
    loginGuard: new LoginGuard(store.kv, store.now),
    budget: options.budget ?? DEFAULT_BUDGET,
    authenticate: createAuthenticator({ tokens, users, apiKeys }),
  };
}

/**
 * The signing secret: `JWT_SECRET` when set; in dev without it, a random one created once and
 * kept in the store, so every instance and restart agrees. Outside dev it must be set
 * (`parseAuthEnv` refuses to start otherwise).
 */
export async function signingSecret(store: Store, settings: AuthSettings): Promise<string> {
  if (settings.jwtSecret !== undefined) return settings.jwtSecret;
  if (settings.appEnv !== "dev") {
    throw new Error(`JWT_SECRET must be set when APP_ENV=${settings.appEnv}`);
  }
  const key = KEYS.jwtSecret();
  const generated = randomToken(32);
  const created = await store.kv.atomic().check({ key, versionstamp: null }).set(key, generated)
    .commit();
  if (created.ok) {
    log(
      "info",
      "JWT_SECRET is not set: signing with a generated secret kept in the store (dev only)",
    );
    return generated;
  }
  const kept = await store.kv.get<string>(key);
  if (kept.value === null) throw new Error("the generated signing secret vanished from the store");
  return kept.value;
}

/** Writes a line to stderr, for the operator: the one place a password is ever shown. */
function printToOperator(line: string): void {
  Deno.stderr.writeSync(new TextEncoder().encode(`${line}\n`));
}

/**
 * Creates the user `admin` when there is none: with `ADMIN_PASSWORD`, or with a one-time
 * password shown once through `print`. Only the instance whose write creates the user prints,
 * so the password is never shown again. Returns whether it created the user.
 */
export async function ensureFirstAdmin(
  users: Users,
  adminPassword: string | undefined,
  print: (line: string) => void = printToOperator,
): Promise<boolean> {
  if (await users.byName(ADMIN_USERNAME) !== null) return false;
  const password = adminPassword ?? randomToken(18);
  try {
    await users.create({ username: ADMIN_USERNAME, role: "admin", password }, "system");
  } catch (error) {
    if (error instanceof UsernameTakenError) return false;
    throw error;
  }
  if (adminPassword === undefined) {
    print(
      `yeouido: created the user "${ADMIN_USERNAME}" with the one-time password ${password}` +
        " — it is shown only now; sign in and change it (POST /api/v1/auth/password)",
    );
  }
  log("info", "first admin created", {
    username: ADMIN_USERNAME,
    // a field named like a password would be redacted whole, hiding where it came from
    adminLoginFrom: adminPassword === undefined
      ? "a one-time password, printed once"
      : "ADMIN_PASSWORD",
  });
  return true;
}

/**
 * The signing secret, the first admin and the auth parts, for the running app; the request budget
 * is `options.budget`, else `settings.requestsPerMinute` per minute, else the default.
 */
export async function startAuth(
  store: Store,
  settings: AuthSettings,
  options: { budget?: Budget; print?: (line: string) => void } = {},
): Promise<Auth> {
  const perMinute = settings.requestsPerMinute;
  const budget = options.budget ??
    (perMinute === undefined ? undefined : { limit: perMinute, windowMs: 60_000 });
  const auth = createAuth(store, await signingSecret(store, settings), { budget });
  await ensureFirstAdmin(auth.users, settings.adminPassword, options.print);
  return auth;
}
