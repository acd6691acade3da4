/**
 * `/api/v1/rebalancing/targets`: the account's target weights and how to trade towards them.
 * Reading is for viewers; changing them is for traders, since the targets decide which orders a
 * run places. Writes are versioned like alerts (`version`, `ETag`, `If-Match`) and audited by
 * the targets store; invalid settings answer 400 with a detail per problem, writing nothing.
 * @module
 */
import { createRoute, z } from "@hono/zod-openapi";
import { readTargets, rebalanceConfigSchema, saveTargets } from "../../rebalance/mod.ts";
import { secured } from "../access.ts";
import { errorContent, jsonContent } from "../content.ts";
import type { ApiApp, ApiOptions } from "../context.ts";
import { ApiError } from "../errors.ts";
import { requireAccount, requireStore } from "../needs.ts";
import { conflictApiError, ifMatchHeaders, setEtag, versionFromIfMatch } from "../versions.ts";

const versionedTargets = z.object({
  targets: z.object({
    accountId: z.string(),
    config: rebalanceConfigSchema,
    updatedAt: z.int(),
    by: z.string().openapi({ description: "Who saved them" }),
  }),
  version: z.string().openapi({ description: "Send back as If-Match to change this version only" }),
}).openapi("RebalanceTargets");

const versioned = {
  description: "The targets and their version (also the ETag)",
  content: jsonContent(versionedTargets),
};

const getRoute = secured(
  "viewer",
  createRoute({
    method: "get",
    path: "/api/v1/rebalancing/targets",
    tags: ["rebalancing"],
    summary: "The account's rebalancing targets with their version",
    responses: {
      200: versioned,
      404: { description: "No targets saved yet", content: errorContent },
      503: { description: "No store or account configured", content: errorContent },
    },
  }),
);

const putRoute = secured(
  "trader",
  createRoute({
    method: "put",
    path: "/api/v1/rebalancing/targets",
    tags: ["rebalancing"],
    summary: "Replace the targets; weights add up to at most 1 (exactly 1 when fully invested)",
    request: {
      headers: ifMatchHeaders,
      body: { required: true, content: jsonContent(rebalanceConfigSchema) },
    },
    responses: {
      200: versioned,
      400: { description: "Invalid settings, each problem named", content: errorContent },
      409: { description: "`version_conflict`: changed since If-Match", content: errorContent },
      503: { description: "No store or account configured", content: errorContent },
    },
  }),
);

/** Registers the targets routes. */
export function registerRebalancingTargetRoutes(app: ApiApp, options: ApiOptions): void {
  app.openapi(getRoute, async (c) => {
    const store = requireStore(options);
    const account = requireAccount(options);
    const stored = await readTargets(store, account.id);
    if (stored === null) throw new ApiError(404, "not_found", "no rebalancing targets saved yet");
    setEtag(c, stored.versionstamp);
    return c.json({ targets: stored.targets, version: stored.versionstamp }, 200);
  });

  app.openapi(putRoute, async (c) => {
    const store = requireStore(options);
    const account = requireAccount(options);
    const pinned = versionFromIfMatch(c.req.valid("header")["if-match"]);
    const expected = pinned ?? (await readTargets(store, account.id))?.versionstamp ?? null;
    const by = c.get("principal")?.username ?? "api";
    await saveTargets(store, account.id, c.req.valid("json"), expected, by)
      .catch((error) => Promise.reject(conflictApiError(error, "the rebalancing targets")));
    const stored = (await readTargets(store, account.id))!;
    setEtag(c, stored.versionstamp);
    return c.json({ targets: stored.targets, version: stored.versionstamp }, 200);
  });
}
