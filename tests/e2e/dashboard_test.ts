import assert from "node:assert/strict";
import { AlertRepository } from "@/core/alerts/repository.ts";
import { markTriggered } from "@/core/alerts/mod.ts";
import { KvJobStatusStore } from "@/core/jobs/mod.ts";
import { startSimulator } from "@/core/kis-sim/mod.ts";
import { openStore } from "@/core/store/mod.ts";
import { saveSignal } from "@/core/trading/mod.ts";
import { PROJECT_ROOT, removeKv, startAppServer, tempKvPath } from "./_app_server.ts";
import { signInState } from "./_sign_in.ts";
import { browserTestsEnabled, launchChromium } from "./_browser.ts";
import { startJournal } from "../trading/_journal.ts";

/** Every dashboard page, with text its server-rendered HTML must hold in Korean. */
const PAGES = [
  { path: "/", name: "portfolio", expect: [/포트폴리오/, /총 평가자산/, /₩[\d,]+/, /현금/] },
  // The demo's engine places the seeded strategies' orders soon after start: the page shows them,
  // or its empty state when it is opened first.
  {
    path: "/orders",
    name: "orders",
    expect: [/주문/, /주문 기록이 없습니다|005930|000660|035720/],
  },
  { path: "/alerts", name: "alerts", expect: [/손절/, /₩65,000/, /발동 기록/, /₩61,000/] },
  { path: "/strategies", name: "strategies", expect: [/demo-ma-cross/, /fast=5/, /매수/] },
  { path: "/health", name: "health", expect: [/예약 작업/, /strategy-run/, /정상/, /실패: /] },
] as const;

/** The demo account: the embedded simulator's, which its seed fixes. */
async function demoAccount(): Promise<string> {
  const sim = await startSimulator({ clock: { mode: "demo" } });
  try {
    return sim.credentials.account;
  } finally {
    await sim.close();
  }
}

/** Writes an alert that fired, two signals and a failed job run into the store at `path`. */
async function seedStore(path: string): Promise<void> {
  const store = await openStore({ path: `${PROJECT_ROOT}/${path}` });
  try {
    const account = await demoAccount();
    const alerts = new AlertRepository(store);
    await alerts.create({
      account,
      symbol: "005930",
      rule: { kind: "stop_loss", trigger: { basis: "price", price: 65_000 } },
    });
    const fired = await alerts.create({
      account,
      symbol: "035720",
      rule: { kind: "price_below", price: 61_000 },
      action: { kind: "notify_and_exit", quantity: { kind: "all" } },
    });
    const at = store.now();
    await alerts.trigger({
      alert: markTriggered(fired, 60_900, at),
      price: 60_900,
      at,
      level: 61_000,
      direction: "down",
    }, fired.updatedAt);
    for (const [symbol, action] of [["005930", "buy"], ["000660", "none"]] as const) {
      await saveSignal(store, {
        configId: "demo-ma-cross",
        strategy: "ma-cross",
        symbol,
        tradingDay: "2026-12-03",
        barDate: "2026-12-02",
        close: 71_200,
        target: action === "buy" ? 1 : 0,
        position: 0,
        action,
        idempotencyKey: null,
        outcome: { kind: "hold" },
        at,
      });
    }
    // A job the demo's clock never reaches (its market replays 09:00–15:20), so no run replaces it.
    await new KvJobStatusStore(store.kv).record({
      name: "pre-open-check",
      state: "error",
      startedAt: at - 1_200,
      finishedAt: at,
      durationMs: 1_200,
      error: "KIS timed out",
    });
  } finally {
    store.close();
  }
}

