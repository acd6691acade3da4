/**
 * `/api/v1/backtests/sweeps`: a parameter grid (at most 400 combinations) queued on the KV queue,
 * run by core/backtest's `sweep` and stored with every combination's metrics, listed newest
 * first, read (rows for a heatmap of two parameters), deleted by its owner or an admin.
 * @module
 */
import { createRoute, z } from "@hono/zod-openapi";
import { labJobResult, listLabJobs, sweepCombinations, type SweepOutcome } from "../../lab/mod.ts";
import { secured } from "../access.ts";
import { checkInlineSeries } from "../backtest_run.ts";
import { backtestSweepRequestSchema } from "../backtest_sweep_input.ts";
import { jsonContent } from "../content.ts";
import type { ApiApp, ApiOptions } from "../context.ts";
import {
  callerOf,
  labJobFields,
  labJobRoutes,
  labJobView,
  queueErrors,
  queueLabJob,
  removeLabJob,
  requireLabJob,
} from "../lab_routes.ts";
import { requireStore } from "../needs.ts";
import { badCursor, pageBody } from "../paging.ts";

const sweepRowSchema = z.object({
  params: z.record(z.string(), z.unknown()),
  score: z.number().nullable(),
}).catchall(z.number().nullable()).openapi("SweepRow");

const sweepSchema = z.object({
  ...labJobFields,
  objective: z.string().optional(),
  grid: z.record(z.string(), z.array(z.unknown())).optional(),
  rows: z.array(sweepRowSchema).optional()
    .openapi({ description: "Once done: every combination's mean metrics, best first" }),
}).openapi("BacktestSweep");

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

const sweepRoutes = labJobRoutes({
  path: "/api/v1/backtests/sweeps",
  noun: "sweep",
  summaries: {
    list: "Stored sweeps, newest first, without their rows",
    get: "One sweep, with its rows once done",
    delete: "Delete a sweep (its owner or an admin); a running one stops",
  },
  listed: sweepSchema,
  answer: z.object({ sweep: sweepSchema }),
});

/** Registers the sweep routes. */
export function registerBacktestSweepRoutes(app: ApiApp, options: ApiOptions): void {
  app.openapi(createSweepRoute, async (c) => {
    const { name, ...request } = c.req.valid("json");
    sweepCombinations({ name, ...request });
    checkInlineSeries(request);
    const job = await queueLabJob(options, callerOf(c), {
      kind: "sweep",
      name: name ?? null,
      strategy: request.strategy,
      symbols: request.series.map((s) => s.symbol),
      from: request.from ?? null,
      to: request.to ?? null,
      request,
    });
    const sweep = { ...labJobView(job), objective: request.objective, grid: request.grid };
    return c.json({ sweep }, 202);
  });

  app.openapi(sweepRoutes.list, async (c) => {
    const store = requireStore(options);
    const { limit, cursor } = c.req.valid("query");
    const page = await listLabJobs(store.kv, "sweep", { limit, cursor }).catch(badCursor);
    return c.json(pageBody({ ...page, items: page.items.map(labJobView) }), 200);
  });

  app.openapi(sweepRoutes.get, async (c) => {
    const job = await requireLabJob(options, "sweep", c.req.valid("param").id);
    const outcome = job.status === "done"
      ? await labJobResult(requireStore(options).kv, job) as SweepOutcome
      : undefined;
    const sweep = {
      ...labJobView(job),
      ...(outcome ? { objective: outcome.objective, grid: outcome.grid, rows: outcome.rows } : {}),
    };
    return c.json({ sweep } as z.infer<z.ZodObject<{ sweep: typeof sweepSchema }>>, 200);
  });

  app.openapi(sweepRoutes.delete, async (c) => {
    const { id } = c.req.valid("param");
    await removeLabJob(options, "sweep", id, callerOf(c));
    return c.json({ id, deleted: true as const }, 200);
  });
}
