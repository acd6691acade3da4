import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { startAppServer } from "./_app_server.ts";
import { browserTestsEnabled, launchChromium, openPage } from "./_browser.ts";
import { signInState } from "./_sign_in.ts";
import { startTcpProxy } from "./_tcp_proxy.ts";

/** How long the demo may take to buy, reconcile and trade (a bound on a wait, not a speed target). */
const DEMO_WAIT_MS = 90_000;

/**
 * A dropped stream is reported by Chromium as a failed load before it reconnects, and the viewer's
 * 403 page, asked for on purpose, as a failed load too.
 */
const EXPECTED_LOADS = /net::ERR_|status of 403/;

/** `/` once the demo's first buys show in the holdings (reloading until they do). */
async function portfolioWithHoldings(page: Page, url: string): Promise<void> {
  const until = Date.now() + DEMO_WAIT_MS;
  for (;;) {
    await page.goto(`${url}/`);
    await page.waitForSelector("html[data-islands=ready]");
    if (await page.getByTestId("holdings-table").count() > 0) return;
    if (Date.now() > until) throw new Error("no holdings on / within the wait");
    await page.waitForTimeout(2_000);
  }
}

/** The first holding's symbol and last price as the page shows them. */
async function firstHolding(page: Page): Promise<{ symbol: string; price: string }> {
  const row = page.locator("[data-testid=holdings-table] tbody tr").first();
  return {
    symbol: await row.getAttribute("data-symbol") ?? "",
    price: await row.getByTestId("holding-price").textContent() ?? "",
  };
}

/** Waits until the price cell of `symbol` shows something else than `price`. */
async function priceMoves(page: Page, symbol: string, price: string): Promise<string> {
  const cell =
    `[data-testid=holdings-table] tr[data-symbol="${symbol}"] [data-testid=holding-price]`;
  await page.waitForFunction(
    ([selector, before]) => document.querySelector(selector)?.textContent !== before,
    [cell, price] as const,
    { timeout: DEMO_WAIT_MS, polling: 100 },
  );
  return await page.locator(cell).textContent() ?? "";
}

const won = (text: string) => Number(text.replace(/[^\d-]/g, ""));

