/**
 * `POST /api/v1/backtests`: the same inputs and the same JSON report as `deno task backtest`, the
 * bars inline or, for a series named only by symbol, the broker's (cached in the store's KV).
 * @module
 */
import { createRoute } from "@hono/zod-openapi";
import { backtestReportSchema, backtestRequestSchema } from "../backtest_input.ts";
import { runBacktestRequest } from "../backtest_run.ts";
import { secured } from "../access.ts";
import type { ApiApp, ApiOptions } from "../context.ts";
import { CachedBrokerBars, type DailyBarSource } from "../../data/mod.ts";
import { brokerFailureAnswers, errorContent, jsonContent } from "../content.ts";

const runRoute = secured(
  "viewer",
  createRoute({
    method: "post",
    path: "/api/v1/backtests",
    tags: ["backtests"],
    summary: "Backtest a strategy on bars sent with the request or fetched by symbol",
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
        description:
          "Valid input the engine refuses, or a series by symbol the broker does not know or has no bars of; `details` names the series",
        content: errorContent,
      },
      ...brokerFailureAnswers,
    },
  }),
);

/** The bar source of series named by symbol: the broker, cached in the store's KV when there is one. */
export function barSourceOf(options: ApiOptions): DailyBarSource | undefined {
  const { broker, store } = options;
  if (broker === undefined) return undefined;
  return new CachedBrokerBars({ broker, kv: store?.kv, now: store?.now });
}

/** Registers the backtest routes. */
export function registerBacktestRoutes(app: ApiApp, options: ApiOptions): void {
  const source = barSourceOf(options);
  app.openapi(
    runRoute,
    async (c) => c.json(await runBacktestRequest(c.req.valid("json"), source), 200),
  );
}
