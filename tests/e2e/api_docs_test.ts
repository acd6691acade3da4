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
  name: "/api/docs in Chromium lists every operation of the OpenAPI document and loads nothing " +
    "from off the machine",
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
        // The page declares no icon (it loads nothing), so Chromium's own /favicon.ico may 404.
        if (message.location().url.endsWith("/favicon.ico")) return;
        if (message.type() === "error") problems.push(`console: ${message.text()}`);
      });
      const response = await page.goto(`${server.url}/api/docs`);
      assert.equal(response?.status(), 200);
      await page.waitForLoadState("networkidle");

      const listed = await page.locator("table tbody tr").evaluateAll((rows) =>
        rows.map((row) => {
          const [method, path] = Array.from(row.querySelectorAll("td"), (cell) => cell.textContent);
          return `${method} ${path}`;
        })
      );
      assert.deepEqual([...listed].sort(), expected);
      assert.equal(await page.getByRole("link", { name: "OpenAPI 3.1 document" }).count(), 1);

      assert.ok(requested.includes(`${server.url}/api/docs`), "the recorder saw the page itself");
      const offMachine = requested.filter((url) => new URL(url).hostname !== "127.0.0.1");
      assert.deepEqual(offMachine, []);
      assert.deepEqual(problems, []);
      await page.close();
    } finally {
      await browser.close();
      await server.stop();
    }
  },
});
