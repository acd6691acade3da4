/**
 * The backtest lab's stored jobs: `/api/v1/backtests/runs` (a backtest queued, stored with its
 * report), `/backtests/compare` (runs side by side, curves on one date axis) and
 * `/backtests/sweeps` (a parameter grid queued, stored with its rows). Jobs run on the KV queue
 * (core/lab); a viewer may queue them, since they place no orders, and only the owner or an
 * admin may delete one.
 * @module
 */
import { createRoute, z } from "@hono/zod-openapi";
import {
  alignCurves,
  createLabJob,
  deleteLabJob,
  getLabJob,
  type LabJob,
  type LabJobKind,
  labJobResult,
  listLabJobs,
  sweepCombinations,
} from "../../lab/mod.ts";
import type { BacktestReport } from "../../backtest/mod.ts";
import { type Principal, roleAllows, secured } from "../access.ts";
import { backtestReportSchema, backtestRunRequestSchema } from "../backtest_input.ts";
import { checkInlineSeries, requestParams } from "../backtest_run.ts";
import { backtestSweepRequestSchema } from "../backtest_sweep_input.ts";
import { errorContent, jsonContent } from "../content.ts";
import type { ApiApp, ApiOptions } from "../context.ts";
import { ApiError } from "../errors.ts";
import { requireStore } from "../needs.ts";
import { badCursor, pageBody, pageQueryFields, pageSchema } from "../paging.ts";

const failureSchema = z.object({
  code: z.string(),
  message: z.string(),
  details: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});

