/**
 * `GET` and `POST /api/v1/api-keys`, `DELETE /api/v1/api-keys/{id}`: the caller's API keys. A key
 * acts with its own role, never above its owner's; its secret is answered once, at creation.
 * @module
 */
import { createRoute, z } from "@hono/zod-openapi";
import { publicApiKey } from "../../auth/api_keys.ts";
import { roleAllows, ROLES, secured } from "../access.ts";
import { errorContent, jsonContent } from "../content.ts";
import type { ApiApp, ApiOptions } from "../context.ts";
import { ApiError } from "../errors.ts";
import { authOf } from "./auth.ts";

const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  ownerId: z.string(),
  createdAt: z.int().describe("epoch ms"),
  lastUsedAt: z.int().nullable().describe("epoch ms, to the minute"),
}).openapi("ApiKey");

const errors = {
  403: {
    description: "The role or the way of signing in does not allow it",
    content: errorContent,
  },
  503: { description: "Authentication is not configured", content: errorContent },
};

const listRoute = secured(
  "viewer",
  createRoute({
    method: "get",
    path: "/api/v1/api-keys",
    tags: ["api-keys"],
    summary: "The caller's API keys (no secrets)",
    responses: {
      200: {
        description: "The keys",
        content: jsonContent(z.object({ items: z.array(apiKeySchema) })),
      },
      ...errors,
    },
  }),
);

const createKeyRoute = secured(
  "viewer",
  createRoute({
    method: "post",
    path: "/api/v1/api-keys",
    tags: ["api-keys"],
    summary: "Create an API key; its secret is shown only in this answer",
    request: {
      body: {
        required: true,
        content: jsonContent(
          z.strictObject({
            name: z.string().min(1).max(64).openapi({ example: "nightly report script" }),
            role: z.enum(ROLES).optional().describe("default: the caller's role; never above it"),
          }).openapi("ApiKeyRequest"),
        ),
      },
    },
    responses: {
      201: {
        description: "The key and its secret, to send as X-API-Key",
        content: jsonContent(z.object({ key: apiKeySchema, secret: z.string() })),
      },
      400: { description: "A field is invalid", content: errorContent },
      ...errors,
    },
  }),
);

const deleteRoute = secured(
  "viewer",
  createRoute({
    method: "delete",
    path: "/api/v1/api-keys/{id}",
    tags: ["api-keys"],
    summary: "Revoke an API key (the owner's or, for an admin, anyone's)",
    request: {
      params: z.strictObject({
        id: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, "an API key id")
          .openapi({ param: { name: "id", in: "path" } }),
      }),
    },
    responses: {
      200: {
        description: "Revoked",
        content: jsonContent(z.object({ revoked: z.literal(true) })),
      },
      400: { description: "Not a key id", content: errorContent },
      404: { description: "No such key", content: errorContent },
      ...errors,
    },
  }),
);

/** Registers the API key routes. */
export function registerApiKeyRoutes(app: ApiApp, options: ApiOptions): void {
  app.openapi(listRoute, async (c) => {
    const keys = await authOf(options).apiKeys.list(c.get("principal")!.subject);
    return c.json({ items: keys.map(publicApiKey) }, 200);
  });

  app.openapi(createKeyRoute, async (c) => {
    const auth = authOf(options);
    const principal = c.get("principal")!;
    if (principal.via === "api_key") {
      throw new ApiError(403, "forbidden", "an API key cannot create keys; sign in as the user");
    }
    const { name, role = principal.role } = c.req.valid("json");
    if (!roleAllows(principal.role, role)) {
      throw new ApiError(403, "forbidden", `a ${principal.role} cannot create a ${role} key`);
    }
    const { key, secret } = await auth.apiKeys.create(
      { name, role, ownerId: principal.subject },
      principal.username,
    );
    return c.json({ key: publicApiKey(key), secret }, 201);
  });

  app.openapi(deleteRoute, async (c) => {
    const auth = authOf(options);
    const principal = c.get("principal")!;
    const { id } = c.req.valid("param");
    const key = await auth.apiKeys.get(id);
    // Another user's key answers 404 too, so ids cannot be probed.
    if (key === null || (key.ownerId !== principal.subject && principal.role !== "admin")) {
      throw new ApiError(404, "not_found", `no API key "${id}"`);
    }
    if (!await auth.apiKeys.revoke(id, principal.username)) {
      throw new ApiError(404, "not_found", `no API key "${id}"`);
    }
    return c.json({ revoked: true as const }, 200);
  });
}
