/**
 * The KV-queue handler that executes lab jobs. Any instance listening on the app's KV may take a
 * message: it claims the job with an atomic check on the record (status and lease), so a
 * redelivered or concurrent message never starts a second run while one holds a live lease. A
 * run renews its lease with each progress write (at most one per `progressEveryMs`); a runner that
 * stopped leaves its lease to lapse, and the next delivery takes the job again, up to
 * `maxAttempts` times, after which it is marked failed. A finished job is never run again.
 * @module
 */
import { backtestRequestSchema } from "../api/backtest_input.ts";
import { backtestSweepRequestSchema } from "../api/backtest_sweep_input.ts";
import { ApiError } from "../api/errors.ts";
import type { DailyBarSource } from "../data/mod.ts";
import type { QueueHandler } from "../jobs/queue.ts";
import { log as defaultLog, type LogFields, type LogLevel } from "../obs/log.ts";
import { KEYS, setChecked, type Store, whileKvBusy } from "../store/mod.ts";
import { executeRun, executeSweep, type Execution } from "./execute.ts";
import { isLabMessage, type LabJob, labMessageSchema } from "./job.ts";
import { writeParts } from "./parts.ts";
import { getLabJob, labJobRequest, labMessage } from "./repository.ts";

/** Settings of the lab's queue handler. */
export interface LabWorkerOptions {
  readonly store: Store;
  /** Where series named only by symbol get their bars (the broker, cached). */
  readonly bars?: DailyBarSource;
  /** How long a claim holds without a progress write (default 5 minutes). */
  readonly leaseMs?: number;
  /** Takes of one job before it is marked failed (default 3). */
  readonly maxAttempts?: number;
  /** Least time between two progress writes (default 500 ms). */
  readonly progressEveryMs?: number;
  readonly log?: (level: LogLevel, message: string, fields?: LogFields) => void;
}

/** What handling one message did. */
export type LabOutcome =
  | "done"
  | "failed"
  | "gone"
  | "finished_before"
  | "busy"
  | "lost"
  | "gave_up";

/** The job was deleted or another runner took it over: stop without writing. */
class LostClaim extends Error {}

/** The lab's queue handler, whose outcome says what handling a message did. */
export interface LabQueueHandler extends QueueHandler {
  /** Runs the job a lab message names unless it is finished, gone or held by another runner. */
  handle(value: unknown): Promise<LabOutcome | "ignored">;
}

/** The lab's handler for the shared queue dispatcher (core/jobs/queue.ts). */
export function labQueueHandler(options: LabWorkerOptions): LabQueueHandler {
  return {
    kind: "lab",
    accepts: isLabMessage,
    handle: async (value) => {
      const message = labMessageSchema.safeParse(value);
      if (!message.success) return "ignored";
      return await runLabJob(options, message.data.kind, message.data.id);
    },
  };
}

async function runLabJob(
  options: LabWorkerOptions,
  kind: LabJob["kind"],
  id: string,
): Promise<LabOutcome> {
  const { store } = options;
  const kv = store.kv;
  const key = KEYS.labJob(kind, id);
  const log = options.log ?? defaultLog;
  const leaseMs = options.leaseMs ?? 300_000;
  const current = await getLabJob(kv, kind, id);
  if (current === null) return "gone";
  const { job } = current;
  if (job.status === "done" || job.status === "failed") return "finished_before";
  const now = store.now();
  if (job.status === "running" && job.leaseUntil !== null && job.leaseUntil > now) {
    // another runner holds it: look again once its lease would have lapsed
    const delay = job.leaseUntil - now + 1_000;
    await whileKvBusy(() => kv.enqueue(labMessage(kind, id), { delay }));
    return "busy";
  }
  const maxAttempts = options.maxAttempts ?? 3;
  if (job.attempts >= maxAttempts) {
    const failed: LabJob = {
      ...job,
      status: "failed",
      leaseUntil: null,
      finishedAt: now,
      error: { code: "run_stopped", message: `the job stopped ${job.attempts} times unfinished` },
    };
    const op = kv.atomic().check({ key, versionstamp: current.versionstamp });
    await whileKvBusy(() => setChecked(op, key, failed).commit());
    return "gave_up";
  }
  let claimed: LabJob = {
    ...job,
    status: "running",
    attempts: job.attempts + 1,
    startedAt: job.startedAt ?? now,
    leaseUntil: now + leaseMs,
  };
  let versionstamp = await write(kv, key, current.versionstamp, claimed);
  if (versionstamp === null) return "lost";
  let lastWrite = now;
  const progress = async (fraction: number) => {
    const at = store.now();
    if (at - lastWrite < (options.progressEveryMs ?? 500)) return;
    const next = { ...claimed, progress: clamp(fraction), leaseUntil: at + leaseMs };
    const stamp = await write(kv, key, versionstamp!, next);
    if (stamp === null) throw new LostClaim();
    claimed = next;
    versionstamp = stamp;
    lastWrite = at;
  };
  let execution: Execution;
  try {
    const request = await labJobRequest(kv, job);
    execution = kind === "run"
      ? await executeRun(backtestRequestSchema.parse(request), options.bars, progress)
      : await executeSweep(backtestSweepRequestSchema.parse(request), options.bars, progress);
  } catch (error) {
    if (error instanceof LostClaim) return "lost";
    const failure = error instanceof ApiError
      ? {
        code: error.code,
        message: error.message,
        ...(error.details === undefined ? {} : { details: [...error.details] }),
      }
      : { code: "internal", message: "the job failed; see the server's log" };
    if (!(error instanceof ApiError)) log("error", "lab job failed", { kind, id, error });
    const failed: LabJob = {
      ...claimed,
      status: "failed",
      leaseUntil: null,
      finishedAt: store.now(),
      error: failure,
    };
    return (await write(kv, key, versionstamp, failed)) === null ? "lost" : "failed";
  }
  const resultParts = await writeParts(kv, id, "result", execution.result);
  const done: LabJob = {
    ...claimed,
    status: "done",
    progress: 1,
    leaseUntil: null,
    finishedAt: store.now(),
    resultParts,
    metrics: execution.metrics,
  };
  return (await write(kv, key, versionstamp, done)) === null ? "lost" : "done";
}

/** Writes `value` if the record is still at `versionstamp`; the new versionstamp, or null. */
async function write(
  kv: Deno.Kv,
  key: Deno.KvKey,
  versionstamp: string,
  value: LabJob,
): Promise<string | null> {
  const op = kv.atomic().check({ key, versionstamp });
  const result = await whileKvBusy(() => setChecked(op, key, value).commit());
  return result.ok ? result.versionstamp : null;
}

function clamp(fraction: number): number {
  return Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
}
