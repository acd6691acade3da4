/**
 * `/api/v1/strategy-configs`: which strategy runs with which parameters on which symbols, and the
 * signals each run stored. A config is written whole by `PUT` (parameters checked by the
 * strategy's own schema: a bad one is a 422 naming it), versioned as `versions.ts` says and
 * audited by core/trading.
 * @module
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import {
  getStrategyConfig,
  listSignals,
  listStrategyConfigs,
  saveStrategyConfig,
  type StoredStrategyConfig,
  StrategyConfigError,
  type StrategyConfigInput,
  strategySignalSchema,
} from "../../trading/mod.ts";
import { secured } from "../access.ts";
import { errorContent, jsonContent } from "../content.ts";
import type { ApiApp, ApiOptions } from "../context.ts";
import { ApiError, type ErrorDetail } from "../errors.ts";
import { requireStore } from "../needs.ts";
import { badCursor, pageBody, pageQueryFields, pageSchema } from "../paging.ts";
import { conflictApiError, ifMatchHeaders, setEtag, versionFromIfMatch } from "../versions.ts";

const configSchema = z.object({
  id: z.string(),
  strategy: z.string().openapi({ example: "ma-cross" }),
  params: z.record(z.string(), z.unknown()),
  symbols: z.array(z.string()),
  sizing: z.record(z.string(), z.unknown()),
  orderType: z.enum(["limit", "market"]),
  feeRate: z.number(),
  enabled: z.boolean(),
  schedule: z.object({ label: z.string(), times: z.array(z.string()) }),
}).openapi("StrategyConfig");

const versionedConfig = z.object({
  config: configSchema,
  version: z.string().openapi({ description: "Send back as If-Match to change this version only" }),
});

const idParams = z.strictObject({
  id: z.string().min(1).max(64).openapi({ param: { name: "id", in: "path" }, example: "ma-5-20" }),
});

const versioned = {
  description: "The config and its version (also the ETag)",
  content: jsonContent(versionedConfig),
};
const notFound = { description: "No such config", content: errorContent };
const noStore = { description: "No store configured", content: errorContent };
const writeErrors = {
  400: { description: "The body is not a JSON object", content: errorContent },
  404: notFound,
  409: { description: "The config changed since If-Match", content: errorContent },
  422: { description: "`invalid_config`: `details` names each bad field", content: errorContent },
  503: noStore,
};

const listRoute = secured(
  "viewer",
  createRoute({
    method: "get",
    path: "/api/v1/strategy-configs",
    tags: ["strategy-configs"],
    summary: "The strategy configs, by id",
    request: { query: z.strictObject(pageQueryFields) },
    responses: {
      200: { description: "A page of configs", content: jsonContent(pageSchema(configSchema)) },
      400: { description: "A bad cursor or limit", content: errorContent },
      503: noStore,
    },
  }),
);

const getRoute = secured(
  "viewer",
  createRoute({
    method: "get",
    path: "/api/v1/strategy-configs/{id}",
    tags: ["strategy-configs"],
    summary: "One config with its version",
    request: { params: idParams },
    responses: { 200: versioned, 404: notFound, 503: noStore },
  }),
);

const putRoute = secured(
  "trader",
  createRoute({
    method: "put",
    path: "/api/v1/strategy-configs/{id}",
    tags: ["strategy-configs"],
    summary: "Create or replace a config (the id is the path's)",
    request: {
      params: idParams,
      headers: ifMatchHeaders,
      body: {
        required: true,
        content: jsonContent(
          z.record(z.string(), z.unknown()).openapi("StrategyConfigInput", {
            description: "A StrategyConfig without `id`; omitted fields take their defaults",
            example: { strategy: "ma-cross", params: { fast: 5, slow: 20 }, symbols: ["005930"] },
          }),
        ),
      },
    },
    responses: { 200: versioned, 201: versioned, ...writeErrors },
  }),
);

function toggleRoute(action: "enable" | "disable") {
  return secured(
    "trader",
    createRoute({
      method: "post",
      path: `/api/v1/strategy-configs/{id}/${action}`,
      tags: ["strategy-configs"],
      summary: action === "enable" ? "Let the jobs run the config" : "Stop running the config",
      request: { params: idParams, headers: ifMatchHeaders },
      responses: { 200: versioned, ...writeErrors },
    }),
  );
}

const signalsRoute = secured(
  "viewer",
  createRoute({
    method: "get",
    path: "/api/v1/strategy-configs/{id}/signals",
    tags: ["strategy-configs"],
    summary: "The config's signals, newest trading day first",
    request: { params: idParams, query: z.strictObject(pageQueryFields) },
    responses: {
      200: {
        description: "A page of signals",
        content: jsonContent(pageSchema(strategySignalSchema)),
      },
      400: { description: "A bad cursor or limit", content: errorContent },
      503: noStore,
    },
  }),
);

/** "params: ma-cross parameter …" as the detail `body.params`. */
function detailOf(problem: string): ErrorDetail {
  const at = problem.indexOf(": ");
  return at < 0
    ? { field: "body", message: problem }
    : { field: `body.${problem.slice(0, at)}`, message: problem.slice(at + 2) };
}