Deno.test({
  name: "the dashboard in Chromium: live prices without a reload, reconnecting by itself; the " +
    "colour convention; the alerts tables at 375 px; the users admin page",
  ignore: !browserTestsEnabled(),
  async fn(t) {
    const artifacts = await Deno.makeTempDir({ prefix: "yeouido-live-dashboard-" });
    // deno-lint-ignore no-console -- where to find the screenshots is for the person running this
    console.error(`live dashboard screenshots: ${artifacts}`);
    const server = await startAppServer();
    const browser = await launchChromium();
    const problems: string[] = [];
    try {
      const admin = await signInState(browser, server.url);

      await t.step("a holding's price changes on / without a reload, and flashes", async () => {
        const page = await openPage(browser, 1280, admin, problems, EXPECTED_LOADS);
        await portfolioWithHoldings(page, server.url);
        await page.evaluate(() => Object.assign(globalThis, { notReloaded: true }));
        const before = await firstHolding(page);
        const equityBefore = await page.getByTestId("total-equity").textContent() ?? "";
        const after = await priceMoves(page, before.symbol, before.price);
        assert.equal(await page.evaluate(() => "notReloaded" in globalThis), true, "no reload");
        const cell = page.locator(
          `[data-testid=holdings-table] tr[data-symbol="${before.symbol}"] [data-testid=holding-price]`,
        );
        const tone = won(after) > won(before.price) ? "up" : "down";
        assert.equal(await cell.getAttribute("data-flash"), tone);
        assert.match(await cell.getAttribute("class") ?? "", new RegExp(`flash-${tone}`));
        await page.waitForFunction(
          (text) => document.querySelector("[data-testid=total-equity]")?.textContent !== text,
          equityBefore,
          { timeout: DEMO_WAIT_MS },
        );
        await page.screenshot({ path: `${artifacts}/portfolio-live-1280.png`, fullPage: true });
        await page.setViewportSize({ width: 375, height: 900 });
        await page.screenshot({ path: `${artifacts}/portfolio-live-375.png`, fullPage: true });
        await page.close();
      });

      await t.step("the stream reconnects by itself after its connection drops", async () => {
        const proxy = startTcpProxy(server.url);
        try {
          const page = await openPage(browser, 1280, admin, problems, EXPECTED_LOADS);
          await portfolioWithHoldings(page, proxy.url);
          const connection = (state: string) =>
            page.waitForSelector(`[data-testid=live-activity][data-connection=${state}]`, {
              timeout: 30_000,
            });
          await connection("connected");
          const { symbol, price } = await firstHolding(page);
          proxy.dropAll();
          await connection("reconnecting");
          await connection("connected");
          await priceMoves(page, symbol, price);
          await page.close();
        } finally {
          await proxy.close();
        }
      });

      await t.step(
        "green up turns .up green and .down red, and the doughnut's palette",
        async () => {
          const page = await openPage(browser, 1280, admin, problems, EXPECTED_LOADS);
          const colours = () =>
            page.evaluate(() => {
              const probe = (cls: string) => {
                const span = document.createElement("span");
                span.className = cls;
                document.body.append(span);
                const color = getComputedStyle(span).color;
                span.remove();
                return color;
              };
              const swatch = document.querySelector<HTMLElement>(
                "[data-testid=allocation-table] .swatch",
              );
              return {
                up: probe("up"),
                down: probe("down"),
                slice: swatch?.style.background ?? "",
              };
            });
          await page.goto(`${server.url}/`);
          assert.deepEqual(await colours(), {
            up: "rgb(214, 0, 0)",
            down: "rgb(0, 80, 208)",
            slice: "rgb(13, 148, 136)",
          });
          await page.goto(`${server.url}/?colors=green-up`);
          assert.deepEqual(await colours(), {
            up: "rgb(10, 125, 50)",
            down: "rgb(214, 0, 0)",
            slice: "rgb(37, 99, 235)",
          });
          await page.screenshot({
            path: `${artifacts}/portfolio-green-up-1280.png`,
            fullPage: true,
          });
          await page.goto(`${server.url}/orders`);
          assert.equal(await page.locator("html").getAttribute("class"), "colors-green-up", "kept");
          await page.goto(`${server.url}/?colors=red-up`);
          await page.close();
        },
      );

      await t.step(
        "the alerts tables stack into readable rows at 375 px, and stay tables at 1280",
        async () => {
          for (const width of [1280, 375]) {
            const page = await openPage(browser, width, admin, problems, EXPECTED_LOADS);
            await page.goto(`${server.url}/alerts`);
            await page.waitForSelector("[data-testid=alert-history] tbody tr", {
              timeout: DEMO_WAIT_MS,
            });
            const layout = await page.evaluate(() => {
              const table = document.querySelector("[data-testid=alerts-table]")!;
              const region = table.parentElement!;
              const cell = table.querySelector("tbody td")!;
              return {
                page: document.documentElement.scrollWidth,
                scrolls: region.scrollWidth > region.clientWidth + 1,
                display: getComputedStyle(cell).display,
              };
            });
            assert.ok(layout.page <= width, `/alerts is ${layout.page} px wide at ${width}`);
            if (width === 375) {
              assert.equal(layout.scrolls, false, "the alerts table fits its card");
              assert.equal(layout.display, "grid", "each cell a label and its value");
            } else {
              assert.equal(layout.display, "table-cell");
            }
            await page.screenshot({ path: `${artifacts}/alerts-${width}.png`, fullPage: true });
            await page.close();
          }
        },
      );

      await t.step(
        "an admin creates a viewer on /settings/users; the viewer sees no trader control",
        async () => {
          const page = await openPage(browser, 1280, admin, problems, EXPECTED_LOADS);
          await page.goto(`${server.url}/settings`);
          await Promise.all([page.waitForNavigation(), page.getByTestId("users-link").click()]);
          assert.equal(new URL(page.url()).pathname, "/settings/users");
          const form = page.getByTestId("user-form");
          await form.locator("input[name=username]").fill("looker");
          await form.locator("select[name=role]").selectOption("viewer");
          await Promise.all([
            page.waitForNavigation(),
            form.locator("button[type=submit]").click(),
          ]);
          const password = await page.locator("[data-testid=user-password] code").textContent() ??
            "";
          assert.match(password, /^[\w-]{24}$/, "a one-time password, shown once");
          assert.equal(await page.locator("tr[data-username=looker]").count(), 1);
          await page.screenshot({ path: `${artifacts}/users-1280.png`, fullPage: true });
          await page.setViewportSize({ width: 375, height: 900 });
          const width = await page.evaluate(() => document.documentElement.scrollWidth);
          assert.ok(width <= 375, `/settings/users is ${width} px wide at 375`);
          await page.screenshot({ path: `${artifacts}/users-375.png`, fullPage: true });
          await page.close();

          const looker = await signInState(browser, server.url, "looker", password);
          const viewer = await openPage(browser, 1280, looker, problems, EXPECTED_LOADS);
          await viewer.goto(`${server.url}/alerts`);
          assert.match(await viewer.getByTestId("user-box").textContent() ?? "", /looker/);
          assert.equal(await viewer.getByTestId("alert-form").count(), 0);
          await viewer.goto(`${server.url}/settings`);
          assert.equal(await viewer.getByTestId("kill-form").count(), 0);
          assert.equal(await viewer.getByTestId("users-link").count(), 0);
          const forbidden = await viewer.goto(`${server.url}/settings/users`);
          assert.equal(forbidden?.status(), 403);
          assert.equal(await viewer.getByTestId("users-forbidden").count(), 1);
          assert.equal(await viewer.getByTestId("users-table").count(), 0);
          await viewer.screenshot({
            path: `${artifacts}/users-forbidden-1280.png`,
            fullPage: true,
          });
          await viewer.close();
        },
      );

      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
      await server.stop();
    }
  },
});
