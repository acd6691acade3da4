import assert from "node:assert/strict";
import { createApiApp } from "@/core/api/app.ts";

Deno.test("without CORS_ORIGINS the API sends no CORS headers", async () => {
  const app = createApiApp();
  const res = await app.request("/api/v1/health/live", {
    headers: { origin: "https://evil.example" },
  });
  assert.equal(res.headers.get("access-control-allow-origin"), null);
});

Deno.test("an allowlisted origin gets CORS headers; others do not", async () => {
  const app = createApiApp({ corsOrigins: ["https://app.example.com"] });
  const preflight = await app.request("/api/v1/strategies", {
    method: "OPTIONS",
    headers: {
      origin: "https://app.example.com",
      "access-control-request-method": "GET",
      "access-control-request-headers": "authorization",
    },
  });
  assert.equal(preflight.headers.get("access-control-allow-origin"), "https://app.example.com");
  assert.match(preflight.headers.get("access-control-allow-headers") ?? "", /Authorization/i);
  const other = await app.request("/api/v1/health/live", {
    headers: { origin: "https://evil.example" },
  });
  assert.equal(other.headers.get("access-control-allow-origin"), null);
});
