/**
 * Lab jobs in KV: creating one (its request parts, then its record and its queue message in one
 * atomic operation), reading, listing newest first, and deleting with its parts.
 * @module
 */
import {
  commitOrConflict,
  KEYS,
  listPage,
  type Page,
  PREFIXES,
  retryOnConflict,
  setChecked,
  type Store,
  whileKvBusy,
} from "../store/mod.ts";
import { type LabJob, type LabJobKind, labJobSchema, type LabMessage } from "./job.ts";
import { deleteParts, readParts, writeParts } from "./parts.ts";

/** What the caller knows of a new job. */
export interface NewLabJob {
  readonly kind: LabJobKind;
  readonly name: string | null;
  readonly owner: LabJob["owner"];
  readonly strategy: string;
  readonly symbols: readonly string[];
  readonly from: string | null;
  readonly to: string | null;
  /** The validated request, stored as JSON parts for the handler to run. */
  readonly request: unknown;
}

/** The queue message that executes job `id` of `kind`. */
export function labMessage(kind: LabJobKind, id: string): LabMessage {
  return { type: "yeouido.lab", kind, id };
}

/**
 * Stores a new queued job and enqueues its message in the same atomic operation, so a job is
 * never queued without its record nor recorded without its message.
 */
export async function createLabJob(store: Store, job: NewLabJob): Promise<LabJob> {
  const id = store.nextId();
  const requestParts = await writeParts(store.kv, id, "request", job.request);
  const record: LabJob = {
    id,
    kind: job.kind,
    name: job.name,
    owner: job.owner,
    status: "queued",
    progress: 0,
    strategy: job.strategy,
    symbols: [...job.symbols],
    from: job.from,
    to: job.to,
    createdAt: store.now(),
    startedAt: null,
    finishedAt: null,
    attempts: 0,
    leaseUntil: null,
    requestParts,
    resultParts: 0,
    metrics: null,
    error: null,
  };
  const key = KEYS.labJob(job.kind, id);
  try {
    const op = store.kv.atomic().check({ key, versionstamp: null });
    setChecked(op, key, record).enqueue(labMessage(job.kind, id));
    await whileKvBusy(() => commitOrConflict(op, `lab job ${id}`));
  } catch (error) {
    await deleteParts(store.kv, id);
    throw error;
  }
  return record;
}

/** The job's record and its versionstamp, or null when there is none. */
export async function getLabJob(
  kv: Deno.Kv,
  kind: LabJobKind,
  id: string,
): Promise<{ job: LabJob; versionstamp: string } | null> {
  const entry = await whileKvBusy(() => kv.get(KEYS.labJob(kind, id)));
  if (entry.versionstamp === null) return null;
  return { job: labJobSchema.parse(entry.value), versionstamp: entry.versionstamp };
}

/** One page of jobs of `kind`, newest first (ids sort by creation time). */
export function listLabJobs(
  kv: Deno.Kv,
  kind: LabJobKind,
  request: { limit?: number; cursor?: string | null },
): Promise<Page<LabJob>> {
  const prefix = kind === "run" ? PREFIXES.backtestRuns : PREFIXES.backtestSweeps;
  return whileKvBusy(() => listPage(kv, { prefix }, labJobSchema, { ...request, reverse: true }));
}

/** The stored request of `job`, as JSON parsed. */
export function labJobRequest(kv: Deno.Kv, job: LabJob): Promise<unknown> {
  return readParts(kv, job.id, "request", job.requestParts);
}

/** The stored result of a done `job`, as JSON parsed. */
export function labJobResult(kv: Deno.Kv, job: LabJob): Promise<unknown> {
  return readParts(kv, job.id, "result", job.resultParts);
}

/**
 * Deletes the job's record, then its parts; a handler still running it finds the record gone at
 * its next write and stops. False when there was no such job.
 */
export async function deleteLabJob(kv: Deno.Kv, kind: LabJobKind, id: string): Promise<boolean> {
  const key = KEYS.labJob(kind, id);
  const deleted = await retryOnConflict(async () => {
    const entry = await kv.get(key);
    if (entry.versionstamp === null) return false;
    await commitOrConflict(kv.atomic().check(entry).delete(key), `lab job ${id}`);
    return true;
  });
  if (deleted) await deleteParts(kv, id);
  return deleted;
}
