import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { formatKrw } from "@/core/web/format.ts";
import { startAppServer } from "./_app_server.ts";
import { browserTestsEnabled, launchChromium, openPage } from "./_browser.ts";
import { signInState } from "./_sign_in.ts";

/** A refused input is the API's 4xx on purpose, which Chromium logs as a failed load. */
const REFUSED_INPUT = /status of 4\d\d/;

/** The strategy's final equity as the metrics table shows it. */
function finalEquity(page: Page): Promise<string> {
  return page.locator("[data-metric=finalEquity] td").first().innerText();
}

/** Waits until the lab is idle again after an edit (the debounce, then the API's answer). */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const results = document.querySelector("[data-testid=lab-results]");
    return results?.getAttribute("data-state") === "idle";
  });
}

Deno.test({
  name: "the backtest lab in Chromium: results re-render when a parameter changes, the link " +
    "restores the inputs, and the layout holds at 375 px",
  ignore: !browserTestsEnabled(),
  async fn(t) {
    const artifacts = await Deno.makeTempDir({ prefix: "yeouido-backtest-lab-" });
    // deno-lint-ignore no-console -- where to find the screenshots is for the person running this
    console.error(`backtest lab screenshots: ${artifacts}`);
    const server = await startAppServer();
    const browser = await launchChromium();
    const problems: string[] = [];
    try {
      const state = await signInState(browser, server.url);
      let shareUrl = "";
      let changedEquity = "";

      await t.step("the lab opens with metrics and charts for the default inputs", async () => {
        const page = await openPage(browser, 1280, state, problems, REFUSED_INPUT);
        await page.goto(`${server.url}/backtest?symbols=005930`);
        await page.waitForSelector("html[data-islands=ready]");
        await page.waitForSelector("[data-testid=chart-equity]");
        await page.waitForSelector("[data-testid=chart-price]");
        assert.match(await finalEquity(page), /^₩[\d,]+$/);
        assert.match(
          await page.getByTestId("chart-equity").getAttribute("aria-label") ?? "",
          /매수 후 보유/,
        );
        assert.equal(await page.getByTestId("param-fast").inputValue(), "5");
        await page.screenshot({ path: `${artifacts}/lab-1280.png`, fullPage: true });
        await page.close();
      });

      await t.step("a new parameter re-runs the backtest and rewrites the URL", async () => {
        const page = await openPage(browser, 1280, state, problems, REFUSED_INPUT);
        await page.goto(`${server.url}/backtest?symbols=005930`);
        await page.waitForSelector("html[data-islands=ready]");
        const before = await finalEquity(page);
        await page.getByTestId("param-fast").fill("12");
        await page.getByTestId("param-slow").fill("40");
        await page.waitForFunction(
          (old) => {
            const cell = document.querySelector("[data-metric=finalEquity] td");
            return cell !== null && cell.textContent !== old;
          },
          before,
        );
        await settled(page);
        changedEquity = await finalEquity(page);
        assert.notEqual(changedEquity, before);
        const url = new URL(page.url());
        assert.equal(url.searchParams.get("p.fast"), "12");
        assert.equal(url.searchParams.get("p.slow"), "40");
        assert.equal(
          await page.getByTestId("lab-share").getAttribute("href"),
          `${url.pathname}${url.search}`,
          "the share link is the address",
        );
        shareUrl = page.url();

        await page.getByTestId("param-slow").fill("1");
        await page.waitForSelector("[data-testid=error-lab-error-p-slow]");
        assert.match(await page.getByTestId("error-lab-error-p-slow").innerText(), /slow/);
        assert.equal(await finalEquity(page), changedEquity, "the last good results stay");
        await page.screenshot({ path: `${artifacts}/lab-refused-1280.png`, fullPage: true });
        await page.close();
      });

      await t.step("the share link restores the inputs and the same results", async () => {
        const page = await openPage(browser, 1280, state, problems, REFUSED_INPUT);
        await page.goto(shareUrl);
        assert.equal(await page.getByTestId("param-fast").inputValue(), "12");
        assert.equal(await page.getByTestId("param-slow").inputValue(), "40");
        assert.equal(await page.getByTestId("input-symbols").inputValue(), "005930");
        assert.equal(await finalEquity(page), changedEquity);
        await page.close();
      });

      await t.step(
        "a saved run is stored, runs on the queue and reports the same numbers",
        async () => {
          const page = await openPage(browser, 1280, state, problems, REFUSED_INPUT);
          await page.goto(shareUrl);
          await page.waitForSelector("html[data-islands=ready]");
          await page.getByTestId("lab-save").locator("button[type=submit]").click();
          const saved = page.getByTestId("lab-saved");
          await saved.waitFor();
          assert.equal(new URL(page.url()).search, new URL(shareUrl).search, "saved in place");
          const id = (await saved.locator("a").innerText()).trim();
          let run: { status: string; report?: { metrics: { finalEquity: number } } } | undefined;
          for (let i = 0; i < 100 && run?.status !== "done"; i++) {
            const answer = await page.request.get(`${server.url}/api/v1/backtests/runs/${id}`);
            run = (await answer.json()).run;
            if (run?.status !== "done") await new Promise((r) => setTimeout(r, 200));
          }
          assert.equal(run?.status, "done");
          assert.equal(formatKrw(run!.report!.metrics.finalEquity), changedEquity);
          await page.screenshot({ path: `${artifacts}/lab-saved-1280.png`, fullPage: true });
          await page.close();
        },
      );

      await t.step("the strategy's select swaps in its own parameters", async () => {
        const page = await openPage(browser, 1280, state, problems, REFUSED_INPUT);
        await page.goto(`${server.url}/backtest?symbols=005930`);
        await page.waitForSelector("html[data-islands=ready]");
        await page.getByTestId("input-strategy").selectOption("bollinger");
        await page.waitForSelector("select[name='p.exit']");
        await settled(page);
        assert.equal(new URL(page.url()).searchParams.get("strategy"), "bollinger");
        assert.equal(await page.getByTestId("param-k").inputValue(), "2");
        await page.close();
      });

      await t.step(
        "the inputs are reached with Tab; Enter runs without leaving the page",
        async () => {
          const page = await openPage(browser, 1280, state, problems, REFUSED_INPUT);
          await page.goto(`${server.url}/backtest?symbols=005930`);
          await page.waitForSelector("html[data-islands=ready]");
          await page.evaluate(() => Object.assign(globalThis, { labMarker: "same page" }));
          await page.getByTestId("input-strategy").focus();
          const reached: string[] = [];
          for (let i = 0; i < 4; i++) {
            await page.keyboard.press("Tab");
            reached.push(
              await page.evaluate(() => {
                const element = document.activeElement as HTMLInputElement;
                return element.getAttribute("data-testid") ?? element.type;
              }),
            );
          }
          assert.deepEqual(reached, ["range", "param-fast", "range", "param-slow"]);
          const before = await finalEquity(page);
          await page.keyboard.press("Backspace");
          await page.keyboard.press("Backspace");
          await page.keyboard.type("30");
          await page.keyboard.press("Enter");
          await page.waitForFunction(
            (old) => document.querySelector("[data-metric=finalEquity] td")?.textContent !== old,
            before,
          );
          await settled(page);
          assert.equal(new URL(page.url()).searchParams.get("p.slow"), "30");
          assert.equal(
            await page.evaluate(() => (globalThis as { labMarker?: string }).labMarker),
            "same page",
          );
          await page.close();
        },
      );

      await t.step("an expired access cookie is renewed and the edit still runs", async () => {
        const page = await openPage(browser, 1280, state, problems, REFUSED_INPUT);
        await page.goto(`${server.url}/backtest?symbols=005930`);
        await page.waitForSelector("html[data-islands=ready]");
        const before = await finalEquity(page);
        await page.context().clearCookies({ name: "__Host-yeouido_access" });
        await page.getByTestId("param-fast").fill("3");
        await page.waitForFunction(
          (old) => document.querySelector("[data-metric=finalEquity] td")?.textContent !== old,
          before,
        );
        await settled(page);
        assert.equal(await page.getByTestId("lab-failure").count(), 0);
        const cookies = await page.context().cookies();
        assert.ok(cookies.some((c) => c.name === "__Host-yeouido_access"), "a new access cookie");
        await page.close();
      });

      await t.step(
        "at 375 px, in English, the page does not overflow and the charts fit",
        async () => {
          const page = await openPage(browser, 375, state, problems, REFUSED_INPUT);
          await page.goto(`${server.url}/backtest?lang=en`);
          await page.waitForSelector("html[data-islands=ready]");
          await page.waitForSelector("[data-testid=chart-price]");
          await page.screenshot({ path: `${artifacts}/lab-375.png`, fullPage: true });
          const width = await page.evaluate(() => document.documentElement.scrollWidth);
          assert.ok(width <= 375, `the page is ${width} px wide`);
          const chart = await page.getByTestId("chart-equity").boundingBox();
          assert.ok(chart !== null && chart.width <= 375, "the equity chart fits");
          await page.close();
        },
      );

      await t.step("two symbols in dark mode; the price chart shows the one chosen", async () => {
        const page = await openPage(browser, 1280, state, problems, REFUSED_INPUT);
        await page.emulateMedia({ colorScheme: "dark" });
        await page.goto(`${server.url}/backtest?symbols=005930,000660`);
        await page.waitForSelector("[data-testid=chart-price]");
        await page.getByTestId("price-symbol").selectOption("000660");
        await page.waitForSelector("[data-testid=chart-price][aria-label^='000660']");
        await page.screenshot({ path: `${artifacts}/lab-dark-1280.png`, fullPage: true });
        await page.close();
      });

      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
      await server.stop();
    }
  },
});
