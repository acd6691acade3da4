/**
 * The append-only audit log: every order transition, fill, risk refusal and config change, keyed
 * by a time-ordered id. The log offers appends and reads only; each append checks that its key is
 * new, so nothing in the log is ever overwritten.
 * @module
 */
import { z } from "zod";
import { commitOrConflict, setChecked, whileKvBusy } from "./atomic.ts";
import type { IdGenerator } from "./ids.ts";
import { KEYS, PREFIXES } from "./keys.ts";
import { listPage, type Page, type PageRequest } from "./list.ts";

/** What an audit entry is about. */
export type AuditKind = "order" | "fill" | "risk" | "config" | "migration" | "alert" | "auth";

/** An event to record: `subject` names the entity (an order id, a setting name). */
export interface AuditEvent {
  readonly kind: AuditKind;
  readonly action: string;
  readonly subject: string;
  /** Details; structured-clone values (no functions, no class instances). */
  readonly data?: Readonly<Record<string, unknown>>;
}

/** A recorded event with its id and time (epoch ms). */
export interface AuditEntry extends AuditEvent {
  readonly id: string;
  readonly at: number;
  readonly data: Readonly<Record<string, unknown>>;
}

/** The schema audit entries are read back with. */
export const auditEntrySchema: z.ZodType<AuditEntry> = z.object({
  id: z.string(),
  at: z.number().int(),
  kind: z.enum(["order", "fill", "risk", "config", "migration", "alert", "auth"]),
  action: z.string(),
  subject: z.string(),
  data: z.record(z.string(), z.unknown()),
});

/** Appends to and reads the audit log of one KV database. */
export class AuditLog {
  readonly #kv: Deno.Kv;
  readonly #nextId: IdGenerator;
  readonly #now: () => number;

  /** A log on `kv`, with ids from `nextId` and times from `now`. */
  constructor(kv: Deno.Kv, nextId: IdGenerator, now: () => number) {
    this.#kv = kv;
    this.#nextId = nextId;
    this.#now = now;
  }

  /** Adds the append of `event` to `op`, so it commits (or fails) with the change it records. */
  appendTo(op: Deno.AtomicOperation, event: AuditEvent): AuditEntry {
    const entry: AuditEntry = {
      ...event,
      data: event.data ?? {},
      id: this.#nextId(),
      at: this.#now(),
    };
    const key = KEYS.audit(entry.id);
    setChecked(op.check({ key, versionstamp: null }), key, entry);
    return entry;
  }

  /** Appends `event` on its own. */
  append(event: AuditEvent): Promise<AuditEntry> {
    return whileKvBusy(async () => {
      const op = this.#kv.atomic();
      const entry = this.appendTo(op, event);
      await commitOrConflict(op, `audit ${entry.id}`);
      return entry;
    });
  }

  /** A page of entries, oldest first (or newest first with `reverse`). */
  list(request: PageRequest = {}): Promise<Page<AuditEntry>> {
    return whileKvBusy(() =>
      listPage(this.#kv, { prefix: PREFIXES.audit }, auditEntrySchema, request)
    );
  }
}
