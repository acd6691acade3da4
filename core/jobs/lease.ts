/**
 * Cross-process leases in Deno KV: one record per key naming its holder and until when it holds,
 * taken with a versionstamp check. {@link KvJobLease} leases a job's firing, so two processes
 * sharing one KV never run the same job at once nor the same firing twice (`Deno.cron` skips
 * overlapping runs only within one process; every self-hosted replica fires its own crons).
 * {@link KvHolderLease} is held and renewed for as long as a process does something only one may do
 * (the worker's KIS WebSocket).
 * @module
 */
import { whileKvBusy } from "../store/mod.ts";

/** A held lease, handed back to {@link JobLease.finish}. */
export interface LeaseTicket {
  readonly name: string;
  /** The firing's minute, epoch ms. */
  readonly slot: number;
  readonly holder: string;
}

/** Takes and gives back per-job leases. */
export interface JobLease {
  /**
   * Takes the lease on `name` for the firing `slot` until `now + ttlMs`; `null` when another
   * run holds an unexpired lease or this slot already ran.
   */
  acquire(
    name: string,
    slot: number,
    holder: string,
    now: number,
    ttlMs: number,
  ): Promise<LeaseTicket | null>;
  /** Ends the run at `now`, keeping the slot so a late duplicate firing stays skipped. */
  finish(ticket: LeaseTicket, now: number): Promise<void>;
}

/** Who holds a lease, until when (epoch ms). */
export interface LeaseClaim {
  readonly holder: string;
  readonly until: number;
}

/**
 * Writes `record` at `key` if `admit` accepts what is there now (null: nothing), with a
 * versionstamp check so two processes never both succeed; whether it was written.
 */
async function claim<R extends LeaseClaim>(
  kv: Deno.Kv,
  key: Deno.KvKey,
  record: R,
  admit: (current: R | null) => boolean,
): Promise<boolean> {
  const current = await kv.get<R>(key);
  if (!admit(current.value)) return false;
  return (await kv.atomic().check(current).set(key, record).commit()).ok;
}

/** What `["jobs", "lease", name]` holds. */
interface LeaseRecord extends LeaseClaim {
  readonly slot: number;
  /**
   * Epoch ms. Kept in the value, not as `expireIn`, so the record of a finished slot outlives
   * the run and a late duplicate firing still finds it.
   */
  readonly until: number;
}

/** The KV key of a job's lease. */
export function jobLeaseKey(name: string): Deno.KvKey {
  return ["jobs", "lease", name];
}

/**
 * A {@link JobLease} in Deno KV: one key per job, taken with a versionstamp check. Each call runs
 * again while another process holds the KV file's lock (a locked call wrote nothing).
 */
export class KvJobLease implements JobLease {
  readonly #kv: Deno.Kv;

  /** Leases written through `kv`; the caller opens and closes the handle. */
  constructor(kv: Deno.Kv) {
    this.#kv = kv;
  }

  /** Takes the lease unless a live one or this slot's record is there. */
  acquire(
    name: string,
    slot: number,
    holder: string,
    now: number,
    ttlMs: number,
  ): Promise<LeaseTicket | null> {
    return whileKvBusy(() => this.#acquireOnce(name, slot, holder, now, ttlMs));
  }

  /** Marks the run finished if the lease is still this ticket's. */
  finish(ticket: LeaseTicket, now: number): Promise<void> {
    return whileKvBusy(() => this.#finishOnce(ticket, now));
  }

  async #acquireOnce(
    name: string,
    slot: number,
    holder: string,
    now: number,
    ttlMs: number,
  ): Promise<LeaseTicket | null> {
    const record: LeaseRecord = { holder, slot, until: now + ttlMs };
    const taken = await claim<LeaseRecord>(
      this.#kv,
      jobLeaseKey(name),
      record,
      (current) => current === null || (current.until <= now && current.slot < slot),
    );
    return taken ? { name, slot, holder } : null;
  }

  async #finishOnce(ticket: LeaseTicket, now: number): Promise<void> {
    const key = jobLeaseKey(ticket.name);
    const current = await this.#kv.get<LeaseRecord>(key);
    if (current.value?.holder !== ticket.holder || current.value.slot !== ticket.slot) return;
    const record: LeaseRecord = { ...current.value, until: now };
    await this.#kv.atomic().check(current).set(key, record).commit();
  }
}

/**
 * A lease one process holds and renews while it does what only one may do; another takes it only
 * once it has expired (its holder stopped renewing: crashed, paused or cut off). Each call runs
 * again while another process holds the KV file's lock.
 */
export class KvHolderLease {
  readonly #kv: Deno.Kv;
  readonly #key: Deno.KvKey;

  /** The lease at `key`, written through `kv` (the caller opens and closes the handle). */
  constructor(kv: Deno.Kv, key: Deno.KvKey) {
    this.#kv = kv;
    this.#key = key;
  }

  /**
   * Takes the lease for `holder` until `now + ttlMs`, or renews it when `holder` has it; false
   * while another holder's lease is unexpired.
   */
  acquire(holder: string, now: number, ttlMs: number): Promise<boolean> {
    return whileKvBusy(() =>
      claim<LeaseClaim>(
        this.#kv,
        this.#key,
        { holder, until: now + ttlMs },
        (current) => current === null || current.holder === holder || current.until <= now,
      )
    );
  }

  /** Who holds the lease at `now`; null when nobody does or the last holder's lease expired. */
  async holder(now: number): Promise<LeaseClaim | null> {
    const current = await whileKvBusy(() => this.#kv.get<LeaseClaim>(this.#key));
    return current.value !== null && current.value.until > now ? current.value : null;
  }

  /** Gives the lease up, if `holder` has it, so another may take it at once. */
  release(holder: string): Promise<void> {
    return whileKvBusy(async () => {
      const current = await this.#kv.get<LeaseClaim>(this.#key);
      if (current.value?.holder !== holder) return;
      await this.#kv.atomic().check(current).delete(this.#key).commit();
    });
  }
}
