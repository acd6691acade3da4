/**
 * A cross-process lease on a job's firing, so two processes sharing one KV never run the same
 * job at once nor the same firing twice. `Deno.cron` skips overlapping runs only within one
 * process; every self-hosted replica fires its own crons.
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

/** What `["jobs", "lease", name]` holds. */
interface LeaseRecord {
  readonly holder: string;
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
    const key = jobLeaseKey(name);
    const current = await this.#kv.get<LeaseRecord>(key);
    if (current.value && (current.value.until > now || current.value.slot >= slot)) return null;
    const record: LeaseRecord = { holder, slot, until: now + ttlMs };
    const result = await this.#kv.atomic().check(current).set(key, record).commit();
    return result.ok ? { name, slot, holder } : null;
  }

  async #finishOnce(ticket: LeaseTicket, now: number): Promise<void> {
    const key = jobLeaseKey(ticket.name);
    const current = await this.#kv.get<LeaseRecord>(key);
    if (current.value?.holder !== ticket.holder || current.value.slot !== ticket.slot) return;
    const record: LeaseRecord = { ...current.value, until: now };
    await this.#kv.atomic().check(current).set(key, record).commit();
  }
}
