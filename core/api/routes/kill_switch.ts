/**
 * `GET/PUT /api/v1/kill-switch`: the switch that stops new orders in every process sharing the
 * store. Turning it on or off is audited with the caller's username.
 * @module
 */
import { createRoute, z } from "@hono/zod-openapi";
import { readKillSwitch, setKillSwitch } from "../../trading/mod.ts";
import { secured } from "../access.ts";
import { errorContent, jsonContent } from "../content.ts";
import type { ApiApp, ApiOptions } from "../context.ts";
import { requireStore } from "../needs.ts";

const killSwitchSchema = z.object({
  on: z.boolean(),
  reason: z.string(),
  changedAt: z.int().openapi({ description: "Epoch ms; 0 when never set" }),
  by: z.string().openapi({ description: "Who flipped it last" }),
}).openapi("KillSwitch");

const getRoute = secured(
  "viewer",
  createRoute({
    method: "get",
    path: "/api/v1/kill-switch",
    tags: ["trading"],
    summary: "Whether new orders are stopped",
    responses: {
      200: { description: "The switch", content: jsonContent(killSwitchSchema) },
      503: { description: "No store configured", content: errorContent },
    },
  }),
);

const putRoute = secured(
  "trader",
  createRoute({
    method: "put",
    path: "/api/v1/kill-switch",
    tags: ["trading"],
    summary: "Stop (on) or allow (off) new orders",
    request: {
      body: {
        required: true,
        content: jsonContent(
          z.strictObject({
            on: z.boolean(),
            reason: z.string().trim().min(1).max(500)
              .openapi({ example: "the strategy misbehaves" }),
          }).openapi("KillSwitchChange"),
        ),
      },
    },
    responses: {
      200: { description: "The switch as set", content: jsonContent(killSwitchSchema) },
      400: { description: "A field is missing or wrong", content: errorContent },
      503: { description: "No store configured", content: errorContent },
    },
  }),
);

/** Registers the kill switch routes. */
export function registerKillSwitchRoutes(app: ApiApp, options: ApiOptions): void {
  app.openapi(getRoute, async (c) => {
    const { state } = await readKillSwitch(requireStore(options).kv);
    return c.json(state, 200);
  });
  app.openapi(putRoute, async (c) => {
    const store = requireStore(options);
    const { on, reason } = c.req.valid("json");
    const by = c.get("principal")!.username;
    return c.json(await setKillSwitch(store, { on, reason, by }), 200);
  });
}
