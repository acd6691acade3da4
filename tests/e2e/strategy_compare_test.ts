import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { startAppServer } from "./_app_server.ts";
import { browserTestsEnabled, launchChromium, openPage, submit } from "./_browser.ts";
import { signInState } from "./_sign_in.ts";

/** A refused form is answered 422 on purpose, which Chromium logs as a failed load. */
const REFUSED_FORM = /status of 422/;

/** Reloads `page` until `done` holds (real time, at most `limitMs`). */
async function reloadUntil(
  page: Page,
  done: () => Promise<boolean>,
  what: string,
  limitMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await done())) {
    assert.ok(Date.now() < deadline, `${what} did not happen in ${limitMs} ms`);
    await page.waitForTimeout(500);
    await page.reload();
  }
}

async function noOverflow(page: Page, width: number, what: string): Promise<void> {
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(scrollWidth <= width, `${what} is ${scrollWidth} px wide at ${width} px`);
}

Deno.test({
  name: "strategy comparison in Chromium: two saved runs overlaid with their metrics, and a " +
    "sweep's heatmap",
  ignore: !browserTestsEnabled(),
  async fn(t) {
    const artifacts = await Deno.makeTempDir({ prefix: "yeouido-compare-" });
    // deno-lint-ignore no-console -- where to find the screenshots is for the person running this
    console.error(`strategy comparison screenshots: ${artifacts}`);
    const server = await startAppServer();
    const browser = await launchChromium();
    const problems: string[] = [];
    try {
      const admin = await signInState(browser, server.url);
      const page = await openPage(browser, 1280, admin, problems, REFUSED_FORM);
      let compareUrl = "";

      await t.step("the strategies page leads to the comparison page", async () => {
        await page.goto(`${server.url}/strategies`);
        await Promise.all([page.waitForNavigation(), page.getByTestId("compare-link").click()]);
        assert.equal(new URL(page.url()).pathname, "/strategies/compare");
        assert.equal(await page.locator("h1").textContent(), "전략 비교");
      });

      await t.step("a parameter written without = is refused next to its field", async () => {
        await page.fill("[data-testid=run-form] input[name=params]", "fast");
        await submit(page, "[data-testid=run-form]");
        assert.match(
          await page.getByTestId("run-error").textContent() ?? "",
          /이름=값 형식/,
        );
      });

      await t.step("a symbol that is no KRX code is refused with the API's words", async () => {
        await page.fill("[data-testid=run-form] input[name=params]", "fast=5, slow=20");
        await page.fill("[data-testid=run-form] input[name=symbols]", "SAMSUNG");
        await submit(page, "[data-testid=run-form]");
        assert.ok(await page.getByTestId("run-error").isVisible());
        assert.match(
          await page.locator("[data-testid=run-form] .field-error").first().textContent() ?? "",
          /6 digits/,
        );
      });

      await t.step("two runs are saved and finish", async () => {
        for (
          const [name, params] of [["MA 5/20", "fast=5, slow=20"], ["MA 10/60", "fast=10, slow=60"]]
        ) {
          await page.goto(`${server.url}/strategies/compare`);
          await page.fill("[data-testid=run-form] input[name=name]", name!);
          await page.fill("[data-testid=run-form] input[name=params]", params!);
          await submit(page, "[data-testid=run-form]");
          assert.ok(await page.getByTestId("run-done").isVisible(), `${name} queued`);
        }
        await reloadUntil(
          page,
          async () => (await page.locator("[data-testid=run-row] .run-done").count()) === 2,
          "both runs finishing",
        );
      });

      await t.step("comparing them draws two curves and shows both runs' metrics", async () => {
        const boxes = page.locator("[data-testid=run-row] input[type=checkbox]");
        assert.equal(await boxes.count(), 2);
        await boxes.nth(0).check();
        await boxes.nth(1).check();
        await Promise.all([page.waitForNavigation(), page.getByTestId("compare-button").click()]);
        compareUrl = page.url();
        assert.equal(new URL(compareUrl).searchParams.getAll("run").length, 2);
        await page.waitForSelector("[data-testid=comparison] canvas[data-curves='2']");
        const headers = await page.locator("[data-testid=metrics-table] thead th")
          .allTextContents();
        assert.equal(headers.length, 3);
        assert.match(headers.join(" "), /MA 5\/20/);
        assert.match(headers.join(" "), /MA 10\/60/);
        const rows = await page.locator("[data-testid=metrics-table] tbody tr").allTextContents();
        assert.equal(rows.length, 8);
        assert.match(rows[0]!, /총수익률.*%.*%/);
        await page.screenshot({ path: `${artifacts}/compare-1280.png`, fullPage: true });
      });

      await t.step("at 375 px the comparison fits the screen", async () => {
        const narrow = await openPage(browser, 375, admin, problems, REFUSED_FORM);
        await narrow.goto(compareUrl);
        await narrow.waitForSelector("[data-testid=comparison] canvas[data-curves='2']");
        await noOverflow(narrow, 375, "the comparison page");
        await narrow.screenshot({ path: `${artifacts}/compare-375.png`, fullPage: true });
        await narrow.close();
      });

      await t.step("a 2 × 2 sweep shows its progress, then its heatmap", async () => {
        await page.goto(`${server.url}/strategies/compare`);
        await page.fill("[data-testid=sweep-form] input[name=xValues]", "3..5:2");
        await page.fill("[data-testid=sweep-form] input[name=yValues]", "20, 30");
        await submit(page, "[data-testid=sweep-form]");
        assert.ok(new URL(page.url()).searchParams.get("sweep"));
        // the page reloads itself (Refresh header) while the sweep runs
        await page.waitForSelector("[data-testid=heatmap]", { timeout: 60_000 });
        const cells = page.locator("[data-testid=heatmap] tbody td");
        assert.equal(await cells.count(), 4);
        assert.equal(await page.locator("[data-testid=heatmap] tbody tr").count(), 2);
        assert.equal(await page.locator("[data-testid=heatmap] td.best").count(), 1);
        assert.match(
          await page.getByTestId("sweep-best").textContent() ?? "",
          /fast=\d+, slow=\d+/,
        );
        await page.locator("#sweep-result").scrollIntoViewIfNeeded();
        await page.screenshot({ path: `${artifacts}/sweep-1280.png`, fullPage: true });
        const narrow = await openPage(browser, 375, admin, problems, REFUSED_FORM);
        await narrow.goto(page.url());
        await narrow.waitForSelector("[data-testid=heatmap]");
        await noOverflow(narrow, 375, "the sweep's page");
        await narrow.screenshot({ path: `${artifacts}/sweep-375.png`, fullPage: true });
        await narrow.close();
      });

      await t.step("English shows the same page in English", async () => {
        await page.goto(`${compareUrl.split("#")[0]}&lang=en`);
        assert.equal(await page.locator("h1").textContent(), "Strategy comparison");
        assert.match(
          await page.locator("[data-testid=metrics-table] tbody tr").first().textContent() ?? "",
          /Total return/,
        );
      });

      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
      await server.stop();
    }
  },
});