function configApiError(error: unknown, id: string): unknown {
  if (error instanceof StrategyConfigError) {
    return new ApiError(422, "invalid_config", error.message, {
      details: error.problems.map(detailOf),
    });
  }
  return conflictApiError(error, `strategy config ${id}`);
}

function answer(c: Context, stored: StoredStrategyConfig) {
  setEtag(c, stored.versionstamp);
  return { config: stored.config, version: stored.versionstamp };
}

/** Registers the strategy config routes. */
export function registerStrategyConfigRoutes(app: ApiApp, options: ApiOptions): void {
  const read = async (id: string) => {
    const stored = await getStrategyConfig(requireStore(options).kv, id);
    if (stored === null) throw new ApiError(404, "not_found", `no strategy config ${id}`);
    return stored;
  };
  /** Saves `config` over `expected` (the caller's If-Match, else the version just read). */
  const save = (config: unknown, id: string, expected: string | null) =>
    saveStrategyConfig(requireStore(options), config as StrategyConfigInput, expected).catch(
      (error) => {
        throw configApiError(error, id);
      },
    );

  app.openapi(listRoute, async (c) => {
    const { cursor, limit } = c.req.valid("query");
    const page = await listStrategyConfigs(requireStore(options).kv, { cursor, limit })
      .catch(badCursor);
    return c.json(pageBody(page), 200);
  });
  app.openapi(getRoute, async (c) => c.json(answer(c, await read(c.req.valid("param").id)), 200));
  app.openapi(putRoute, async (c) => {
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    if (body.id !== undefined && body.id !== id) {
      throw new ApiError(422, "invalid_config", "the body's id is not the path's", {
        details: [{ field: "body.id", message: `leave it out or send ${id}` }],
      });
    }
    const pinned = versionFromIfMatch(c.req.valid("header")["if-match"]);
    const current = await getStrategyConfig(requireStore(options).kv, id);
    if (pinned !== undefined && current === null) {
      throw new ApiError(404, "not_found", `no strategy config ${id}`);
    }
    const stored = await save({ ...body, id }, id, pinned ?? current?.versionstamp ?? null);
    return c.json(answer(c, stored), current === null ? 201 : 200);
  });
  for (const action of ["enable", "disable"] as const) {
    app.openapi(toggleRoute(action), async (c) => {
      const { id } = c.req.valid("param");
      const pinned = versionFromIfMatch(c.req.valid("header")["if-match"]);
      const current = await read(id);
      const config = { ...current.config, enabled: action === "enable" };
      return c.json(answer(c, await save(config, id, pinned ?? current.versionstamp)), 200);
    });
  }
  app.openapi(signalsRoute, async (c) => {
    const { id } = c.req.valid("param");
    const { cursor, limit } = c.req.valid("query");
    const page = await listSignals(requireStore(options).kv, id, { cursor, limit, reverse: true })
      .catch(badCursor);
    return c.json(pageBody(page), 200);
  });
}
