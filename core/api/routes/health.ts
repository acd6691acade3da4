/**
 * `GET /api/v1/health/live` and `/health/ready`: liveness needs nothing; readiness checks what the
 * app depends on today (its configuration parses) and reports whether a broker is wired.
 * `GET /api/v1/health/details` (admins) answers the process's detailed health
 * (core/runtime/health.ts), the same the dashboard's health page shows.
 * @module
 */
import { createRoute, z } from "@hono/zod-openapi";
import { parseAppEnv } from "../../config/env.ts";
import { appMetrics } from "../../obs/metrics.ts";
import { healthDetailsSchema, loadHealthDetails, roleNamedIn } from "../../runtime/health.ts";
import { VERSION } from "../../version.ts";
import { secured } from "../access.ts";
import type { ApiApp, ApiOptions } from "../context.ts";
import { ApiError } from "../errors.ts";
import { errorContent, jsonContent } from "../content.ts";
import { requireBroker, requireStore } from "../needs.ts";

const liveSchema = z.object({ status: z.literal("ok"), version: z.string() }).openapi("Live");

const readySchema = z.object({
  status: z.literal("ready"),
  checks: z.object({
    config: z.literal("ok"),
    broker: z.enum(["ok", "not_configured"]),
  }),
  mode: z.enum(["demo", "kis"]).optional()
    .describe("demo: the embedded simulator (모의 시장); kis: a KIS account"),
}).openapi("Ready");

const liveRoute = createRoute({
  method: "get",
  path: "/api/v1/health/live",
  tags: ["health"],
  summary: "The process answers",
  responses: {
    200: { description: "Alive", content: jsonContent(liveSchema) },
  },
});

const readyRoute = createRoute({
  method: "get",
  path: "/api/v1/health/ready",
  tags: ["health"],
  summary: "The app can serve: its configuration is valid",
  responses: {
    200: { description: "Ready", content: jsonContent(readySchema) },
    503: {
      description: "Not ready; `details` names the failing check",
      content: errorContent,
    },
  },
});

const detailsRoute = secured(
  "admin",
  createRoute({
    method: "get",
    path: "/api/v1/health/details",
    tags: ["health"],
    summary: "The process's detailed health: KIS, KV, jobs, queue, errors",
    responses: {
      200: {
        description: "The detailed health of the process that answered",
        content: jsonContent(healthDetailsSchema),
      },
      503: { description: "No store or broker configured", content: errorContent },
    },
  }),
);

/** Registers the health routes. */
export function registerHealthRoutes(app: ApiApp, options: ApiOptions): void {
  const readEnv = options.env ?? (() => Deno.env.toObject());
  app.openapi(liveRoute, (c) => c.json({ status: "ok" as const, version: VERSION }, 200));
  app.openapi(readyRoute, (c) => {
    try {
      parseAppEnv(readEnv());
    } catch (error) {
      throw new ApiError(503, "not_ready", "the app is not ready to serve", {
        details: [{ field: "config", message: (error as Error).message }],
      });
    }
    const broker = options.broker === undefined ? "not_configured" as const : "ok" as const;
    const checks = { config: "ok" as const, broker };
    return c.json({ status: "ready" as const, checks, mode: options.mode }, 200);
  });
  app.openapi(detailsRoute, async (c) => {
    const details = await loadHealthDetails({
      mode: options.mode ?? "demo",
      label: options.account?.label ?? "",
      role: roleNamedIn(readEnv()),
      store: requireStore(options),
      broker: requireBroker(options),
      metrics: options.metrics ?? appMetrics,
    });
    return c.json(details, 200);
  });
}
