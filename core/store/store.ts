/**
 * Opening the store: the one place that calls `Deno.openKv`. Opening runs the pending migrations
 * before the handle is handed out.
 * @module
 */
import { dirname } from "node:path";
import { AuditLog } from "./audit.ts";
import { type IdGenerator, monotonicIds } from "./ids.ts";
import { migrate, type Migration, MIGRATIONS } from "./migrations.ts";

/** Where the KV file lives unless `KV_PATH` says otherwise. */
export const DEFAULT_KV_PATH = "./data/yeouido.kv";

/**
 * The `path` that opens the platform's own database (`Deno.openKv()` without a path): Deno
 * Deploy's managed, replicated KV, where the web role has no file system to write to.
 */
export const PLATFORM_KV = "platform";

/** How to open the store. */
export interface StoreOptions {
  /**
   * A file path, `:memory:` (tests), a KV Connect URL (`https://…`, with `DENO_KV_ACCESS_TOKEN`
   * set) or {@link PLATFORM_KV}; default {@link DEFAULT_KV_PATH}.
   */
  readonly path?: string;
  /** Epoch-ms clock for ids and audit times (default `Date.now`). */
  readonly now?: () => number;
  /** Migrations to run (default {@link MIGRATIONS}). */
  readonly migrations?: readonly Migration[];
}

/** An open store: the KV handle, its audit log and id source. Close it (or `using` it) when done. */
export interface Store extends Disposable {
  readonly kv: Deno.Kv;
  readonly audit: AuditLog;
  readonly nextId: IdGenerator;
  readonly now: () => number;
  readonly path: string;
  /** The schema version after start-up migrations. */
  readonly schemaVersion: number;
  /** Closes the handle; closing again does nothing. */
  close(): void;
}

/**
 * Opens Deno KV at `path` (creating a file's folder), runs the pending migrations once across every
 * process sharing the file, and returns the store.
 *
 * @example
 * using store = await openStore({ path: ":memory:" });
 */
export async function openStore(options: StoreOptions = {}): Promise<Store> {
  const path = options.path ?? DEFAULT_KV_PATH;
  if (isFilePath(path)) await Deno.mkdir(dirname(path), { recursive: true });
  const kv = await Deno.openKv(path === PLATFORM_KV ? undefined : path);
  const now = options.now ?? Date.now;
  const nextId = monotonicIds(now);
  const audit = new AuditLog(kv, nextId, now);
  try {
    const version = await migrate(kv, {
      migrations: options.migrations ?? MIGRATIONS,
      audit,
      now,
    });
    let open = true;
    const close = () => {
      if (open) kv.close();
      open = false;
    };
    return {
      kv,
      audit,
      nextId,
      now,
      path,
      schemaVersion: version,
      close,
      [Symbol.dispose]: close,
    };
  } catch (error) {
    kv.close();
    throw error;
  }
}

/** True for a KV file on disk, whose folder may need creating; false for the other kinds. */
export function isFilePath(path: string): boolean {
  return path !== ":memory:" && path !== PLATFORM_KV && !/^https?:\/\//.test(path);
}
