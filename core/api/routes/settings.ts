/**
 * `GET/PUT /api/v1/settings/risk-limits`: the limits every order is checked against, replaced
 * whole by an admin and audited with the previous values and the admin's username.
 * @module
 */
import { createRoute } from "@hono/zod-openapi";
import { readRiskLimits, riskLimitsSchema, saveRiskLimits } from "../../trading/mod.ts";
import { secured } from "../access.ts";
import { errorContent, jsonContent } from "../content.ts";
import type { ApiApp, ApiOptions } from "../context.ts";
import { requireStore } from "../needs.ts";

const responses = {
  200: { description: "The limits in force", content: jsonContent(riskLimitsSchema) },
  503: { description: "No store configured", content: errorContent },
};

const getRoute = secured(
  "admin",
  createRoute({
    method: "get",
    path: "/api/v1/settings/risk-limits",
    tags: ["settings"],
    summary: "The risk limits (the defaults until saved)",
    responses,
  }),
);

const putRoute = secured(
  "admin",
  createRoute({
    method: "put",
    path: "/api/v1/settings/risk-limits",
    tags: ["settings"],
    summary: "Replace the risk limits; every field is required",
    request: { body: { required: true, content: jsonContent(riskLimitsSchema) } },
    responses: {
      ...responses,
      400: { description: "A limit is missing or out of range", content: errorContent },
    },
  }),
);

/** Registers the settings routes. */
export function registerSettingsRoutes(app: ApiApp, options: ApiOptions): void {
  app.openapi(getRoute, async (c) => c.json(await readRiskLimits(requireStore(options).kv), 200));
  app.openapi(putRoute, async (c) => {
    const store = requireStore(options);
    const limits = c.req.valid("json");
    return c.json(await saveRiskLimits(store, limits, c.get("principal")!.username), 200);
  });
}
