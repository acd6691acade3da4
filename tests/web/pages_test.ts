import assert from "node:assert/strict";
import { OrderRepository } from "@/core/trading/mod.ts";
import { openDashboard } from "./_dashboard.ts";
import { getPage, signIn, TEST_ADMIN_PASSWORD } from "./_session.ts";

Deno.test("the dashboard pages render from the running services, and say so when a source fails", async (t) => {
  await using dashboard = await openDashboard({ build: true });
  const { app } = dashboard;
  let session = "";
  const get = async (path: string, extra: { cookie?: string } = {}) => {
    const response = await getPage(app, path, [session, extra.cookie].filter(Boolean).join("; "));
    return { response, html: await response.text() };
  };

  await t.step("without services (the dev server) each page says so, with a 200", async () => {
    for (const path of ["/", "/orders", "/alerts", "/strategies", "/health"]) {
      const { response, html } = await get(path);
      assert.equal(response.status, 200, path);
      assert.match(html, /앱의 서비스가 시작되지 않았습니다/, path);
    }
  });

  const services = await dashboard.startDemo();
  session = await signIn(app, "admin", TEST_ADMIN_PASSWORD);

  await t.step(
    "a broker that fails: a message on the page, not a 500 (and no failure is kept)",
    async () => {
      services.simulator!.faults.inject({
        kind: "corruptFields",
        fields: { dnca_tot_amt: "many" },
      });
      try {
        const portfolio = await get("/");
        assert.equal(portfolio.response.status, 200);
        assert.match(portfolio.html, /증권사 서버에 연결할 수 없습니다/);
        assert.match(portfolio.html, /주문 기록이 없습니다/, "the journal still shows");
        const health = await get("/health");
        assert.equal(health.response.status, 200);
        assert.match(health.html, /data-testid="broker-state" class="bad">연결 안 됨/);
      } finally {
        services.simulator!.faults.clear();
      }
    },
  );

  await t.step(
    "the portfolio shows the demo account's cash and the 모의 시장 badge",
    async () => {
      const { response, html } = await get("/");
      assert.equal(response.status, 200);
      assert.match(html, /data-testid="total-equity"><span class="num">₩10,000,000</);
      assert.match(html, /data-testid="market-badge"[^>]*>모의 시장</);
      assert.match(html, /<!--frsh:island:AllocationChart:\d+-->/);
    },
  );

  await t.step("pages without a chart send no script", async () => {
    for (const path of ["/orders", "/alerts", "/strategies", "/health"]) {
      assert.doesNotMatch((await get(path)).html, /<script/i, path);
    }
  });

  await t.step(
    "?lang=en answers in English and sets the cookie; the cookie keeps it",
    async () => {
      const first = await get("/health?lang=en");
      assert.match(first.response.headers.get("set-cookie") ?? "", /^lang=en; Path=\//);
      assert.match(first.html, /<html lang="en" class="colors-red-up">/);
      assert.match(first.html, /<h1>Health<\/h1>/);
      assert.equal(first.response.headers.get("refresh"), "30");
      const later = await get("/strategies", { cookie: "lang=en" });
      assert.match(later.html, /<h1>Strategies<\/h1>/);
      assert.equal(later.response.headers.get("set-cookie"), null);
    },
  );

  await t.step(
    "?colors=green-up turns the page's colours to green up and red down and sets the cookie",
    async () => {
      const first = await get("/?colors=green-up");
      assert.match(first.response.headers.get("set-cookie") ?? "", /^colors=green-up; Path=\//);
      assert.match(first.html, /<html lang="ko" class="colors-green-up">/);
      assert.match(first.html, /data-testid="colors-toggle"[^]*<a href="\/\?colors=red-up">/);
      const later = await get("/health", { cookie: "colors=green-up" });
      assert.match(later.html, /class="colors-green-up"/);
      assert.equal(later.response.headers.get("set-cookie"), null);
      assert.match((await get("/health")).html, /class="colors-red-up"/);
    },
  );

  await t.step(
    "orders: an unknown status lists every order; a forged cursor is a 400",
    async () => {
      const all = await get("/orders?status=nonsense");
      assert.equal(all.response.status, 200);
      assert.match(all.html, /주문 기록이 없습니다/);
      assert.equal((await get("/orders?cursor=garbage!")).response.status, 400);
    },
  );

  await t.step(
    "orders page by links: 50 a page, then the rest, and back to the first",
    async () => {
      const accountId = services.accountId;
      const orders = new OrderRepository(services.store, accountId);
      for (let i = 0; i < 51; i++) {
        const at = services.store.now();
        await orders.createIntent(
          {
            id: services.store.nextId(),
            accountId,
            idempotencyKey: `page-${i}`,
            request: {
              type: "limit",
              side: "buy",
              symbol: "005930" as never,
              quantity: 1,
              price: 50_000,
            },
            createdAt: at,
            updatedAt: at,
            replaces: null,
            status: "intent",
          },
          "2026-12-03" as never,
          50_000,
          [],
        );
      }
      const rowsOf = (html: string) => html.match(/<tr><td class="nowrap">/g)?.length ?? 0;
      const first = await get("/orders?status=intent");
      assert.equal(rowsOf(first.html), 50);
      const next = /<a href="([^"]+)" rel="next">/.exec(first.html)?.[1]?.replaceAll(
        "&amp;",
        "&",
      );
      assert.ok(next?.startsWith("/orders?status=intent&cursor="), next);
      const second = await get(next!);
      assert.equal(rowsOf(second.html), 1);
      assert.doesNotMatch(second.html, /rel="next"/);
      assert.match(second.html, /<a href="\/orders\?status=intent">← 처음<\/a>/);
    },
  );
});
