/**
 * Schema migrations, run at start-up exactly once across every process sharing the KV file. One
 * process takes a lease (an atomic create-if-absent, or a takeover of an expired lease), runs the
 * pending migrations in order, and bumps the schema version after each one in an atomic operation
 * that checks it still holds the lease; every other opener waits until the version is current.
 * @module
 */
import { z } from "zod";
import type { AuditLog } from "./audit.ts";
import { commitOrConflict, whileKvBusy } from "./atomic.ts";
import { KEYS } from "./keys.ts";

/**
 * One schema change. `up` must be idempotent: if its process dies after `up` but before the
 * version bump commits, the next process to take the lease runs it again.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(kv: Deno.Kv): Promise<void>;
}

/**
 * The application's migrations, in version order. Version 1 is the initial layout of
 * core/store/keys.ts, which needs no data change.
 */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: "initial key layout", up: () => Promise.resolve() },
  { version: 2, name: "open-order counts", up: countOpenOrders },
  { version: 3, name: "report equity records", up: recordReportEquity },
];

/** The open statuses as of version 2; a migration keeps the layout of its own version. */
const OPEN_AT_V2 = new Set(["intent", "unknown", "submitted", "partially_filled"]);

/** Sets every account's open-order count from its status index (idempotent: a recount). */
async function countOpenOrders(kv: Deno.Kv): Promise<void> {
  const counts = new Map<string, number>();
  for await (const entry of kv.list({ prefix: ["orders_by_status"] })) {
    const [, accountId, status] = entry.key;
    if (typeof accountId !== "string" || !OPEN_AT_V2.has(String(status))) continue;
    counts.set(accountId, (counts.get(accountId) ?? 0) + 1);
  }
  for (const [accountId, count] of counts) {
    await whileKvBusy(() => kv.set(KEYS.openOrderCount(accountId), new Deno.KvU64(BigInt(count))));
  }
}

/** The fields of a stored report (as of version 3) that its equity record copies. */
const reportEquityAtV3 = z.object({
  accountId: z.string(),
  date: z.string(),
  equity: z.object({ total: z.int() }),
  pnl: z.object({ day: z.int(), cumulative: z.int(), capital: z.int() }),
});

/** Writes every stored report's equity record (idempotent: each record is rewritten from its report). */
async function recordReportEquity(kv: Deno.Kv): Promise<void> {
  for await (const entry of kv.list({ prefix: ["reports"] })) {
    const { accountId, date, equity, pnl } = reportEquityAtV3.parse(entry.value);
    const record = {
      date,
      equity: equity.total,
      day: pnl.day,
      cumulative: pnl.cumulative,
      capital: pnl.capital,
    };
    await whileKvBusy(() => kv.set(["report_equity", accountId, date], record));
  }
}

const leaseSchema = z.object({ owner: z.string(), until: z.number() });

/** What {@link migrate} needs besides the database. */
export interface MigrateOptions {
  readonly migrations: readonly Migration[];
  readonly audit: AuditLog;
  readonly now: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** How long a lease holds before another process may take over (default 60 s). */
  readonly leaseMs?: number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The schema version stored in `kv` (0 before the first migration). */
export async function schemaVersion(kv: Deno.Kv): Promise<number> {
  return z.number().int().nonnegative().parse((await kv.get(KEYS.schemaVersion())).value ?? 0);
}

/**
 * Brings `kv` to the last version of `migrations`, running each pending one exactly once, and
 * returns that version.
 *
 * @throws {RangeError} when the versions are not 1, 2, 3, … in order.
 */
export async function migrate(kv: Deno.Kv, options: MigrateOptions): Promise<number> {
  const { migrations, now } = options;
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new RangeError(`migration ${m.name}: expected version ${i + 1}`);
  });
  const target = migrations.length;
  const sleep = options.sleep ?? realSleep;
  const owner = crypto.randomUUID();
  const leaseKey = KEYS.migrationLease();
  for (;;) {
    const [versionEntry, leaseEntry] = await whileKvBusy(
      () => kv.getMany([KEYS.schemaVersion(), leaseKey]),
      sleep,
    );
    const version = z.number().int().nonnegative().parse(versionEntry!.value ?? 0);
    if (version >= target) return version;
    const lease = leaseEntry!.value === null ? null : leaseSchema.parse(leaseEntry!.value);
    if (lease !== null && lease.until > now()) {
      await sleep(10);
      continue;
    }
    const taken = await whileKvBusy(
      () =>
        kv.atomic().check(versionEntry!, leaseEntry!)
          .set(leaseKey, { owner, until: now() + (options.leaseMs ?? 60_000) }).commit(),
      sleep,
    );
    if (!taken.ok) continue;
    // the bumps write other keys, so the lease keeps the versionstamp it was taken with
    const leaseStamp = taken.versionstamp;
    for (const migration of migrations.slice(version)) {
      await migration.up(kv);
      const bump = () => {
        const op = kv.atomic().check({ key: leaseKey, versionstamp: leaseStamp })
          .set(KEYS.schemaVersion(), migration.version);
        options.audit.appendTo(op, {
          kind: "migration",
          action: "applied",
          subject: String(migration.version),
          data: { name: migration.name },
        });
        return commitOrConflict(op, `schema version ${migration.version}`);
      };
      await whileKvBusy(bump, sleep);
    }
    await whileKvBusy(
      () =>
        kv.atomic().check({ key: leaseKey, versionstamp: leaseStamp }).delete(leaseKey).commit(),
      sleep,
    );
    return target;
  }
}
