import assert from "node:assert/strict";
import { createApp } from "@/core/web/mod.ts";
import { buildFixtureClient, loadFixtureManifest } from "../web/_fixture.ts";
import { browserTestsEnabled, launchChromium } from "./_browser.ts";

Deno.test({
  name: "island props survive the trip to the browser: one signal in two islands, Date, Uint8Array",
  ignore: !browserTestsEnabled(),
  async fn(t) {
    await buildFixtureClient();
    const app = await createApp(await loadFixtureManifest());
    const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, app.fetch);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      await page.goto(`http://127.0.0.1:${server.addr.port}/islands`);
      const values = page.locator(".counter .value");

      await t.step("clicking one Counter updates both, since they share one signal", async () => {
        await page.waitForSelector("html[data-islands=ready]");
        assert.deepEqual(await values.allTextContents(), ["5", "5"]);
        const buttons = page.locator(".counter button");
        await buttons.nth(0).click();
        await page.waitForFunction(() =>
          [...document.querySelectorAll(".counter .value")].map((e) => e.textContent).join() ===
            "6,6"
        );
        await buttons.nth(1).click();
        await page.waitForFunction(() =>
          [...document.querySelectorAll(".counter .value")].map((e) => e.textContent).join() ===
            "7,7"
        );
      });

      await t.step(
        "Date and Uint8Array props arrive as such and render the same as on the server",
        async () => {
          assert.equal(
            (await page.locator(".echo").textContent())?.replace(/\s+/g, " ").trim(),
            "2026-01-02T03:04:05.000Z 1,2,250 34",
          );
          assert.deepEqual(errors, []);
        },
      );

      await t.step("the nested island rendered once, inside its parent", async () => {
        assert.equal(await page.locator(".inner").count(), 1);
        assert.equal(await page.locator(".outer .inner").count(), 1);
      });
    } finally {
      await browser.close();
      await server.shutdown();
    }
  },
});
