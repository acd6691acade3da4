/**
 * API keys for scripts: `yk_<id>_<secret>`, sent as `X-API-Key`. The store keeps only the
 * secret's SHA-256 (the key is 256 random bits, so a fast hash suffices), the key's role and when
 * it was last used. The secret is shown once, when the key is created.
 * @module
 */
import { z } from "zod";
import { type Role, ROLES } from "../api/access.ts";
import { KEYS, setChecked, type Store } from "../store/mod.ts";
import { randomToken, sha256Hex, timingSafeEqualText } from "./crypto.ts";

/** How stale `lastUsedAt` may get before a use writes it again, so each call is not a write. */
export const LAST_USED_PRECISION_MS = 60_000;

/** A stored API key. */
export const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  ownerId: z.string(),
  hash: z.string(),
  createdAt: z.int(),
  lastUsedAt: z.int().nullable(),
});

/** A stored API key. */
export type ApiKey = z.infer<typeof apiKeySchema>;

/** A key as the API lists it: no hash. */
export type PublicApiKey = Omit<ApiKey, "hash">;

const SECRET_PATTERN = /^yk_([0-9A-HJKMNP-TV-Z]{26})_([A-Za-z0-9_-]{43})$/;

/** A key without its hash. */
export function publicApiKey(key: ApiKey): PublicApiKey {
  const { hash: _hash, ...rest } = key;
  return rest;
}

/** Creates, lists, revokes and checks the API keys of one store. */
export class ApiKeys {
  readonly #store: Store;

  /** Keys kept in `store`. */
  constructor(store: Store) {
    this.#store = store;
  }

  /** Creates a key for `ownerId` and returns it with its secret, which is not kept. */
  async create(
    input: { name: string; role: Role; ownerId: string },
    by: string,
  ): Promise<{ key: ApiKey; secret: string }> {
    const id = this.#store.nextId();
    const random = randomToken();
    const secret = `yk_${id}_${random}`;
    const key: ApiKey = {
      id,
      name: input.name,
      role: input.role,
      ownerId: input.ownerId,
      hash: await sha256Hex(random),
      createdAt: this.#store.now(),
      lastUsedAt: null,
    };
    const op = this.#store.kv.atomic().check({ key: KEYS.apiKey(id), versionstamp: null });
    setChecked(op, KEYS.apiKey(id), key);
    op.set(KEYS.apiKeyByUser(input.ownerId, id), id);
    this.#store.audit.appendTo(op, {
      kind: "auth",
      action: "api_key_created",
      subject: id,
      data: { name: key.name, role: key.role, ownerId: key.ownerId, by },
    });
    await op.commit();
    return { key, secret };
  }

  /** The key with `id`, or null. */
  async get(id: string): Promise<ApiKey | null> {
    const entry = await this.#store.kv.get(KEYS.apiKey(id));
    return entry.value === null ? null : apiKeySchema.parse(entry.value);
  }

  /** The keys of `ownerId`, oldest first. */
  async list(ownerId: string): Promise<ApiKey[]> {
    const keys: ApiKey[] = [];
    const prefix = KEYS.apiKeyByUser(ownerId, "").slice(0, 3);
    for await (const entry of this.#store.kv.list<string>({ prefix })) {
      const key = await this.get(entry.value);
      if (key !== null) keys.push(key);
    }
    return keys;
  }

  /** Deletes the key; false when there was none. */
  async revoke(id: string, by: string): Promise<boolean> {
    const entry = await this.#store.kv.get(KEYS.apiKey(id));
    if (entry.value === null) return false;
    const key = apiKeySchema.parse(entry.value);
    const op = this.#store.kv.atomic().check(entry)
      .delete(KEYS.apiKey(id))
      .delete(KEYS.apiKeyByUser(key.ownerId, id));
    this.#store.audit.appendTo(op, {
      kind: "auth",
      action: "api_key_revoked",
      subject: id,
      data: { name: key.name, ownerId: key.ownerId, by },
    });
    return (await op.commit()).ok;
  }

  /** The key `secret` proves, or null when it proves none; records the use. */
  async verify(secret: string): Promise<ApiKey | null> {
    const match = SECRET_PATTERN.exec(secret);
    if (match === null) return null;
    const entry = await this.#store.kv.get(KEYS.apiKey(match[1]!));
    if (entry.value === null) return null;
    const key = apiKeySchema.parse(entry.value);
    if (!timingSafeEqualText(await sha256Hex(match[2]!), key.hash)) return null;
    const now = this.#store.now();
    if (key.lastUsedAt === null || now - key.lastUsedAt >= LAST_USED_PRECISION_MS) {
      // Checked against the read, so a use racing a revoke cannot bring the key back.
      const used = { ...key, lastUsedAt: now };
      await setChecked(this.#store.kv.atomic().check(entry), entry.key, used).commit();
      return used;
    }
    return key;
  }
}
