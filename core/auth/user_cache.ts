/**
 * The users one process has read, kept between requests so the authenticator does not read a
 * user's record from KV on every request. Every write of a user record also bumps one version key
 * in the same atomic operation ({@link USERS_VERSION_KEY}); the cache reads that key at most every
 * {@link USERS_FRESH_MS} and forgets everything when it moved. So a change made in this process
 * applies at once, and one made in another process sharing the store within `USERS_FRESH_MS`
 * plus one KV read, however busy the process is.
 * @module
 */
import { KEYS, whileKvBusy } from "../store/mod.ts";

/** The key every write of a user bumps (a `Deno.KvU64` count of the writes). */
export const USERS_VERSION_KEY: Deno.KvKey = KEYS.usersVersion();

/**
 * How long the users read may be trusted before the version key is read again (ms): the most a
 * role change, a disabled user or a new password made by another process waits to apply here.
 */
export const USERS_FRESH_MS = 200;

/** Users by id, as of the version key's last read. */
export class UserCache<T> {
  readonly #kv: Deno.Kv;
  readonly #users = new Map<string, T>();
  /** Raised on every forget, so a read that began before it is not kept after it. */
  #generation = 0;
  #versionstamp: string | null | undefined;
  /** When the last version read that completed was sent (`performance.now()`). */
  #checkedAt = -Infinity;
  #checking: Promise<void> | undefined;

  /** A cache of the users in `kv`. */
  constructor(kv: Deno.Kv) {
    this.#kv = kv;
  }

  /** The user `id` from the cache, else from `read` (kept unless a change arrived meanwhile). */
  async get(id: string, read: () => Promise<T | null>): Promise<T | null> {
    if (performance.now() - this.#checkedAt > USERS_FRESH_MS) await this.#check();
    const cached = this.#users.get(id);
    if (cached !== undefined) return cached;
    const generation = this.#generation;
    const user = await read();
    if (user !== null && generation === this.#generation) this.#users.set(id, user);
    return user;
  }

  /** Forgets every user: called after this process wrote one. */
  forget(): void {
    this.#users.clear();
    this.#generation++;
  }

  /** Reads the version key once for every request waiting on it; forgets the users if it moved. */
  #check(): Promise<void> {
    this.#checking ??= (async () => {
      const sentAt = performance.now();
      const entry = await whileKvBusy(() => this.#kv.get(USERS_VERSION_KEY));
      if (entry.versionstamp !== this.#versionstamp) {
        this.#versionstamp = entry.versionstamp;
        this.forget();
      }
      this.#checkedAt = sentAt;
    })().finally(() => this.#checking = undefined);
    return this.#checking;
  }
}
