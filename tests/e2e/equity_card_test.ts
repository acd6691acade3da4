import assert from "node:assert/strict";
import { startSimulator } from "@/core/kis-sim/mod.ts";
import { addDays, seoulDate } from "@/core/krx/mod.ts";
import { buildDailyReport, saveReport } from "@/core/report/mod.ts";
import { openStore } from "@/core/store/mod.ts";
import { balance, quietDay } from "../report/_fixtures.ts";
import { PROJECT_ROOT, removeKv, startAppServer, tempKvPath } from "./_app_server.ts";
import { browserTestsEnabled, launchChromium } from "./_browser.ts";
import { signInState } from "./_sign_in.ts";

/** Stores five daily reports of the demo account up to yesterday on the demo market's clock. */
async function seedReports(path: string): Promise<void> {
  const sim = await startSimulator({ clock: { mode: "demo" } });
  const account = sim.credentials.account;
  const today = seoulDate(sim.clock.now());
  await sim.close();
  const store = await openStore({ path: `${PROJECT_ROOT}/${path}` });
  try {
    const equities = [10_000_000, 10_120_000, 10_060_000, 10_240_000, 10_310_000];
    for (const [i, equity] of equities.entries()) {
      await saveReport(
        store,
        buildDailyReport(quietDay({
          accountId: account,
          date: addDays(today, i - equities.length),
          balance: balance(equity, []),
          previousEquity: i === 0 ? null : equities[i - 1]!,
          capital: 10_000_000,
        })),
      );
    }
  } finally {
    store.close();
  }
}

Deno.test({
  name: "/ shows the equity card in Chromium at 1280 px and 375 px without overflow",
  ignore: !browserTestsEnabled(),
  async fn(t) {
    const kvPath = tempKvPath();
    const artifacts = await Deno.makeTempDir({ prefix: "yeouido-equity-" });
    // deno-lint-ignore no-console -- where to find the screenshots is for the person running this
    console.error(`equity card screenshots: ${artifacts}`);
    await seedReports(kvPath);
    const server = await startAppServer({ KV_PATH: kvPath });
    const browser = await launchChromium();
    try {
      const storageState = await signInState(browser, server.url);
      for (const width of [1280, 375]) {
        await t.step(`at ${width} px`, async () => {
          const page = await browser.newPage({ viewport: { width, height: 900 }, storageState });
          const problems: string[] = [];
          page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
          await page.goto(`${server.url}/`);
          await page.waitForSelector("html[data-islands=ready]");
          const card = page.getByTestId("equity-card");
          assert.ok(await card.isVisible());
          assert.match(await page.getByTestId("equity-cumulative-pnl").textContent() ?? "", /₩/);
          // the island replaces the server's SVG with a chart.js canvas once it runs
          const chart = page.locator("[data-testid=equity-chart][data-drawn=chartjs] canvas");
          await chart.waitFor();
          assert.match(await chart.getAttribute("aria-label") ?? "", /선 그래프/);
          const box = await chart.boundingBox();
          assert.ok(box !== null && box.width > 200 && box.x + box.width <= width, `${box?.width}`);
          const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
          assert.ok(scrollWidth <= width, `/ is ${scrollWidth} px wide at ${width} px`);
          await card.screenshot({ path: `${artifacts}/equity-card-${width}.png` });
          await page.screenshot({ path: `${artifacts}/portfolio-${width}.png`, fullPage: true });
          assert.deepEqual(problems, []);
          await page.close();
        });
      }
      await t.step("without JavaScript the curve is the server's SVG", async () => {
        const context = await browser.newContext({ javaScriptEnabled: false, storageState });
        const page = await context.newPage();
        await page.goto(`${server.url}/`);
        const svg = page.locator("[data-testid=equity-chart][data-drawn=svg] svg[role=img]");
        assert.ok(await svg.isVisible());
        assert.equal(await svg.locator("polyline").count(), 2);
        await page.getByTestId("equity-card").screenshot({ path: `${artifacts}/equity-svg.png` });
        await context.close();
      });
    } finally {
      await browser.close();
      await server.stop();
      await removeKv(kvPath);
    }
  },
});