Deno.test({
  name: "every dashboard page in Chromium at 1280 px and 375 px: content, badge, no overflow, " +
    "no errors, no request off the app",
  ignore: !browserTestsEnabled(),
  async fn(t) {
    const kvPath = tempKvPath();
    const artifacts = await Deno.makeTempDir({ prefix: "yeouido-dashboard-" });
    // deno-lint-ignore no-console -- where to find the screenshots is for the person running this
    console.error(`dashboard screenshots: ${artifacts}`);
    await seedStore(kvPath);
    const server = await startAppServer({ KV_PATH: kvPath });
    const browser = await launchChromium();
    const appHost = new URL(server.url).host;
    try {
      const storageState = await signInState(browser, server.url);
      for (const width of [1280, 375]) {
        for (const { path, name, expect } of PAGES) {
          await t.step(`${path} at ${width} px`, async () => {
            const page = await browser.newPage({ viewport: { width, height: 900 }, storageState });
            const problems: string[] = [];
            page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
            page.on("console", (message) => {
              if (message.type() === "error") problems.push(`console: ${message.text()}`);
            });
            page.on("request", (request) => {
              const host = new URL(request.url()).host;
              if (host !== appHost) problems.push(`request to ${request.url()}`);
            });
            const response = await page.goto(`${server.url}${path}`);
            assert.equal(response?.status(), 200);
            const html = await response!.text();
            for (const pattern of expect) assert.match(html, pattern, `${path}: ${pattern}`);
            assert.equal(await page.getByTestId("market-badge").textContent(), "모의 시장");
            if (/<script/.test(html)) await page.waitForSelector("html[data-islands=ready]");
            await page.waitForLoadState("networkidle");
            const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
            assert.ok(scrollWidth <= width, `${path} is ${scrollWidth} px wide at ${width} px`);
            await page.screenshot({ path: `${artifacts}/${name}-${width}.png`, fullPage: true });
            assert.deepEqual(problems, []);
            await page.close();
          });
        }
      }

      await t.step("the footer's toggle switches to English and the choice sticks", async () => {
        const page = await browser.newPage({ viewport: { width: 375, height: 900 }, storageState });
        await page.goto(`${server.url}/health`);
        await page.getByRole("link", { name: "English" }).click();
        await page.waitForURL(/lang=en/);
        assert.equal(await page.locator("h1").textContent(), "Health");
        assert.equal(await page.getAttribute("html", "lang"), "en");
        await page.goto(`${server.url}/alerts`);
        assert.equal(await page.locator("h1").textContent(), "Alerts");
        await page.screenshot({ path: `${artifacts}/alerts-en-375.png`, fullPage: true });
        await page.close();
      });

      await t.step("dark mode follows the system", async () => {
        const page = await browser.newPage({
          storageState,
          viewport: { width: 375, height: 900 },
          colorScheme: "dark",
        });
        await page.goto(`${server.url}/alerts`);
        const background = await page.evaluate(() =>
          getComputedStyle(document.documentElement).backgroundColor
        );
        assert.equal(background, "rgb(11, 18, 32)");
        await page.screenshot({ path: `${artifacts}/alerts-dark-375.png`, fullPage: true });
        await page.close();
      });

      await t.step(
        "the portfolio's numbers and tables are in the HTML without JavaScript",
        async () => {
          const context = await browser.newContext({ javaScriptEnabled: false, storageState });
          const page = await context.newPage();
          await page.goto(`${server.url}/`);
          assert.match(await page.getByTestId("total-equity").textContent() ?? "", /^₩[\d,]+$/);
          // cash, and a row per holding once the demo's first orders have filled
          assert.ok(await page.getByTestId("allocation-table").locator("tr").count() >= 1);
          await context.close();
        },
      );

      await t.step("every link and control is reachable with the keyboard", async () => {
        const page = await browser.newPage({
          viewport: { width: 1280, height: 900 },
          storageState,
        });
        await page.goto(`${server.url}/`);
        const reached = new Set<string>();
        for (let i = 0; i < 25; i++) {
          await page.keyboard.press("Tab");
          const href = await page.evaluate(() => document.activeElement?.getAttribute("href"));
          if (href) reached.add(href);
        }
        for (const href of ["/orders", "/alerts", "/strategies", "/health"]) {
          assert.ok(reached.has(href), `Tab reaches ${href}`);
        }
        await page.close();
      });
    } finally {
      await browser.close();
      await server.stop();
      await removeKv(kvPath);
    }
  },
});

