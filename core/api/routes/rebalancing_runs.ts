/**
 * `/api/v1/rebalancing/preview` and `/runs`: a plan on the account as it is now (no orders), and
 * executions stored as runs. `POST /runs` takes the `Idempotency-Key` as the run's id: the first
 * request plans and places (201); a retry answers the same run (200), resuming it when it stopped
 * mid-way, so its orders are never placed twice (each has its own journal key within the run).
 * @module
 */
import { createRoute, z } from "@hono/zod-openapi";
import {
  executeRebalance,
  getRun,
  listRuns,
  NoTargetsError,
  previewRebalance,
  rebalanceConfigSchema,
  RebalanceInputError,
  rebalancePlanSchema,
  rebalanceRunSchema,
} from "../../rebalance/mod.ts";
import { secured } from "../access.ts";
import { errorContent, jsonContent } from "../content.ts";
import type { ApiApp, ApiOptions } from "../context.ts";
import { ApiError } from "../errors.ts";
import { requireAccount, requireBroker, requireStore } from "../needs.ts";
import { badCursor, pageBody, pageQueryFields, pageSchema } from "../paging.ts";

const previewBody = z.object({
  preview: z.object({
    accountId: z.string(),
    config: rebalanceConfigSchema,
    plan: rebalancePlanSchema,
    at: z.int().openapi({ description: "When the balance and quotes were read (epoch ms)" }),
  }),
});

const runBody = z.object({ run: rebalanceRunSchema });

const planErrors = {
  409: { description: "`no_targets`: save targets first", content: errorContent },
  422: {
    description: "`rebalance_unplannable`: a symbol has no usable price, or no equity",
    content: errorContent,
  },
  502: { description: "The broker failed", content: errorContent },
  503: { description: "No store, broker or account configured", content: errorContent },
};

const previewRoute = secured(
  "viewer",
  createRoute({
    method: "post",
    path: "/api/v1/rebalancing/preview",
    tags: ["rebalancing"],
    summary: "Plan a rebalance on the live balance and quotes; places nothing",
    responses: {
      200: { description: "The plan", content: jsonContent(previewBody) },
      ...planErrors,
    },
  }),
);

const executeRoute = secured(
  "trader",
  createRoute({
    method: "post",
    path: "/api/v1/rebalancing/runs",
    tags: ["rebalancing"],
    summary: "Execute a rebalance once per Idempotency-Key, which becomes the run's id",
    request: {
      headers: z.object({
        "idempotency-key": z.string().regex(/^[A-Za-z0-9._:-]{1,100}$/, {
          message: "1 to 100 letters, digits, '.', '_', ':' or '-'",
        }).openapi({
          param: { name: "idempotency-key", in: "header" },
          description: "The run's id; a retry with it never places the run's orders twice",
          example: "rebalance-2026-11-27",
        }),
      }),
    },
    responses: {
      201: { description: "Planned and executed", content: jsonContent(runBody) },
      200: { description: "The key's run, started before", content: jsonContent(runBody) },
      400: { description: "The Idempotency-Key header is missing or wrong", content: errorContent },
      ...planErrors,
    },
  }),
);

const listRoute = secured(
  "viewer",
  createRoute({
    method: "get",
    path: "/api/v1/rebalancing/runs",
    tags: ["rebalancing"],
    summary: "The account's rebalancing runs, newest first, with their orders",
    request: { query: z.strictObject(pageQueryFields) },
    responses: {
      200: { description: "A page of runs", content: jsonContent(pageSchema(rebalanceRunSchema)) },
      400: { description: "A bad cursor", content: errorContent },
      503: { description: "No store or account configured", content: errorContent },
    },
  }),
);

const getRoute = secured(
  "viewer",
  createRoute({
    method: "get",
    path: "/api/v1/rebalancing/runs/{id}",
    tags: ["rebalancing"],
    summary: "One rebalancing run",
    request: {
      params: z.strictObject({
        id: z.string().min(1).max(100).openapi({ param: { name: "id", in: "path" } }),
      }),
    },
    responses: {
      200: { description: "The run", content: jsonContent(runBody) },
      404: { description: "No such run", content: errorContent },
      503: { description: "No store or account configured", content: errorContent },
    },
  }),
);

/** Turns the planner's refusals into API errors. */
function planApiError(error: unknown): unknown {
  if (error instanceof NoTargetsError) {
    return new ApiError(409, "no_targets", "save rebalancing targets before planning a rebalance");
  }
  if (error instanceof RebalanceInputError) {
    return new ApiError(422, "rebalance_unplannable", error.message, {
      details: [{ field: error.symbol ?? "account", message: error.reason }],
    });
  }
  return error;
}

/** Registers the preview and run routes. */
export function registerRebalancingRunRoutes(app: ApiApp, options: ApiOptions): void {
  const deps = () => ({
    store: requireStore(options),
    broker: requireBroker(options),
    ...(options.metrics ? { observer: options.metrics.trading } : {}),
  });

  app.openapi(previewRoute, async (c) => {
    const account = requireAccount(options);
    const preview = await previewRebalance(deps(), account.id)
      .catch((error) => Promise.reject(planApiError(error)));
    return c.json({ preview }, 200);
  });

  app.openapi(executeRoute, async (c) => {
    const { store } = deps();
    const account = requireAccount(options);
    const runId = c.req.valid("header")["idempotency-key"];
    const before = await getRun(store, account.id, runId);
    if (before !== null && before.finishedAt !== null) return c.json({ run: before }, 200);
    const run = await executeRebalance(deps(), account.id, { runId })
      .catch((error) => Promise.reject(planApiError(error)));
    return c.json({ run }, before === null ? 201 : 200);
  });

  app.openapi(listRoute, async (c) => {
    const store = requireStore(options);
    const account = requireAccount(options);
    const query = c.req.valid("query");
    const page = await listRuns(store, account.id, { limit: query.limit, cursor: query.cursor })
      .catch(badCursor);
    return c.json(pageBody(page), 200);
  });

  app.openapi(getRoute, async (c) => {
    const store = requireStore(options);
    const account = requireAccount(options);
    const { id } = c.req.valid("param");
    const run = await getRun(store, account.id, id);
    if (run === null) throw new ApiError(404, "not_found", `no rebalancing run ${id}`);
    return c.json({ run }, 200);
  });
}
