/**
 * The JSON API under `/api`, a Hono app mounted by `routes/api/[...path].ts`.
 * @module
 */
import { Hono } from "hono";
import { VERSION } from "../version.ts";

/** Builds the API app; every path starts with `/api`. */
export function createApiApp(): Hono {
  const api = new Hono().basePath("/api");
  api.get("/v1/health", (c) => c.json({ status: "ok", version: VERSION }));
  api.notFound((c) =>
    c.json(
      { error: { code: "not_found", message: `no API route ${c.req.method} ${c.req.path}` } },
      404,
    )
  );
  return api;
}
