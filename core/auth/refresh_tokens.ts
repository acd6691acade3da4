/**
 * Rotating refresh tokens. Each login starts a family; each refresh spends the presented token and
 * issues the next one of the same family. Tokens are kept only as SHA-256 hashes. A spent token
 * presented again means it was copied, so the whole family is revoked: the thief's next token and
 * the owner's both stop working, and the owner signs in again.
 * @module
 */
import { z } from "zod";
import {
  type AuditEvent,
  commitOrConflict,
  KEYS,
  retryOnConflict,
  type Store,
} from "../store/mod.ts";
import { randomToken, sha256Hex } from "./crypto.ts";

/** How long a refresh token lives, in milliseconds: 30 days from its issue. */
export const REFRESH_TOKEN_MS = 30 * 24 * 60 * 60 * 1000;

// Records are kept a day past the last token's expiry, so a late reuse is still recognised as
// reuse rather than as an unknown token; then KV drops them. The values are small fixed shapes,
// far under the store's size guard, so they are set directly with their expiry.
const KEPT_MS = REFRESH_TOKEN_MS + 24 * 60 * 60 * 1000;

const tokenSchema = z.object({
  familyId: z.string(),
  userId: z.string(),
  expiresAt: z.int(),
  /** When it was exchanged for the next token; a second exchange is reuse. */
  usedAt: z.int().nullable(),
});

const familySchema = z.object({
  id: z.string(),
  userId: z.string(),
  createdAt: z.int(),
  revokedAt: z.int().nullable(),
  revokedBecause: z.string().nullable(),
});

/** The outcome of presenting a refresh token. */
export type Rotation =
  | {
    readonly ok: true;
    readonly userId: string;
    readonly familyId: string;
    readonly token: string;
  }
  | { readonly ok: false; readonly reason: "unknown" | "expired" | "revoked" | "reused" };

/** Issues, rotates and revokes the refresh tokens of one store. */
export class RefreshTokens {
  readonly #store: Store;

  /** Refresh tokens kept in `store`. */
  constructor(store: Store) {
    this.#store = store;
  }

  /** Starts a family for `userId` and returns its first token; `audit` commits with it. */
  async issue(userId: string, audit: AuditEvent): Promise<{ token: string; familyId: string }> {
    const familyId = this.#store.nextId();
    const token = randomToken();
    const op = this.#store.kv.atomic();
    const family = {
      id: familyId,
      userId,
      createdAt: this.#store.now(),
      revokedAt: null,
      revokedBecause: null,
    };
    op.set(KEYS.refreshFamily(familyId), family, { expireIn: KEPT_MS });
    op.set(KEYS.refreshFamilyByUser(userId, familyId), familyId, { expireIn: KEPT_MS });
    await this.#addToken(op, token, familyId, userId);
    this.#store.audit.appendTo(op, { ...audit, data: { ...audit.data, familyId } });
    await commitOrConflict(op, `refresh family ${familyId}`);
    return { token, familyId };
  }

  /** The family `token` belongs to, whatever its state, or null for a token never issued. */
  async familyOf(token: string): Promise<string | null> {
    const entry = await this.#store.kv.get(KEYS.refreshToken(await sha256Hex(token)));
    return entry.value === null ? null : tokenSchema.parse(entry.value).familyId;
  }

  /** Spends `token` for the next one of its family; reuse revokes the family. */
  async rotate(token: string): Promise<Rotation> {
    const key = KEYS.refreshToken(await sha256Hex(token));
    return await retryOnConflict(async (): Promise<Rotation> => {
      const entry = await this.#store.kv.get(key);
      if (entry.value === null) return { ok: false, reason: "unknown" };
      const stored = tokenSchema.parse(entry.value);
      const familyEntry = await this.#store.kv.get(KEYS.refreshFamily(stored.familyId));
      const family = familySchema.nullable().parse(familyEntry.value);
      if (family === null || family.revokedAt !== null) return { ok: false, reason: "revoked" };
      if (stored.usedAt !== null) {
        await this.revokeFamily(stored.familyId, "reused", "system");
        return { ok: false, reason: "reused" };
      }
      if (stored.expiresAt <= this.#store.now()) return { ok: false, reason: "expired" };
      const next = randomToken();
      const op = this.#store.kv.atomic().check(entry).check(familyEntry);
      op.set(key, { ...stored, usedAt: this.#store.now() }, { expireIn: KEPT_MS });
      op.set(familyEntry.key, family, { expireIn: KEPT_MS });
      op.set(KEYS.refreshFamilyByUser(stored.userId, stored.familyId), stored.familyId, {
        expireIn: KEPT_MS,
      });
      await this.#addToken(op, next, stored.familyId, stored.userId);
      this.#store.audit.appendTo(op, {
        kind: "auth",
        action: "token_refreshed",
        subject: stored.userId,
        data: { familyId: stored.familyId },
      });
      await commitOrConflict(op, `refresh family ${stored.familyId}`);
      return { ok: true, userId: stored.userId, familyId: stored.familyId, token: next };
    });
  }

  /** Revokes one family (a logout, or reuse), recording `reason`; revoking again does nothing. */
  revokeFamily(familyId: string, reason: string, by: string): Promise<void> {
    return retryOnConflict(async () => {
      const entry = await this.#store.kv.get(KEYS.refreshFamily(familyId));
      const family = familySchema.nullable().parse(entry.value);
      if (family === null || family.revokedAt !== null) return;
      const op = this.#store.kv.atomic().check(entry);
      const revoked = { ...family, revokedAt: this.#store.now(), revokedBecause: reason };
      op.set(entry.key, revoked, { expireIn: KEPT_MS });
      this.#store.audit.appendTo(op, {
        kind: "auth",
        action: "refresh_family_revoked",
        subject: family.userId,
        data: { familyId, reason, by },
      });
      await commitOrConflict(op, `refresh family ${familyId}`);
    });
  }

  /** Revokes every family of `userId` (a password change, a disabled user). */
  async revokeUser(userId: string, reason: string, by: string): Promise<void> {
    const prefix = KEYS.refreshFamilyByUser(userId, "").slice(0, 3);
    for await (const entry of this.#store.kv.list<string>({ prefix })) {
      await this.revokeFamily(entry.value, reason, by);
    }
  }

  async #addToken(
    op: Deno.AtomicOperation,
    token: string,
    familyId: string,
    userId: string,
  ): Promise<void> {
    const key = KEYS.refreshToken(await sha256Hex(token));
    const value = {
      familyId,
      userId,
      expiresAt: this.#store.now() + REFRESH_TOKEN_MS,
      usedAt: null,
    };
    op.check({ key, versionstamp: null });
    op.set(key, tokenSchema.parse(value), { expireIn: KEPT_MS });
  }
}
