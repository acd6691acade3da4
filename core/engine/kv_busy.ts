/**
 * The jobs' lease and status store, repeated while another process holds the KV file's lock:
 * several processes (web and worker, or replicas) share one SQLite-backed KV, and a locked
 * operation wrote nothing, so running it again is safe.
 * @module
 */
import type { JobLease, JobRunStatus, JobStatusStore, LeaseTicket } from "../jobs/mod.ts";
import { whileKvBusy } from "../store/mod.ts";

/** `lease`, each call repeated while the KV file is locked. */
export function patientLease(lease: JobLease): JobLease {
  return {
    acquire: (name, slot, holder, now, ttlMs) =>
      whileKvBusy(() => lease.acquire(name, slot, holder, now, ttlMs)),
    finish: (ticket: LeaseTicket, now: number) => whileKvBusy(() => lease.finish(ticket, now)),
  };
}

/** `status`, each call repeated while the KV file is locked. */
export function patientStatusStore(status: JobStatusStore): JobStatusStore {
  return {
    record: (run: JobRunStatus) => whileKvBusy(() => status.record(run)),
    get: (name: string) => whileKvBusy(() => status.get(name)),
    list: () => whileKvBusy(() => status.list()),
  };
}
