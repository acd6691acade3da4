/**
 * What the backtest lab's routes share (routes/backtest_runs.ts and routes/backtest_sweeps.ts): a
 * job's API shape, its path parameter, the answers every lab route may give, the list, read and
 * delete routes of one kind of job, and queuing and deleting a job for the caller.
 * @module
 */
import { createRoute, z } from "@hono/zod-openapi";
import {
  createLabJob,
  deleteLabJob,
  getLabJob,
  type LabJob,
  type LabJobKind,
  type NewLabJob,
} from "../lab/mod.ts";
import { type Principal, roleAllows, secured } from "./access.ts";
import { errorContent, jsonContent } from "./content.ts";
import type { ApiOptions } from "./context.ts";
import { ApiError } from "./errors.ts";
import { requireStore } from "./needs.ts";
import { pageQueryFields, pageSchema } from "./paging.ts";

const failureSchema = z.object({
  code: z.string(),
  message: z.string(),
  details: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});

/** The fields of a run's and a sweep's answer. */
export const labJobFields = {
  id: z.string(),
  name: z.string().nullable(),
  status: z.enum(["queued", "running", "done", "failed"]),
  progress: z.number().openapi({ description: "0..1, written as the job goes" }),
  strategy: z.string(),
  symbols: z.array(z.string()),
  from: z.string().nullable(),
  to: z.string().nullable(),
  owner: z.object({ username: z.string() }),
  createdAt: z.string().openapi({ description: "ISO 8601" }),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  error: failureSchema.nullable().openapi({ description: "Why a failed job failed" }),
};

/** Metrics by name, as a report holds them. */
export const labMetricsSchema = z.record(z.string(), z.number().nullable());

/** `{id}` of a run's or a sweep's path. */
export const labIdParams = z.strictObject({
  id: z.string().min(1).max(100).openapi({ param: { name: "id", in: "path" } }),
});

/** The answer of a delete. */
export const labDeletedSchema = z.object({ id: z.string(), deleted: z.literal(true) });

/** The answer when the app has no store. */
export const storeMissing = {
  503: { description: "No store configured", content: errorContent },
};

/** The answers of a route that queues a job besides its own. */
export const queueErrors = {
  400: {
    description: "A field, parameter or bar is invalid; `details` names it",
    content: errorContent,
  },
  413: { description: "The body is over the size limit", content: errorContent },
  415: { description: "The body is not JSON", content: errorContent },
  ...storeMissing,
};

/** The answers of a delete besides its own. */
export const deleteAnswers = {
  200: { description: "Deleted", content: { "application/json": { schema: labDeletedSchema } } },
  403: { description: "Not its owner, nor an admin", content: errorContent },
  ...storeMissing,
};

/** How one kind of lab job's list, read and delete routes are declared. */
export interface LabJobRoutesSpec<L extends z.ZodType, G extends z.ZodType> {
  /** The jobs' path, e.g. `/api/v1/backtests/runs`; one job is at `{path}/{id}`. */
  readonly path: string;
  /** One job in the answers' descriptions, e.g. `run`. */
  readonly noun: string;
  /** Each route's summary. */
  readonly summaries: { readonly list: string; readonly get: string; readonly delete: string };
  /** A job as the list shows it. */
  readonly listed: L;
  /** The answer of a read. */
  readonly answer: G;
}

/**
 * The list (paged, newest first), read and delete routes of one kind of lab job, open to viewers:
 * backtests place no orders.
 */
export function labJobRoutes<L extends z.ZodType, G extends z.ZodType>(
  spec: LabJobRoutesSpec<L, G>,
) {
  const notFound = { description: `No such ${spec.noun}`, content: errorContent };
  return {
    list: secured(
      "viewer",
      createRoute({
        method: "get",
        path: spec.path,
        tags: ["backtests"],
        summary: spec.summaries.list,
        request: { query: z.strictObject(pageQueryFields) },
        responses: {
          200: {
            description: `A page of ${spec.noun}s`,
            content: jsonContent(pageSchema(spec.listed)),
          },
          400: { description: "A bad cursor", content: errorContent },
          ...storeMissing,
        },
      }),
    ),
    get: secured(
      "viewer",
      createRoute({
        method: "get",
        path: `${spec.path}/{id}`,
        tags: ["backtests"],
        summary: spec.summaries.get,
        request: { params: labIdParams },
        responses: {
          200: { description: `The ${spec.noun}`, content: jsonContent(spec.answer) },
          404: notFound,
          ...storeMissing,
        },
      }),
    ),
    delete: secured(
      "viewer",
      createRoute({
        method: "delete",
        path: `${spec.path}/{id}`,
        tags: ["backtests"],
        summary: spec.summaries.delete,
        request: { params: labIdParams },
        responses: { ...deleteAnswers, 404: notFound },
      }),
    ),
  };
}

const iso = (ms: number | null) => ms === null ? null : new Date(ms).toISOString();

/** A job's record as the API shows it (no lease, attempts or part counts). */
export function labJobView(job: LabJob): z.infer<z.ZodObject<typeof labJobFields>> {
  return {
    id: job.id,
    name: job.name,
    status: job.status,
    progress: job.progress,
    strategy: job.strategy,
    symbols: job.symbols,
    from: job.from,
    to: job.to,
    owner: { username: job.owner.username },
    createdAt: new Date(job.createdAt).toISOString(),
    startedAt: iso(job.startedAt),
    finishedAt: iso(job.finishedAt),
    error: job.error,
  };
}

/** The caller; secured routes have refused anonymous callers before their handler runs. */
export function callerOf(c: { get(key: "principal"): Principal | null }): Principal {
  const principal = c.get("principal");
  if (principal === null) throw new ApiError(401, "unauthenticated", "sign in first");
  return principal;
}

/** The 404 for a job that is not there. */
export function labJobNotFound(kind: LabJobKind, id: string): ApiError {
  return new ApiError(404, "not_found", `no backtest ${kind} ${id}`);
}

/** Queues a job of `caller`'s; `job` says what it is (the request already checked). */
export function queueLabJob(
  options: ApiOptions,
  caller: Principal,
  job: Omit<NewLabJob, "owner">,
): Promise<LabJob> {
  const store = requireStore(options);
  return createLabJob(store, {
    ...job,
    owner: { subject: caller.subject, username: caller.username },
  });
}

/** The job `kind`/`id`, or its 404. */
export async function requireLabJob(
  options: ApiOptions,
  kind: LabJobKind,
  id: string,
): Promise<LabJob> {
  const found = await getLabJob(requireStore(options).kv, kind, id);
  if (found === null) throw labJobNotFound(kind, id);
  return found.job;
}

/** Deletes the job if `caller` owns it or is an admin: 404 when there is none, else 403. */
export async function removeLabJob(
  options: ApiOptions,
  kind: LabJobKind,
  id: string,
  caller: Principal,
): Promise<void> {
  const job = await requireLabJob(options, kind, id);
  if (job.owner.subject !== caller.subject && !roleAllows(caller.role, "admin")) {
    throw new ApiError(403, "forbidden", `only its owner or an admin deletes ${kind} ${id}`);
  }
  if (!(await deleteLabJob(requireStore(options).kv, kind, id))) throw labJobNotFound(kind, id);
}
