import assert from "node:assert/strict";
import { startAppServer } from "./_app_server.ts";
import { browserTestsEnabled, launchChromium } from "./_browser.ts";

const METHODS = ["get", "put", "post", "delete", "patch"];

/** `METHOD path` of every operation in an OpenAPI document. */
function operationsOf(document: { paths: Record<string, Record<string, unknown>> }): string[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method] !== undefined).map((m) => `${m.toUpperCase()} ${path}`)
  ).sort();
}

Deno.test({
  name: "/api/docs in Chromium: Swagger UI from our own build shows every operation of the " +
    "OpenAPI document, the table does without JavaScript, and nothing loads from off the machine",
  ignore: !browserTestsEnabled(),
  async fn() {
    const server = await startAppServer();
    const browser = await launchChromium();
    try {
      const document = await (await fetch(`${server.url}/api/v1/openapi.json`)).json();
      const expected = operationsOf(document);
      assert.ok(expected.length > 40, `only ${expected.length} operations in the document`);

      const page = await browser.newPage();
      const requested: string[] = [];
      const problems: string[] = [];
      page.on("request", (request) => requested.push(request.url()));
      page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
      page.on("console", (message) => {
        // The page declares no icon, so Chromium's own /favicon.ico may 404.
        if (message.location().url.endsWith("/favicon.ico")) return;
        // a CSP violation is reported as a console error, so a blocked load fails the test
        if (message.type() === "error") problems.push(`console: ${message.text()}`);
      });
      const response = await page.goto(`${server.url}/api/docs`);
      assert.equal(response?.status(), 200);
      assert.match(response?.headers()["content-security-policy"] ?? "", /script-src 'self'/);
      const blocks = page.locator("#swagger-ui .opblock");
      await blocks.first().waitFor();
      await page.waitForLoadState("networkidle");
      assert.equal(await page.locator("#operations-table").isHidden(), true);
      const shown = await blocks.evaluateAll((elements) =>
        elements.map((block) => {
          const method = block.querySelector(".opblock-summary-method")?.textContent ?? "";
          const path = block.querySelector(".opblock-summary-path")?.getAttribute("data-path");
          return `${method.toUpperCase()} ${path}`;
        })
      );
      assert.deepEqual([...new Set(shown)].sort(), expected);

      const script = requested.find((url) => /\/_fresh\/js\/swagger-ui-\w+\.js$/.test(url));
      assert.ok(script, "Swagger UI came from our own build");
      assert.ok(requested.includes(`${server.url}/api/v1/openapi.json`), "it read our document");
      const offMachine = requested.filter((url) => new URL(url).hostname !== "127.0.0.1");
      assert.deepEqual(offMachine, []);
      assert.deepEqual(problems, []);
      await page.close();

      const noScript = await browser.newContext({ javaScriptEnabled: false });
      const plain = await noScript.newPage();
      await plain.goto(`${server.url}/api/docs`);
      const listed = await plain.locator("#operations-table tbody tr").evaluateAll((rows) =>
        rows.map((row) => {
          const [method, path] = Array.from(row.querySelectorAll("td"), (cell) => cell.textContent);
          return `${method} ${path}`;
        })
      );
      assert.deepEqual([...listed].sort(), expected);
      assert.equal(await plain.getByRole("link", { name: "OpenAPI 3.1 document" }).count(), 1);
      await noScript.close();
    } finally {
      await browser.close();
      await server.stop();
    }
  },
});
