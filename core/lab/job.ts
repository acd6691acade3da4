/**
 * A lab job: a backtest run or a parameter sweep queued through the API, as its KV record holds
 * it. The request and the result are JSON text in parts beside it (see ./parts.ts), so the record
 * stays small whatever the size of the bars or the report.
 * @module
 */
import { z } from "zod";

/** The two kinds of lab job. */
export const LAB_JOB_KINDS = ["run", "sweep"] as const;

/** A run backtests one request; a sweep backtests every combination of a parameter grid. */
export type LabJobKind = (typeof LAB_JOB_KINDS)[number];

/** Where a lab job is. */
export const labJobStatusSchema = z.enum(["queued", "running", "done", "failed"]);

/** The owner, as the principal that queued the job. */
const ownerSchema = z.object({ subject: z.string(), username: z.string() });

/** Why a job failed, in the API's error terms. */
const failureSchema = z.object({
  code: z.string(),
  message: z.string(),
  details: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});

/** The record under `["backtest_runs" | "backtest_sweeps", id]`. */
export const labJobSchema = z.object({
  id: z.string(),
  kind: z.enum(LAB_JOB_KINDS),
  name: z.string().nullable(),
  owner: ownerSchema,
  status: labJobStatusSchema,
  /** 0..1. */
  progress: z.number().min(0).max(1),
  strategy: z.string(),
  symbols: z.array(z.string()),
  from: z.string().nullable(),
  to: z.string().nullable(),
  /** Epoch ms. */
  createdAt: z.number(),
  startedAt: z.number().nullable(),
  finishedAt: z.number().nullable(),
  /** How many times a handler took the job; a crashed run is taken again up to a limit. */
  attempts: z.int().min(0),
  /** While running: the instant the runner's claim lapses unless it writes progress again. */
  leaseUntil: z.number().nullable(),
  /** How many parts the request's JSON has (written before the record). */
  requestParts: z.int().min(1),
  /** How many parts the result's JSON has, once done. */
  resultParts: z.int().min(0),
  /** A run's metrics once done (the full report is the result), for lists and comparisons. */
  metrics: z.record(z.string(), z.number().nullable()).nullable(),
  error: failureSchema.nullable(),
});

/** A lab job's record. */
export type LabJob = z.infer<typeof labJobSchema>;

/** The KV queue message that asks any instance to execute a lab job. */
export const labMessageSchema = z.object({
  type: z.literal("yeouido.lab"),
  kind: z.enum(LAB_JOB_KINDS),
  id: z.string(),
});

/** A queued lab message. */
export type LabMessage = z.infer<typeof labMessageSchema>;

/** True for a queue value the lab handles, so the shared queue dispatcher can route it. */
export function isLabMessage(value: unknown): boolean {
  return typeof value === "object" && value !== null &&
    (value as { type?: unknown }).type === "yeouido.lab";
}
