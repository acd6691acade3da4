/**
 * `/api/v1/backtests/runs`: a backtest queued on the KV queue and stored with its report (the
 * lab's "save"), listed newest first, read, deleted by its owner or an admin; and
 * `/backtests/compare`: done runs side by side, their curves on one date axis from 1.0. A viewer
 * may do all of it: backtests place no orders.
 * @module
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { BacktestReport } from "../../backtest/mod.ts";
import { alignCurves, type LabJob, labJobResult, listLabJobs } from "../../lab/mod.ts";
import { secured } from "../access.ts";
import { backtestReportSchema, backtestRunRequestSchema } from "../backtest_input.ts";
import { checkInlineSeries, requestParams } from "../backtest_run.ts";
import { errorContent, jsonContent } from "../content.ts";
import type { ApiApp, ApiOptions } from "../context.ts";
import { ApiError } from "../errors.ts";
import {
  callerOf,
  labJobFields,
  labJobRoutes,
  labJobView,
  labMetricsSchema,
  queueErrors,
  queueLabJob,
  removeLabJob,
  requireLabJob,
  storeMissing,
} from "../lab_routes.ts";
import { requireStore } from "../needs.ts";
import { badCursor, pageBody } from "../paging.ts";

const runSchema = z.object({
  ...labJobFields,
  metrics: labMetricsSchema.nullable().openapi({ description: "The report's metrics once done" }),
}).openapi("BacktestRun");

const runWithReport = z.object({
  run: runSchema.extend({
    report: backtestReportSchema.optional()
      .openapi({ description: "Once done: the report `POST /backtests` answers" }),
  }),
});

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

const runRoutes = labJobRoutes({
  path: "/api/v1/backtests/runs",
  noun: "run",
  summaries: {
    list: "Stored backtest runs, newest first, without their reports",
    get: "One backtest run, with its report once done",
    delete: "Delete a run (its owner or an admin); a running one stops",
  },
  listed: runSchema,
  answer: runWithReport,
});

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
    metrics: labMetricsSchema,
    benchmark: labMetricsSchema,
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

/** Registers the run and compare routes. */
export function registerBacktestRunRoutes(app: ApiApp, options: ApiOptions): void {
  app.openapi(createRunRoute, async (c) => {
    const { name, ...request } = c.req.valid("json");
    requestParams(request);
    // inline bars are checked now, so a bad one is this request's 400; fetched ones in the job
    checkInlineSeries(request);
    const job = await queueLabJob(options, callerOf(c), {
      kind: "run",
      name: name ?? null,
      strategy: request.strategy,
      symbols: request.series.map((s) => s.symbol),
      from: request.from ?? null,
      to: request.to ?? null,
      request,
    });
    return c.json({ run: { ...labJobView(job), metrics: null } }, 202);
  });

  app.openapi(runRoutes.list, async (c) => {
    const store = requireStore(options);
    const { limit, cursor } = c.req.valid("query");
    const page = await listLabJobs(store.kv, "run", { limit, cursor }).catch(badCursor);
    const items = page.items.map((job) => ({ ...labJobView(job), metrics: job.metrics }));
    return c.json(pageBody({ ...page, items }), 200);
  });

  app.openapi(runRoutes.get, async (c) => {
    const job = await requireLabJob(options, "run", c.req.valid("param").id);
    const report = job.status === "done"
      ? await labJobResult(requireStore(options).kv, job) as BacktestReport
      : undefined;
    const run = { ...labJobView(job), metrics: job.metrics, ...(report ? { report } : {}) };
    return c.json({ run } as z.infer<typeof runWithReport>, 200);
  });

  app.openapi(runRoutes.delete, async (c) => {
    const { id } = c.req.valid("param");
    await removeLabJob(options, "run", id, callerOf(c));
    return c.json({ id, deleted: true as const }, 200);
  });

  app.openapi(compareRoute, async (c) => {
    const store = requireStore(options);
    const { runIds } = c.req.valid("json");
    const reports: { job: LabJob; report: BacktestReport }[] = [];
    for (const [i, id] of runIds.entries()) {
      reports.push(await doneRun(store.kv, id, `body.runIds[${i}]`, options));
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
}

/** Run `id` with its report: 404 when there is none, 409 while it is not done, naming `field`. */
async function doneRun(
  kv: Deno.Kv,
  id: string,
  field: string,
  options: ApiOptions,
): Promise<{ job: LabJob; report: BacktestReport }> {
  let job: LabJob;
  try {
    job = await requireLabJob(options, "run", id);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    throw new ApiError(404, "not_found", error.message, {
      details: [{ field, message: "no such run" }],
    });
  }
  if (job.status !== "done") {
    throw new ApiError(409, "run_not_done", `run ${id} is ${job.status}`, {
      details: [{ field, message: `the run is ${job.status}` }],
    });
  }
  return { job, report: await labJobResult(kv, job) as BacktestReport };
}
