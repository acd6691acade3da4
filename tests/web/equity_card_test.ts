import assert from "node:assert/strict";
import { addDays, seoulDate } from "@/core/krx/mod.ts";
import { buildDailyReport, saveReport } from "@/core/report/mod.ts";
import { setAppServices, startServices } from "@/core/runtime/mod.ts";
import { buildClient, createApp, scanProject } from "@/core/web/mod.ts";
import config from "@/fresh.config.ts";
import manifest from "@/fresh.gen.ts";
import { lockBundles, PROJECT_ROOT, removeKv, tempKvPath } from "../e2e/_app_server.ts";
import { balance, quietDay } from "../report/_fixtures.ts";
import { signIn, TEST_ADMIN_PASSWORD } from "./_session.ts";

/** The equity card's HTML within the page. */
function equityCard(html: string): string {
  const card = /<article class="card" data-testid="equity-card">[\s\S]*?<\/article>/.exec(html);
  assert.ok(card, "the page has the equity card");
  return card[0];
}

Deno.test("/ shows the equity card: a plain sentence before any report, then PnL and the curve", async (t) => {
  // createApp reads _fresh/build.json, which a browser test's build may be rewriting
  const bundles = await lockBundles();
  const kvPath = tempKvPath();
  Deno.env.set("ADMIN_PASSWORD", TEST_ADMIN_PASSWORD);
  try {
    await buildClient({ root: PROJECT_ROOT, islands: (await scanProject(PROJECT_ROOT)).islands });
    const app = await createApp(manifest, config);
    await using services = await startServices({
      mode: "demo",
      kvPath: `${PROJECT_ROOT}/${kvPath}`,
    });
    setAppServices(services);
    const cookie = await signIn(app, "admin", TEST_ADMIN_PASSWORD);
    const get = async (path: string) => {
      const response = await app.fetch(new Request(`http://app${path}`, { headers: { cookie } }));
      assert.equal(response.status, 200, path);
      return await response.text();
    };
    const today = seoulDate(services.store.now());
    const report = (days: number, equity: number, previousEquity: number | null) =>
      saveReport(
        services.store,
        buildDailyReport(quietDay({
          accountId: services.accountId,
          date: addDays(today, days),
          balance: balance(equity, []),
          previousEquity,
          capital: 10_000_000,
        })),
      );

    await t.step("a fresh demo says the first daily report builds the curve", async () => {
      const card = equityCard(await get("/"));
      assert.match(card, /첫 일일 보고서가 만들어지면 곡선이 그려집니다/);
      assert.doesNotMatch(card, /<svg/, "no empty chart");
      assert.match(
        equityCard(await get("/?lang=en")),
        /No daily report yet: the first daily report builds the curve\./,
      );
    });

    await t.step("with reports, today's live point leads and the curve is drawn", async () => {
      await report(-2, 10_000_000, null);
      await report(-1, 10_300_000, 10_000_000);
      const card = equityCard(await get("/"));
      assert.match(card, new RegExp(`${today} 실시간 잔고 기준`));
      assert.match(
        card,
        /data-testid="equity-chart" data-drawn="svg"><svg class="equity-chart"[^>]*role="img" aria-label="[^"]*선 그래프[^"]*"/,
      );
      assert.equal(card.match(/<polyline /g)?.length, 2, "the account and the benchmark");
      assert.match(card, /벤치마크 KODEX 200/);
      assert.match(card, /<table class="data" data-testid="equity-table">/);
      assert.equal(card.match(/<tr><th scope="row">/g)?.length, 3, "two reports and today");
    });

    await t.step(
      "a report of today gives its day and cumulative PnL, signed and coloured",
      async () => {
        await report(0, 10_250_000, 10_300_000);
        const card = equityCard(await get("/"));
        assert.match(card, new RegExp(`${today} 일일 보고서 기준`));
        assert.match(
          card,
          /data-testid="equity-day-pnl"><span class="num down">-₩50,000<\/span>/,
        );
        assert.match(
          card,
          /data-testid="equity-cumulative-pnl"><span class="num up">\+₩250,000<\/span>/,
        );
      },
    );
  } finally {
    bundles.close();
    await removeKv(kvPath);
  }
});
