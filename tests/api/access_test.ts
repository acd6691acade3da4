import assert from "node:assert/strict";
import { createRoute, z } from "@hono/zod-openapi";
import { type Principal, type Role, roleAllows, ROLES, secured } from "@/core/api/access.ts";
import { createApiApp } from "@/core/api/app.ts";
import { jsonContent } from "@/core/api/content.ts";
import { ApiError } from "@/core/api/errors.ts";
import { expectError, postJson } from "./_api.ts";

const echoRoute = secured(
  "trader",
  createRoute({
    method: "post",
    path: "/api/v1/test-echo",
    request: { body: { content: jsonContent(z.strictObject({ n: z.number() })), required: true } },
    responses: { 200: { description: "echo", content: jsonContent(z.object({ n: z.number() })) } },
  }),
);

/** The API with one trader route, where the caller is `principal` (or presents a bad token). */
function appAs(principal: Principal | null | "bad-token") {
  const api = createApiApp({
    authenticate: () => {
      if (principal === "bad-token") {
        return Promise.reject(new ApiError(401, "invalid_token", "the token is not valid"));
      }
      return Promise.resolve(principal);
    },
  });
  api.openapi(echoRoute, (c) => c.json({ n: c.req.valid("json").n }, 200));
  return api;
}

const as = (role: Role): Principal => ({ subject: "u1", username: "kim", role, via: "bearer" });

Deno.test("roles rank viewer < trader < admin", () => {
  for (const [i, role] of ROLES.entries()) {
    for (const [j, needed] of ROLES.entries()) assert.equal(roleAllows(role, needed), i >= j);
  }
});

Deno.test("a secured route refuses an anonymous caller with 401 before validating the body", async () => {
  const error = await expectError(await postJson(appAs(null), "/api/v1/test-echo", "{bad"), 401);
  assert.equal(error.code, "unauthenticated");
});

Deno.test("a secured route refuses a lower role with 403 and serves its own role and above", async () => {
  const error = await expectError(
    await postJson(appAs(as("viewer")), "/api/v1/test-echo", { n: 1 }),
    403,
  );
  assert.equal(error.code, "forbidden");
  for (const role of ["trader", "admin"] as const) {
    const res = await postJson(appAs(as(role)), "/api/v1/test-echo", { n: 7 });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { n: 7 });
  }
});

Deno.test("bad credentials answer the authenticator's 401, not anonymous", async () => {
  const error = await expectError(
    await postJson(appAs("bad-token"), "/api/v1/test-echo", { n: 1 }),
    401,
  );
  assert.equal(error.code, "invalid_token");
});

Deno.test("a secured route's role and security show in the OpenAPI document", () => {
  const api = appAs(null);
  const doc = api.getOpenAPI31Document({ openapi: "3.1.0", info: { title: "t", version: "1" } });
  const op = doc.paths?.["/api/v1/test-echo"]?.post as Record<string, unknown> | undefined;
  assert.equal(op?.["x-role"], "trader");
  assert.deepEqual(op?.security, [{ bearer: [] }, { apiKey: [] }]);
});