Deno.test({
  name: "a KIS account with holdings and orders: the portfolio and the orders filter in Chromium",
  ignore: !browserTestsEnabled(),
  async fn(t) {
    const kvPath = tempKvPath();
    const artifacts = await Deno.makeTempDir({ prefix: "yeouido-portfolio-" });
    // deno-lint-ignore no-console -- where to find the screenshots is for the person running this
    console.error(`portfolio screenshots: ${artifacts}`);
    // A simulator of this test's own stands in for KIS; the journal writes to the app's store.
    let wallShift = 0;
    await using rig = await startJournal(
      { wallClock: () => Date.now() + wallShift },
      `${PROJECT_ROOT}/${kvPath}`,
    );
    const { sim, broker } = rig.e2e;
    for (const [symbol, quantity] of [["005930", 30], ["000660", 4]] as const) {
      await rig.journal.placeOrder({
        idempotencyKey: `buy-${symbol}`,
        order: { type: "market", side: "buy", symbol: symbol as never, quantity },
      });
    }
    const low = (await broker.getQuote("035420" as never)).lowerLimit;
    await rig.journal.placeOrder({
      idempotencyKey: "resting",
      order: { type: "limit", side: "buy", symbol: "035420" as never, quantity: 2, price: low },
    });
    await rig.journal.reconcile();
    rig.store.close();
    // KIS issues a token once a minute per app key; the app asks after the test's broker did
    wallShift = 61_000;
    const server = await startAppServer({
      KIS_APP_KEY: sim.credentials.appKey,
      KIS_APP_SECRET: sim.credentials.appSecret,
      KIS_ACCOUNT: sim.credentials.account,
      KIS_ENV: sim.env,
      KIS_REST_URL: sim.restUrl,
      KIS_WS_URL: sim.wsUrl,
      KV_PATH: kvPath,
    });
    const browser = await launchChromium();
    try {
      const storageState = await signInState(browser, server.url);
      for (const width of [1280, 375]) {
        await t.step(
          `/ at ${width} px: two holdings, three orders, nothing overflows`,
          async () => {
            const page = await browser.newPage({ viewport: { width, height: 900 }, storageState });
            const errors: string[] = [];
            page.on("pageerror", (error) => errors.push(error.message));
            await page.goto(`${server.url}/`);
            await page.waitForSelector("html[data-islands=ready]");
            await page.screenshot({ path: `${artifacts}/portfolio-${width}.png`, fullPage: true });
            assert.equal(await page.getByTestId("holdings-table").locator("tbody tr").count(), 2);
            assert.equal(await page.getByTestId("orders-table").locator("tbody tr").count(), 3);
            assert.equal(await page.getByTestId("allocation-table").locator("tr").count(), 3);
            assert.equal(await page.getByTestId("market-badge").count(), 0);
            const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
            assert.ok(scrollWidth <= width, `/ is ${scrollWidth} px wide at ${width} px`);
            assert.deepEqual(errors, []);
            await page.close();
          },
        );
      }

      await t.step("the orders filter shows the one open order with its KIS number", async () => {
        const page = await browser.newPage({
          viewport: { width: 1280, height: 900 },
          storageState,
        });
        await page.goto(`${server.url}/orders`);
        await page.getByRole("link", { name: "접수", exact: true }).click();
        await page.waitForURL(/status=submitted/);
        const rows = page.getByTestId("orders-table").locator("tbody tr");
        assert.equal(await rows.count(), 1);
        assert.match(await rows.first().textContent() ?? "", /035420.*\d+-\d+/);
        await page.screenshot({ path: `${artifacts}/orders-submitted-1280.png`, fullPage: true });
        await page.close();
      });
    } finally {
      await browser.close();
      await server.stop();
      await removeKv(kvPath);
    }
  },
});
