import assert from "node:assert/strict";
import { createApiApp, OPENAPI_PATH } from "@/core/api/app.ts";
import { DOCS_INIT_PATH } from "@/core/api/docs_page.ts";

const app = createApiApp();
const document = await (await app.request(OPENAPI_PATH)).json();

/** Every `$ref` anywhere under `value`. */
function refsIn(value: unknown): string[] {
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, child]) =>
    key === "$ref" && typeof child === "string" ? [child] : refsIn(child)
  );
}

Deno.test("the OpenAPI document describes the app", async (t) => {
  await t.step("it is OpenAPI 3.1 with a title and version", () => {
    assert.match(document.openapi, /^3\.1\.\d+$/);
    assert.equal(document.info.title, "Yeouido API");
    assert.equal(typeof document.info.version, "string");
  });
  await t.step("its operations are exactly the app's routes", () => {
    const served = new Set(["/api/docs", DOCS_INIT_PATH, OPENAPI_PATH]);
    // A route's validators are entries of their own, so the same method and path repeat.
    const routes = [
      ...new Set(
        app.routes
          .filter((r) => r.method !== "ALL" && !served.has(r.path))
          .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, "{$1}")}`),
      ),
    ].sort();
    const documented = Object.entries(document.paths as Record<string, object>)
      .flatMap(([path, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    assert.deepEqual(documented, routes);
    assert.ok(routes.includes("POST /api/v1/backtests"));
  });
  await t.step("request and response bodies reference named schemas that exist", () => {
    const post = document.paths["/api/v1/backtests"].post;
    assert.equal(
      post.requestBody.content["application/json"].schema.$ref,
      "#/components/schemas/BacktestRequest",
    );
    assert.equal(
      post.responses["200"].content["application/json"].schema.$ref,
      "#/components/schemas/BacktestReport",
    );
    assert.equal(
      post.responses["400"].content["application/json"].schema.$ref,
      "#/components/schemas/Error",
    );
    for (const ref of refsIn(document)) {
      const name = ref.replace("#/components/schemas/", "");
      assert.ok(document.components.schemas[name], `${ref} resolves`);
    }
  });
  await t.step("every operation documents its answers as JSON (the event stream as SSE)", () => {
    for (const [path, item] of Object.entries(document.paths as Record<string, object>)) {
      for (const operation of Object.values(item)) {
        for (const [status, response] of Object.entries(operation.responses)) {
          const type = path === "/api/v1/events" && status === "200"
            ? "text/event-stream"
            : "application/json";
          const schema = (response as { content?: Record<string, { schema?: unknown }> })
            .content?.[type]?.schema;
          assert.ok(schema, `${path} ${status} has a JSON schema`);
        }
      }
    }
  });
  await t.step("the request schema refuses unknown fields, as the validator does", () => {
    const request = document.components.schemas.BacktestRequest;
    assert.equal(request.additionalProperties, false);
    assert.ok(request.required.includes("series"));
  });
  await t.step("the docs page lists every operation and loads nothing", async () => {
    const res = await app.request("/api/docs");
    assert.equal(res.status, 200);
    const html = await res.text();
    for (const path of Object.keys(document.paths)) {
      assert.ok(html.includes(`<code>${path}</code>`));
    }
    assert.doesNotMatch(html, /<script|<link|https?:\/\//);
  });
  await t.step(
    "with Swagger UI built, the page loads it from our own paths under a strict CSP",
    async () => {
      const assets = {
        script: "/_fresh/js/swagger-ui-0123.js",
        style: "/_fresh/js/swagger-ui-4567.css",
      };
      const res = await createApiApp({ docsAssets: assets }).request("/api/docs");
      const html = await res.text();
      assert.match(html, /<script src="\/_fresh\/js\/swagger-ui-0123\.js" defer><\/script>/);
      assert.match(html, /<link rel="stylesheet" href="\/_fresh\/js\/swagger-ui-4567\.css">/);
      assert.match(html, /<script src="\/api\/docs\/init\.js" defer><\/script>/);
      assert.doesNotMatch(html, /<script>|https?:\/\//, "no inline script, nothing from elsewhere");
      const csp = res.headers.get("content-security-policy") ?? "";
      assert.match(csp, /default-src 'none'/);
      assert.match(csp, /script-src 'self'(;|$)/);
      const init = await app.request(DOCS_INIT_PATH);
      assert.match(init.headers.get("content-type") ?? "", /^text\/javascript/);
      assert.match(await init.text(), /SwaggerUIBundle/);
    },
  );
});
