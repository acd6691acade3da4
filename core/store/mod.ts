/**
 * The store: Deno KV opened in one place, the key layout, size-guarded atomic writes with
 * optimistic concurrency, cursor listings, the append-only audit log and start-up migrations.
 * @module
 */
export {
  DEFAULT_KV_PATH,
  isFilePath,
  openStore,
  PLATFORM_KV,
  type Store,
  type StoreOptions,
} from "./store.ts";
export { KEYS, PREFIXES } from "./keys.ts";
export { StoreConflictError, ValueTooLargeError } from "./errors.ts";
export {
  assertValueFits,
  commitOrConflict,
  isKvBusy,
  MAX_VALUE_BYTES,
  retryOnConflict,
  type RetryOptions,
  setChecked,
  whileKvBusy,
} from "./atomic.ts";
export { type IdGenerator, monotonicIds } from "./ids.ts";
export { listPage, type Page, type PageRequest } from "./list.ts";
export {
  type AuditEntry,
  auditEntrySchema,
  type AuditEvent,
  type AuditKind,
  AuditLog,
} from "./audit.ts";
export {
  migrate,
  type MigrateOptions,
  type Migration,
  MIGRATIONS,
  schemaVersion,
} from "./migrations.ts";
export { type KvProbe, probeKv } from "./probe.ts";
