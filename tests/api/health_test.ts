import assert from "node:assert/strict";
import { createApiApp } from "@/core/api/app.ts";
import { VERSION } from "@/core/version.ts";
import { expectError, fieldsOf } from "./_api.ts";

Deno.test("health: live always answers; ready checks the configuration", async (t) => {
  await t.step("live is 200 with the version and a request id", async () => {
    const res = await createApiApp({ env: () => ({}) }).request("/api/v1/health/live");
    assert.equal(res.status, 200);
    assert.match(res.headers.get("x-request-id") ?? "", /^[\w-]+$/);
    assert.deepEqual(await res.json(), { status: "ok", version: VERSION });
  });
  await t.step("ready is 200 with a valid configuration and says no broker is wired", async () => {
    const res = await createApiApp({ env: () => ({ PORT: "8080" }) }).request(
      "/api/v1/health/ready",
    );
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), {
      status: "ready",
      checks: { config: "ok", broker: "not_configured" },
    });
  });
  await t.step("ready is 503 naming the bad setting", async () => {
    const app = createApiApp({ env: () => ({ PORT: "eighty" }) });
    const error = await expectError(await app.request("/api/v1/health/ready"), 503);
    assert.equal(error.code, "not_ready");
    assert.deepEqual(fieldsOf(error), ["config"]);
    assert.match(error.details![0]!.message, /PORT must be a number/);
  });
  await t.step("a request id the caller sends is echoed back", async () => {
    const res = await createApiApp().request("/api/v1/health/live", {
      headers: { "X-Request-Id": "trace-42" },
    });
    assert.equal(res.headers.get("x-request-id"), "trace-42");
    await res.body?.cancel();
  });
});
