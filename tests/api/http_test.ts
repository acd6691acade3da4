import assert from "node:assert/strict";
import { createApp } from "@/core/web/mod.ts";
import config from "@/fresh.config.ts";
import manifest from "@/fresh.gen.ts";
import { DEFAULT_MAX_BODY_BYTES } from "@/core/api/context.ts";
import { expectError } from "./_api.ts";

Deno.test("the API over real HTTP through the web server's /api mount", async (t) => {
  const app = await createApp(manifest, config);
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, app.fetch);
  const base = `http://127.0.0.1:${server.addr.port}`;
  try {
    await t.step("health is 200 with a request id and the site's security headers", async () => {
      const res = await fetch(`${base}/api/v1/health/live`);
      assert.equal(res.status, 200);
      assert.ok(res.headers.get("x-request-id"));
      assert.equal(res.headers.get("x-content-type-options"), "nosniff");
      assert.equal((await res.json()).status, "ok");
    });
    await t.step("the OpenAPI document arrives intact to a client that accepts gzip", async () => {
      const res = await fetch(`${base}/api/v1/openapi.json`, {
        headers: { "accept-encoding": "gzip" },
      });
      assert.equal(res.status, 200);
      const document = await res.json();
      assert.match(document.openapi, /^3\.1\./);
    });
    await t.step("a backtest needs a signed-in caller, and a wrong method is 405", async () => {
      // The dev mount has no services, hence no store and no users: secured routes answer 401.
      const res = await fetch(`${base}/api/v1/backtests`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ series: [] }),
      });
      assert.equal((await expectError(res, 401)).code, "unauthenticated");
      await expectError(await fetch(`${base}/api/v1/backtests`), 405);
    });
    await t.step(
      "a streamed body without Content-Length is cut off at the limit with 413",
      async () => {
        const chunk = new Uint8Array(64 * 1024).fill(0x20);
        let sent = 0;
        const body = new ReadableStream<Uint8Array>({
          pull(controller) {
            if (sent > DEFAULT_MAX_BODY_BYTES) return controller.close();
            sent += chunk.length;
            controller.enqueue(chunk);
          },
        });
        const res = await fetch(`${base}/api/v1/backtests`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body,
        });
        assert.equal((await expectError(res, 413)).code, "payload_too_large");
      },
    );
    await t.step("an unknown API path is the API's 404, not the site's page", async () => {
      const error = await expectError(await fetch(`${base}/api/v2/anything`), 404);
      assert.equal(error.code, "not_found");
    });
  } finally {
    await server.shutdown();
  }
});
