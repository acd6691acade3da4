/**
 * Users in KV: a name, a role, a password hash, a disabled flag and a token version that a
 * password change raises. Every change is committed with its audit entry in one atomic operation.
 * @module
 */
import { z } from "zod";
import { type Role, ROLES } from "../api/access.ts";
import { commitOrConflict, KEYS, retryOnConflict, setChecked, type Store } from "../store/mod.ts";
import { hashPassword } from "./password.ts";
import { UserCache, USERS_VERSION_KEY } from "./user_cache.ts";

/** A user name: 3–32 lower-case letters, digits, `.`, `_` or `-`. */
export const usernameSchema = z.string().regex(
  /^[a-z0-9._-]{3,32}$/,
  "3–32 lower-case letters, digits, '.', '_' or '-'",
);

/** A stored user. */
export const userSchema = z.object({
  id: z.string(),
  username: usernameSchema,
  role: z.enum(ROLES),
  passwordHash: z.string(),
  disabled: z.boolean(),
  /** Raised by a password change; access tokens carrying an older one are refused. */
  tokenVersion: z.int(),
  createdAt: z.int(),
  updatedAt: z.int(),
});

/** A stored user. */
export type User = z.infer<typeof userSchema>;

/** A user as the API shows it: no hash. */
export type PublicUser = Omit<User, "passwordHash" | "tokenVersion">;

/** A user without its secrets. */
export function publicUser(user: User): PublicUser {
  const { passwordHash: _hash, tokenVersion: _version, ...rest } = user;
  return rest;
}

/** A user name already taken. */
export class UsernameTakenError extends Error {
  /** Creates the error. */
  constructor(username: string) {
    super(`the user name "${username}" is taken`);
    this.name = "UsernameTakenError";
  }
}

/** A user id that names no user. */
export class UnknownUserError extends Error {
  /** Creates the error. */
  constructor(userId: string) {
    super(`no user "${userId}"`);
    this.name = "UnknownUserError";
  }
}

/** One cache per KV handle, so every `Users` over a handle sees its writes at once. */
const caches = new WeakMap<Deno.Kv, UserCache<User>>();

/** Reads and changes the users of one store. */
export class Users {
  readonly #store: Store;
  readonly #cache: UserCache<User>;

  /** Users kept in `store`. */
  constructor(store: Store) {
    this.#store = store;
    let cache = caches.get(store.kv);
    if (cache === undefined) caches.set(store.kv, cache = new UserCache(store.kv));
    this.#cache = cache;
  }

  /** The user with `id`, or null. */
  async get(id: string): Promise<User | null> {
    const entry = await this.#store.kv.get(KEYS.user(id));
    return entry.value === null ? null : userSchema.parse(entry.value);
  }

  /**
   * The user with `id` as of at most `USERS_FRESH_MS` ago, or null: what the authenticator checks
   * each request against. A change made through this store handle applies at once.
   */
  recent(id: string): Promise<User | null> {
    return this.#cache.get(id, () => this.get(id));
  }

  /** The user called `username`, or null. */
  async byName(username: string): Promise<User | null> {
    const pointer = await this.#store.kv.get<string>(KEYS.userByName(username));
    return pointer.value === null ? null : await this.get(pointer.value);
  }

  /** Every user, by id (the list is small: one household's accounts). */
  async list(): Promise<User[]> {
    const users: User[] = [];
    for await (const entry of this.#store.kv.list({ prefix: KEYS.user("").slice(0, 2) })) {
      users.push(userSchema.parse(entry.value));
    }
    return users;
  }

  /** Creates a user; throws {@link UsernameTakenError} when the name is in use. */
  async create(
    input: { username: string; role: Role; password: string },
    by: string,
  ): Promise<User> {
    const passwordHash = await hashPassword(input.password);
    const now = this.#store.now();
    const user: User = {
      id: this.#store.nextId(),
      username: input.username,
      role: input.role,
      passwordHash,
      disabled: false,
      tokenVersion: 0,
      createdAt: now,
      updatedAt: now,
    };
    const nameKey = KEYS.userByName(user.username);
    const op = this.#store.kv.atomic().check({ key: nameKey, versionstamp: null });
    setChecked(op, KEYS.user(user.id), user);
    op.set(nameKey, user.id);
    op.sum(USERS_VERSION_KEY, 1n);
    this.#store.audit.appendTo(op, {
      kind: "auth",
      action: "user_created",
      subject: user.id,
      data: { username: user.username, role: user.role, by },
    });
    const result = await op.commit();
    if (!result.ok) throw new UsernameTakenError(user.username);
    this.#cache.forget();
    return user;
  }

  /**
   * Applies `change` to the user with `id` and records `action`; throws
   * {@link UnknownUserError} when there is none.
   */
  update(
    id: string,
    change: (user: User) => User,
    audit: { action: string; by: string; data?: Record<string, unknown> },
  ): Promise<User> {
    return retryOnConflict(async () => {
      const entry = await this.#store.kv.get(KEYS.user(id));
      if (entry.value === null) throw new UnknownUserError(id);
      const next = { ...change(userSchema.parse(entry.value)), updatedAt: this.#store.now() };
      const op = this.#store.kv.atomic().check(entry);
      setChecked(op, KEYS.user(id), next);
      op.sum(USERS_VERSION_KEY, 1n);
      this.#store.audit.appendTo(op, {
        kind: "auth",
        action: audit.action,
        subject: id,
        data: { username: next.username, ...audit.data, by: audit.by },
      });
      await commitOrConflict(op, `user ${id}`);
      this.#cache.forget();
      return next;
    });
  }

  /** Remembers that the user with `id` signed in now (shown to admins; not audited here: the sign-in's refresh token is). */
  async recordLogin(id: string): Promise<void> {
    await this.#store.kv.set(KEYS.userLastLogin(id), this.#store.now());
  }

  /** When each user last signed in (epoch ms), by user id; users who never did are absent. */
  async lastLogins(): Promise<Map<string, number>> {
    const logins = new Map<string, number>();
    for await (const entry of this.#store.kv.list({ prefix: KEYS.userLastLogin("").slice(0, 2) })) {
      const at = z.int().safeParse(entry.value);
      if (at.success) logins.set(String(entry.key[2]), at.data);
    }
    return logins;
  }

  /** Sets a new password and raises the token version, retiring the user's access tokens. */
  async setPassword(id: string, password: string, by: string): Promise<User> {
    const passwordHash = await hashPassword(password);
    return this.update(
      id,
      (user) => ({ ...user, passwordHash, tokenVersion: user.tokenVersion + 1 }),
      { action: "password_changed", by },
    );
  }
}