const jobFields = {
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

const metricsSchema = z.record(z.string(), z.number().nullable());

const runSchema = z.object({
  ...jobFields,
  metrics: metricsSchema.nullable().openapi({ description: "The report's metrics once done" }),
}).openapi("BacktestRun");

const runWithReport = z.object({
  run: runSchema.extend({
    report: backtestReportSchema.optional()
      .openapi({ description: "Once done: the report `POST /backtests` answers" }),
  }),
});

const sweepRowSchema = z.object({
  params: z.record(z.string(), z.unknown()),
  score: z.number().nullable(),
}).catchall(z.number().nullable()).openapi("SweepRow");

const sweepSchema = z.object({
  ...jobFields,
  objective: z.string().optional(),
  grid: z.record(z.string(), z.array(z.unknown())).optional(),
  rows: z.array(sweepRowSchema).optional()
    .openapi({ description: "Once done: every combination's mean metrics, best first" }),
}).openapi("BacktestSweep");

const idParams = z.strictObject({
  id: z.string().min(1).max(100).openapi({ param: { name: "id", in: "path" } }),
});

const deletedSchema = z.object({ id: z.string(), deleted: z.literal(true) });

const storeMissing = { 503: { description: "No store configured", content: errorContent } };

const queueErrors = {
  400: {
    description: "A field, parameter or bar is invalid; `details` names it",
    content: errorContent,
  },
  413: { description: "The body is over the size limit", content: errorContent },
  415: { description: "The body is not JSON", content: errorContent },
  ...storeMissing,
};

const exampleRun = {
  name: "ma-cross 5/20 Samsung",
  strategy: "ma-cross",
  params: { fast: 5, slow: 20 },
  series: [{ symbol: "005930" }],
  from: "2026-01-02",
  to: "2026-11-27",
};

const createRunRoute = secured(
  "viewer",
  createRoute({
    method: "post",
    path: "/api/v1/backtests/runs",
    tags: ["backtests"],
    summary: "Queue a backtest; it runs on the KV queue and is stored with its report",
    request: {
      body: {
        required: true,
        content: {
          "application/json": { schema: backtestRunRequestSchema, example: exampleRun },
        },
      },
    },
    responses: {
      202: { description: "Queued", content: jsonContent(z.object({ run: runSchema })) },
      ...queueErrors,
    },
  }),
);

const listRunsRoute = secured(
  "viewer",
  createRoute({
    method: "get",
    path: "/api/v1/backtests/runs",
    tags: ["backtests"],
    summary: "Stored backtest runs, newest first, without their reports",
    request: { query: z.strictObject(pageQueryFields) },
    responses: {
      200: { description: "A page of runs", content: jsonContent(pageSchema(runSchema)) },
      400: { description: "A bad cursor", content: errorContent },
      ...storeMissing,
    },
  }),
);

const getRunRoute = secured(
  "viewer",
  createRoute({
    method: "get",
    path: "/api/v1/backtests/runs/{id}",
    tags: ["backtests"],
    summary: "One backtest run, with its report once done",
    request: { params: idParams },
    responses: {
      200: { description: "The run", content: jsonContent(runWithReport) },
      404: { description: "No such run", content: errorContent },
      ...storeMissing,
    },
  }),
);

const deleteRunRoute = secured(
  "viewer",
  createRoute({
    method: "delete",
    path: "/api/v1/backtests/runs/{id}",
    tags: ["backtests"],
    summary: "Delete a run (its owner or an admin); a running one stops",
    request: { params: idParams },
    responses: {
      200: { description: "Deleted", content: jsonContent(deletedSchema) },
      403: { description: "Not its owner, nor an admin", content: errorContent },
      404: { description: "No such run", content: errorContent },
      ...storeMissing,
    },
  }),
);

/** Most runs compared at once. */
export const MAX_COMPARED_RUNS = 8;

const compareBody = z.strictObject({
  runIds: z.array(z.string().min(1).max(100)).min(2).max(MAX_COMPARED_RUNS)
    .refine((ids) => new Set(ids).size === ids.length, "each run once")
    .openapi({ example: ["01K0000000000000000000000A", "01K0000000000000000000000B"] }),
}).openapi("BacktestCompareRequest");

const compareAnswer = z.object({
  runs: z.array(z.object({
    id: z.string(),
    name: z.string().nullable(),
    strategy: z.string(),
    params: z.unknown(),
    symbols: z.array(z.string()),
    from: z.string().nullable(),
    to: z.string().nullable(),
    metrics: metricsSchema,
    benchmark: metricsSchema,
  })),
  dates: z.array(z.string()),
  curves: z.array(z.object({ id: z.string(), values: z.array(z.number().nullable()) }))
    .openapi({ description: "Equity / first equity per date, null outside the run's dates" }),
}).openapi("BacktestComparison");

const compareRoute = secured(
  "viewer",
  createRoute({
    method: "post",
    path: "/api/v1/backtests/compare",
    tags: ["backtests"],
    summary: "Done runs side by side: metrics, and equity curves aligned on dates from 1.0",
    request: { body: { required: true, content: jsonContent(compareBody) } },
    responses: {
      200: { description: "The comparison", content: jsonContent(compareAnswer) },
      400: { description: "Fewer than 2 or more than 8 ids, or one twice", content: errorContent },
      404: { description: "No such run; `details` names the id", content: errorContent },
      409: { description: "`run_not_done`: a run has no report yet", content: errorContent },
      ...storeMissing,
    },
  }),
);

const exampleSweep = {
  name: "ma-cross grid",
  strategy: "ma-cross",
  grid: { fast: [5, 10], slow: [20, 60] },
  series: [{ symbol: "005930" }],
  from: "2026-01-02",
  to: "2026-11-27",
  objective: "sharpe",
};

const createSweepRoute = secured(
  "viewer",
  createRoute({
    method: "post",
    path: "/api/v1/backtests/sweeps",
    tags: ["backtests"],
    summary: "Queue a parameter sweep (at most 400 combinations); stored with its rows",
    request: {
      body: {
        required: true,
        content: {
          "application/json": { schema: backtestSweepRequestSchema, example: exampleSweep },
        },
      },
    },
    responses: {
      202: { description: "Queued", content: jsonContent(z.object({ sweep: sweepSchema })) },
      ...queueErrors,
    },
  }),
);

const listSweepsRoute = secured(
  "viewer",
  createRoute({
    method: "get",
    path: "/api/v1/backtests/sweeps",
    tags: ["backtests"],
    summary: "Stored sweeps, newest first, without their rows",
    request: { query: z.strictObject(pageQueryFields) },
    responses: {
      200: { description: "A page of sweeps", content: jsonContent(pageSchema(sweepSchema)) },
      400: { description: "A bad cursor", content: errorContent },
      ...storeMissing,
    },
  }),
);

const getSweepRoute = secured(
  "viewer",
  createRoute({
    method: "get",
    path: "/api/v1/backtests/sweeps/{id}",
    tags: ["backtests"],
    summary: "One sweep, with its rows once done",
    request: { params: idParams },
    responses: {
      200: { description: "The sweep", content: jsonContent(z.object({ sweep: sweepSchema })) },
      404: { description: "No such sweep", content: errorContent },
      ...storeMissing,
    },
  }),
);

const deleteSweepRoute = secured(
  "viewer",
  createRoute({
    method: "delete",
    path: "/api/v1/backtests/sweeps/{id}",
    tags: ["backtests"],
    summary: "Delete a sweep (its owner or an admin); a running one stops",
    request: { params: idParams },
    responses: {
      200: { description: "Deleted", content: jsonContent(deletedSchema) },
      403: { description: "Not its owner, nor an admin", content: errorContent },
      404: { description: "No such sweep", content: errorContent },
      ...storeMissing,
    },
  }),
);

const iso = (ms: number | null) => ms === null ? null : new Date(ms).toISOString();

/** A job's record as the API shows it. */
function jobView(job: LabJob) {
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

function principalOf(c: { get(key: "principal"): Principal | null }): Principal {
  const principal = c.get("principal");
  // secured routes have refused anonymous callers before the handler runs
  if (principal === null) throw new ApiError(401, "unauthenticated", "sign in first");
  return principal;
}

function notFound(kind: LabJobKind, id: string): ApiError {
  return new ApiError(404, "not_found", `no backtest ${kind} ${id}`);
}

/** Registers the run, compare and sweep routes. */
export function registerBacktestRunRoutes(app: ApiApp, options: ApiOptions): void {
  const remove = async (kind: LabJobKind, id: string, principal: Principal) => {
    const store = requireStore(options);
    const found = await getLabJob(store.kv, kind, id);
    if (found === null) throw notFound(kind, id);
    if (found.job.owner.subject !== principal.subject && !roleAllows(principal.role, "admin")) {
      throw new ApiError(403, "forbidden", `only its owner or an admin deletes ${kind} ${id}`);
    }
    if (!(await deleteLabJob(store.kv, kind, id))) throw notFound(kind, id);
  };

  app.openapi(createRunRoute, async (c) => {
    const store = requireStore(options);
    const { name, ...request } = c.req.valid("json");
    requestParams(request);
    // inline bars are checked now, so a bad one is this request's 400; fetched ones in the job
    checkInlineSeries(request);
    const principal = principalOf(c);
    const job = await createLabJob(store, {
      kind: "run",
      name: name ?? null,
      owner: { subject: principal.subject, username: principal.username },
      strategy: request.strategy,
      symbols: request.series.map((s) => s.symbol),
      from: request.from ?? null,
      to: request.to ?? null,
      request,
    });
    return c.json({ run: { ...jobView(job), metrics: null } }, 202);
  });

  app.openapi(listRunsRoute, async (c) => {
    const store = requireStore(options);
    const { limit, cursor } = c.req.valid("query");
    const page = await listLabJobs(store.kv, "run", { limit, cursor }).catch(badCursor);
    return c.json(
      pageBody({ ...page, items: page.items.map((j) => ({ ...jobView(j), metrics: j.metrics })) }),
      200,
    );
  });

  app.openapi(getRunRoute, async (c) => {
    const store = requireStore(options);
    const { id } = c.req.valid("param");
    const found = await getLabJob(store.kv, "run", id);
    if (found === null) throw notFound("run", id);
    const { job } = found;
    const report = job.status === "done"
      ? await labJobResult(store.kv, job) as BacktestReport
      : undefined;
    const run = { ...jobView(job), metrics: job.metrics, ...(report ? { report } : {}) };
    return c.json({ run } as z.infer<typeof runWithReport>, 200);
  });

  app.openapi(deleteRunRoute, async (c) => {
    const { id } = c.req.valid("param");
    await remove("run", id, principalOf(c));
    return c.json({ id, deleted: true as const }, 200);
  });

  app.openapi(compareRoute, async (c) => {
    const store = requireStore(options);
    const { runIds } = c.req.valid("json");
    const reports: { job: LabJob; report: BacktestReport }[] = [];
    for (const [i, id] of runIds.entries()) {
      const field = `body.runIds[${i}]`;
      const found = await getLabJob(store.kv, "run", id);
      if (found === null) {
        throw new ApiError(404, "not_found", `no backtest run ${id}`, {
          details: [{ field, message: "no such run" }],
        });
      }
      if (found.job.status !== "done") {
        throw new ApiError(409, "run_not_done", `run ${id} is ${found.job.status}`, {
          details: [{ field, message: `the run is ${found.job.status}` }],
        });
      }
      reports.push({
        job: found.job,
        report: await labJobResult(store.kv, found.job) as BacktestReport,
      });
    }
    const aligned = alignCurves(reports.map(({ job, report }) => ({
      id: job.id,
      equity: report.equity,
    })));
    const runs = reports.map(({ job, report }) => ({
      id: job.id,
      name: job.name,
      strategy: job.strategy,
      params: report.params,
      symbols: job.symbols,
      from: job.from,
      to: job.to,
      metrics: { ...report.metrics },
      benchmark: { ...report.benchmark },
    }));
    return c.json({ runs, ...aligned }, 200);
  });

  app.openapi(createSweepRoute, async (c) => {
    const store = requireStore(options);
    const { name, ...request } = c.req.valid("json");
    sweepCombinations({ name, ...request });
    checkInlineSeries(request);
    const principal = principalOf(c);
    const job = await createLabJob(store, {
      kind: "sweep",
      name: name ?? null,
      owner: { subject: principal.subject, username: principal.username },
      strategy: request.strategy,
      symbols: request.series.map((s) => s.symbol),
      from: request.from ?? null,
      to: request.to ?? null,
      request,
    });
    return c.json(
      { sweep: { ...jobView(job), objective: request.objective, grid: request.grid } },
      202,
    );
  });

  app.openapi(listSweepsRoute, async (c) => {
    const store = requireStore(options);
    const { limit, cursor } = c.req.valid("query");
    const page = await listLabJobs(store.kv, "sweep", { limit, cursor }).catch(badCursor);
    return c.json(pageBody({ ...page, items: page.items.map(jobView) }), 200);
  });

  app.openapi(getSweepRoute, async (c) => {
    const store = requireStore(options);
    const { id } = c.req.valid("param");
    const found = await getLabJob(store.kv, "sweep", id);
    if (found === null) throw notFound("sweep", id);
    const { job } = found;
    const outcome = job.status === "done"
      ? await labJobResult(store.kv, job) as SweepOutcomeView
      : undefined;
    const sweep = {
      ...jobView(job),
      ...(outcome ? { objective: outcome.objective, grid: outcome.grid, rows: outcome.rows } : {}),
    };
    return c.json({ sweep }, 200);
  });

  app.openapi(deleteSweepRoute, async (c) => {
    const { id } = c.req.valid("param");
    await remove("sweep", id, principalOf(c));
    return c.json({ id, deleted: true as const }, 200);
  });
}

type SweepOutcomeView = {
  objective: string;
  grid: Record<string, unknown[]>;
  rows: z.infer<typeof sweepRowSchema>[];
};
