import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { adminHeaders, startAppServer } from "./_app_server.ts";
import { browserTestsEnabled, launchChromium, openPage, submit } from "./_browser.ts";
import { signInState, submitLogin } from "./_sign_in.ts";

const VIEWER = { username: "watcher", password: "viewer passphrase 1234" };

/** A refused form is answered 422 on purpose, which Chromium logs as a failed load. */
const REFUSED_FORM = /status of 422/;

async function noOverflow(page: Page, width: number, what: string): Promise<void> {
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(scrollWidth <= width, `${what} is ${scrollWidth} px wide at ${width} px`);
}

Deno.test({
  name:
    "trading from the dashboard in Chromium: sign-in, an alert, the kill switch, a rebalance, " +
    "a report, and a viewer without controls",
  ignore: !browserTestsEnabled(),
  async fn(t) {
    const artifacts = await Deno.makeTempDir({ prefix: "yeouido-trading-ui-" });
    // deno-lint-ignore no-console -- where to find the screenshots is for the person running this
    console.error(`trading UI screenshots: ${artifacts}`);
    const server = await startAppServer();
    const browser = await launchChromium();
    const problems: string[] = [];
    try {
      const api = await adminHeaders(server.url);

      await t.step("the sign-in page refuses a wrong password, then signs in", async () => {
        const page = await browser.newPage({ viewport: { width: 375, height: 900 } });
        await page.goto(`${server.url}/alerts`);
        assert.equal(new URL(page.url()).pathname, "/login");
        await submitLogin(page, "admin", "not the password");
        assert.match(
          await page.getByTestId("login-error").textContent() ?? "",
          /사용자 이름 또는 비밀번호가 틀렸습니다/,
        );
        await page.screenshot({ path: `${artifacts}/login-375.png`, fullPage: true });
        await submitLogin(page, "admin", "e2e admin passphrase");
        assert.equal(new URL(page.url()).pathname, "/alerts", "back where it was sent from");
        assert.match(await page.getByTestId("user-box").textContent() ?? "", /admin \(관리자\)/);
        await page.close();
      });

      const admin = await signInState(browser, server.url);

      await t.step(
        "an alert with a bad value is refused, named in Korean next to it; a good one is listed",
        async () => {
          const page = await openPage(browser, 1280, admin, problems, REFUSED_FORM);
          await page.goto(`${server.url}/alerts`);
          // the demo seeds alerts of its own
          const rows = () => page.locator("[data-testid=alerts-table] tbody tr").count();
          const before = await rows();
          const form = page.getByTestId("alert-form");
          await form.locator("input[name=symbol]").fill("005930");
          await form.locator("select[name=kind]").selectOption("stop_loss");
          await form.locator("input[name=value]").fill("12.5");
          await submit(page, "[data-testid=alert-form]");
          assert.match(
            await page.locator(".field-error").first().textContent() ?? "",
            /^정수를 입력하세요\.$/,
          );
          assert.equal(await rows(), before, "nothing was created");
          assert.equal(
            await page.locator("[data-testid=alert-form] input[name=value]").inputValue(),
            "12.5",
            "the form keeps what was typed",
          );
          await page.locator("[data-testid=alert-form] input[name=value]").fill("60000");
          await submit(page, "[data-testid=alert-form]");
          assert.equal(new URL(page.url()).search, "?done=create");
          assert.equal(await rows(), before + 1);
          const table = await page.getByTestId("alerts-table").textContent() ?? "";
          assert.match(table, /005930/);
          assert.match(table, /손절/);
          assert.match(table, /₩60,000/);
          await page.screenshot({ path: `${artifacts}/alerts-1280.png`, fullPage: true });
          await page.close();
        },
      );

      await t.step(
        "the kill switch: confirmed with a reason, then orders are refused and every page says so",
        async () => {
          const page = await openPage(browser, 1280, admin, problems, REFUSED_FORM);
          await page.goto(`${server.url}/settings`);
          const form = page.getByTestId("kill-form");
          await form.locator("input[name=reason]").fill("e2e 점검");
          await form.locator("input[name=confirm]").check();
          await submit(page, "[data-testid=kill-form]");
          assert.match(await page.getByTestId("kill-banner").textContent() ?? "", /e2e 점검/);
          const order = await fetch(`${server.url}/api/v1/orders`, {
            method: "POST",
            headers: {
              ...api,
              "content-type": "application/json",
              "idempotency-key": "e2e-kill-1",
            },
            body: JSON.stringify({
              symbol: "005930",
              side: "buy",
              quantity: 1,
              type: "limit",
              price: 60_000,
            }),
          });
          assert.equal(order.status, 409);
          assert.equal((await order.json()).error.code, "kill_switch");
          await page.goto(`${server.url}/`);
          assert.equal(await page.getByTestId("kill-banner").count(), 1, "the banner on /");
          await page.screenshot({ path: `${artifacts}/portfolio-kill-1280.png`, fullPage: true });
          await page.goto(`${server.url}/settings`);
          await page.screenshot({ path: `${artifacts}/settings-kill-1280.png`, fullPage: true });
          await page.getByTestId("kill-form").locator("input[name=reason]").fill("점검 끝");
          await page.getByTestId("kill-form").locator("input[name=confirm]").check();
          await submit(page, "[data-testid=kill-form]");
          assert.equal(await page.getByTestId("kill-banner").count(), 0);
          await page.close();
        },
      );

      await t.step(
        "rebalancing: targets over 100 % are refused; saved, previewed, run, on the timeline",
        async () => {
          const page = await openPage(browser, 1280, admin, problems, REFUSED_FORM);
          await page.goto(`${server.url}/rebalancing`);
          await page.waitForSelector("html[data-islands=ready]");
          const form = page.getByTestId("targets-form");
          // the demo seeds four targets; start from an empty editor
          for (
            const input of await form.locator("input[name^=symbol_], input[name^=weight_]").all()
          ) {
            await input.fill("");
          }
          await form.locator("input[name=symbol_0]").fill("005930");
          await form.locator("input[name=weight_0]").fill("70");
          await form.locator("input[name=symbol_1]").fill("000660");
          await form.locator("input[name=weight_1]").fill("40");
          assert.match(
            await page.getByTestId("weight-sum").textContent() ?? "",
            /110\.00% · 100%를 넘습니다/,
            "the total follows what is typed",
          );
          await submit(page, "[data-testid=targets-form]");
          assert.match(await page.getByTestId("targets-error").textContent() ?? "", /.+/);
          assert.match(await page.getByTestId("weight-sum").textContent() ?? "", /110\.00%/);
          await page.locator("[data-testid=targets-form] input[name=weight_0]").fill("30");
          await page.locator("[data-testid=targets-form] input[name=weight_1]").fill("20");
          await submit(page, "[data-testid=targets-form]");
          assert.match(await page.getByTestId("weight-sum").textContent() ?? "", /50\.00%/);
          await submit(page, "#preview form");
          assert.match(await page.getByTestId("drift-table").textContent() ?? "", /005930/);
          assert.ok(await page.getByTestId("plan-orders").locator("tbody tr").count() >= 1);
          await page.screenshot({
            path: `${artifacts}/rebalancing-preview-1280.png`,
            fullPage: true,
          });
          await page.getByTestId("run-form").locator("input[name=confirm]").check();
          await submit(page, "[data-testid=run-form]");
          assert.equal(new URL(page.url()).search, "?done=run");
          const timeline = await page.getByTestId("run-timeline").textContent() ?? "";
          assert.match(timeline, /005930/);
          assert.match(timeline, /매수/);
          await page.close();
        },
      );

      await t.step("the portfolio's live activity shows an order as it is placed", async () => {
        const page = await openPage(browser, 1280, admin, problems, REFUSED_FORM);
        await page.goto(`${server.url}/`);
        await page.waitForSelector("[data-testid=live-activity][data-connection=connected]");
        const placed = await fetch(`${server.url}/api/v1/orders`, {
          method: "POST",
          headers: { ...api, "content-type": "application/json", "idempotency-key": "e2e-live-1" },
          body: JSON.stringify({
            symbol: "000660",
            side: "buy",
            quantity: 1,
            type: "limit",
            price: 250_000,
          }),
        });
        assert.equal(placed.status, 201, await placed.clone().text());
        const { order } = await placed.json();
        await page.getByTestId("live-activity").getByText(order.id).first().waitFor({
          timeout: 10_000,
        });
        await page.screenshot({ path: `${artifacts}/portfolio-live-1280.png`, fullPage: true });
        await page.close();
      });

      await t.step("an open order is cancelled from /orders", async () => {
        const placed = await fetch(`${server.url}/api/v1/orders`, {
          method: "POST",
          headers: { ...api, "content-type": "application/json", "idempotency-key": "e2e-open-1" },
          body: JSON.stringify({
            symbol: "005930",
            side: "buy",
            quantity: 1,
            type: "limit",
            price: 40_000,
          }),
        });
        assert.equal(placed.status, 201, await placed.clone().text());
        const { order } = await placed.json();
        const page = await openPage(browser, 1280, admin, problems, REFUSED_FORM);
        await page.goto(`${server.url}/orders?status=submitted`);
        const row = page.locator("[data-testid=orders-table] tbody tr", { hasText: "₩40,000" });
        await Promise.all([page.waitForNavigation(), row.locator("button").click()]);
        assert.equal(new URL(page.url()).search, "?status=submitted&done=cancel");
        let status = "";
        for (let i = 0; i < 50 && status !== "cancelled"; i++) {
          const read = await fetch(`${server.url}/api/v1/orders/${order.id}`, { headers: api });
          status = (await read.json()).order.status;
          if (status !== "cancelled") await new Promise((r) => setTimeout(r, 200));
        }
        assert.equal(status, "cancelled");
        await page.close();
      });

      await t.step("reports: built now, listed and shown", async () => {
        const page = await openPage(browser, 1280, admin, problems, REFUSED_FORM);
        await page.goto(`${server.url}/reports`);
        await submit(page, "[data-testid=generate-form]");
        assert.equal(await page.getByTestId("reports-table").locator("tbody tr").count(), 1);
        const frame = page.frameLocator("[data-testid=report-frame]");
        assert.match(await frame.locator("body").textContent() ?? "", /\d[\d,]*원/);
        await page.screenshot({ path: `${artifacts}/reports-1280.png`, fullPage: true });
        await page.close();
      });

      await t.step("every new page fits 375 px", async () => {
        for (const path of ["/settings", "/alerts", "/rebalancing", "/reports", "/"]) {
          const page = await openPage(browser, 375, admin, problems, REFUSED_FORM);
          await page.goto(`${server.url}${path}`);
          await noOverflow(page, 375, path);
          const name = path === "/" ? "portfolio" : path.slice(1);
          await page.screenshot({ path: `${artifacts}/${name}-375.png`, fullPage: true });
          await page.close();
        }
      });

      await t.step("a viewer sees the pages without any trading control", async () => {
        const created = await fetch(`${server.url}/api/v1/users`, {
          method: "POST",
          headers: { ...api, "content-type": "application/json" },
          body: JSON.stringify({ ...VIEWER, role: "viewer" }),
        });
        assert.equal(created.status, 201, await created.text());
        const viewer = await signInState(browser, server.url, VIEWER.username, VIEWER.password);
        const page = await openPage(browser, 375, viewer, problems, REFUSED_FORM);
        await page.goto(`${server.url}/alerts`);
        assert.match(await page.getByTestId("user-box").textContent() ?? "", /watcher \(조회\)/);
        assert.equal(await page.getByTestId("alert-form").count(), 0);
        assert.equal(await page.locator("[data-testid=alerts-table] button").count(), 0);
        await page.goto(`${server.url}/settings`);
        assert.equal(await page.getByTestId("kill-form").count(), 0);
        assert.equal(await page.getByTestId("limits-form").count(), 0);
        await page.goto(`${server.url}/rebalancing`);
        assert.equal(await page.locator("[data-testid=targets-form] button").count(), 0);
        await page.goto(`${server.url}/orders`);
        assert.equal(await page.locator("[data-testid=orders-table] button").count(), 0);
        await page.goto(`${server.url}/reports`);
        assert.equal(await page.getByTestId("generate-form").count(), 0);
        await page.screenshot({ path: `${artifacts}/reports-viewer-375.png`, fullPage: true });
        await page.close();
      });

      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
      await server.stop();
    }
  },
});
