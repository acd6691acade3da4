/**
 * `GET /api/v1/strategies` and `/strategies/{id}`: the built-in strategies with their parameter
 * JSON Schema (from the same zod schema that validates backtest parameters) and defaults.
 * @module
 */
import { createRoute, z } from "@hono/zod-openapi";
import { type AnyStrategy, STRATEGIES } from "../../strategies/registry.ts";
import { secured } from "../access.ts";
import type { ApiApp } from "../context.ts";
import { ApiError } from "../errors.ts";
import { errorContent, jsonContent } from "../content.ts";

const localizedSchema = z.object({ ko: z.string(), en: z.string() });

const strategySchema = z.object({
  id: z.string().openapi({ example: "ma-cross" }),
  name: localizedSchema,
  description: localizedSchema,
  paramsSchema: z.record(z.string(), z.unknown())
    .openapi({ description: "JSON Schema (2020-12) of the parameters a caller writes" }),
  defaults: z.record(z.string(), z.unknown())
    .openapi({ description: "The parameters used when none are given" }),
}).openapi("Strategy");

const listRoute = secured(
  "viewer",
  createRoute({
    method: "get",
    path: "/api/v1/strategies",
    tags: ["strategies"],
    summary: "The built-in strategies",
    responses: {
      200: {
        description: "Every strategy",
        content: jsonContent(z.object({ strategies: z.array(strategySchema) })),
      },
    },
  }),
);

const getRoute = secured(
  "viewer",
  createRoute({
    method: "get",
    path: "/api/v1/strategies/{id}",
    tags: ["strategies"],
    summary: "One strategy",
    request: { params: z.strictObject({ id: z.string().openapi({ example: "rsi" }) }) },
    responses: {
      200: {
        description: "The strategy",
        content: jsonContent(strategySchema),
      },
      404: {
        description: "No strategy has this id",
        content: errorContent,
      },
    },
  }),
);

function describeStrategy(strategy: AnyStrategy): z.infer<typeof strategySchema> {
  return {
    id: strategy.id,
    name: strategy.name,
    description: strategy.description,
    paramsSchema: z.toJSONSchema(strategy.params, { io: "input", unrepresentable: "any" }),
    defaults: strategy.params.parse({}) as Record<string, unknown>,
  };
}

/** Registers the strategy routes. */
export function registerStrategyRoutes(app: ApiApp): void {
  // The registry is fixed at start, so the answers are computed once.
  const described = Object.values(STRATEGIES).map((s) => describeStrategy(s as AnyStrategy));
  app.openapi(listRoute, (c) => c.json({ strategies: described }, 200));
  app.openapi(getRoute, (c) => {
    const { id } = c.req.valid("param");
    const strategy = described.find((s) => s.id === id);
    if (strategy === undefined) {
      throw new ApiError(404, "not_found", `no strategy "${id}"`, {
        details: [{
          field: "path.id",
          message: `known: ${described.map((s) => s.id).join(", ")}`,
        }],
      });
    }
    return c.json(strategy, 200);
  });
}
