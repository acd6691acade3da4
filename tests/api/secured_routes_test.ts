import assert from "node:assert/strict";
import { createApiApp } from "@/core/api/app.ts";
import { openStore } from "@/core/store/mod.ts";
import { apiAs, expectError } from "./_api.ts";

/**
 * Operations this test leaves to others: health, the strategy catalogue, backtests and quotes
 * (viewer), and sign-in, API keys and users, whose roles tests/api/security_test.ts checks.
 */
const OPEN = /^\/api\/v1\/(health|strategies|backtests|quotes|auth|api-keys|users)\b/;

/** POSTs that compute an answer and write nothing, so a viewer may send them. */
const READING_POSTS = new Set(["POST /api/v1/rebalancing/preview"]);

/** Changes outside /settings that only an admin may make: running a scheduled job out of turn. */
const ADMIN_ACTIONS = new Set(["POST /api/v1/jobs/{name}/run"]);

/** Each operation's least role, as the OpenAPI document shows it. */
function rolesOf(): Map<string, string | undefined> {
  const doc = createApiApp().getOpenAPI31Document({
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
  });
  const roles = new Map<string, string | undefined>();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(item as Record<string, Record<string, unknown>>)) {
      roles.set(`${method.toUpperCase()} ${path}`, op["x-role"] as string | undefined);
    }
  }
  return roles;
}

Deno.test("every store-backed operation is secured: reads viewer, changes trader, settings admin", () => {
  for (const [operation, role] of rolesOf()) {
    const [method, path] = operation.split(" ") as [string, string];
    if (OPEN.test(path)) continue;
    const expected = path.startsWith("/api/v1/settings") || ADMIN_ACTIONS.has(operation)
      ? "admin"
      : method === "GET" || READING_POSTS.has(operation)
      ? "viewer"
      : "trader";
    assert.equal(role, expected, operation);
  }
});

Deno.test("an anonymous caller gets 401 from every store-backed GET, with the store wired", async () => {
  using store = await openStore({ path: ":memory:" });
  const anonymous = createApiApp({ store, account: { id: "50123456-01", label: "test" } });
  for (const [operation] of rolesOf()) {
    const [method, path] = operation.split(" ") as [string, string];
    if (method !== "GET" || OPEN.test(path) || !path.startsWith("/api/v1/")) continue;
    if (path.endsWith("openapi.json")) continue;
    const concrete = path.replace(/\{[^}]+\}/g, "x");
    await expectError(await anonymous.request(concrete), 401);
  }
  // and a viewer is allowed through to the handler
  await expectError(await apiAs("viewer", { store }).request("/api/v1/orders/x"), 503);
});
