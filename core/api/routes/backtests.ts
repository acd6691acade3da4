/**
 * `POST /api/v1/backtests`: the same inputs and the same JSON report as `deno task backtest`.
 * @module
 */
import { createRoute } from "@hono/zod-openapi";
import { backtestReportSchema, backtestRequestSchema } from "../backtest_input.ts";
import { runBacktestRequest } from "../backtest_run.ts";
import { secured } from "../access.ts";
import type { ApiApp } from "../context.ts";
import { errorContent, jsonContent } from "../content.ts";

const runRoute = secured(
  "viewer",
  createRoute({
    method: "post",
    path: "/api/v1/backtests",
    tags: ["backtests"],
    summary: "Backtest a strategy on bars sent with the request",
    request: {
      body: {
        required: true,
        content: jsonContent(backtestRequestSchema),
      },
    },
    responses: {
      200: {
        description: "The report, as `deno task backtest --json` prints it",
        content: jsonContent(backtestReportSchema),
      },
      400: {
        description: "A field, parameter or bar is invalid; `details` names it",
        content: errorContent,
      },
      413: { description: "The body is over the size limit", content: errorContent },
      415: { description: "The body is not JSON", content: errorContent },
      422: {
        description: "Valid input the engine refuses as out of its range",
        content: errorContent,
      },
    },
  }),
);

/** Registers the backtest routes. */
export function registerBacktestRoutes(app: ApiApp): void {
  app.openapi(runRoute, (c) => c.json(runBacktestRequest(c.req.valid("json")), 200));
}
