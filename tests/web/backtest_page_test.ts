import assert from "node:assert/strict";
import fc from "fast-check";
import { openDemoDashboard } from "./_dashboard.ts";
import { csrfOf, getPage, postForm, signIn, TEST_ADMIN_PASSWORD } from "./_session.ts";

/** The text of the metrics table's cell for `metric` in the strategy's column. */
function metricCell(html: string, metric: string): string {
  const row = new RegExp(`data-metric="${metric}"><th[^>]*>[^<]*</th><td[^>]*>([^<]*)</td>`)
    .exec(html);
  assert.ok(row, `a row for ${metric}`);
  return row[1]!;
}

Deno.test("the backtest lab renders a run from its query string without a script", async (t) => {
  await using dashboard = await openDemoDashboard({ build: true });
  const { app } = dashboard;
  const cookie = await signIn(app, "admin", TEST_ADMIN_PASSWORD);
  const get = (query: string) => getPage(app, `/backtest?${query}`, cookie);
  const base = "strategy=ma-cross&symbols=005930&from=2025-06-02&to=2026-06-01&cash=10,000,000" +
    "&fee=0.015&tax=&slippage=0&fill=open";

  await t.step("the form holds every input and the results show metrics and curves", async () => {
    const response = await get(`${base}&p.fast=5&p.slow=20`);
    const html = await response.text();
    assert.equal(response.status, 200);
    assert.match(html, /<form[^>]*method="get"[^>]*action="\/backtest"/);
    assert.match(html, /name="p\.fast"[^>]*value="5"/);
    assert.match(html, /name="p\.slow"[^>]*value="20"/);
    assert.match(html, /type="range"[^>]*min="1"[^>]*max="250"/, "a slider with the bounds");
    assert.match(html, /name="symbols"[^>]*value="005930"/);
    assert.match(html, /data-testid="lab-metrics"/);
    assert.match(html, /<svg class="lab-chart-static"[^>]*role="img"/, "curves before a script");
    assert.match(html, /data-testid="lab-curves"/, "the curves' data table");
    assert.match(metricCell(html, "finalEquity"), /^₩[\d,]+$/);
  });

  await t.step("another parameter gives other numbers", async () => {
    const first = metricCell(
      await (await get(`${base}&p.fast=5&p.slow=20`)).text(),
      "finalEquity",
    );
    const second = metricCell(
      await (await get(`${base}&p.fast=10&p.slow=60`)).text(),
      "finalEquity",
    );
    assert.notEqual(first, second);
  });

  await t.step("a parameter out of its bounds is a 400 naming the field", async () => {
    const response = await get(`${base}&p.fast=0&p.slow=20`);
    const html = await response.text();
    assert.equal(response.status, 400);
    assert.match(html, /data-testid="error-lab-error-p-fast"/);
    assert.match(html, /name="p\.fast"[^>]*value="0"/, "what was typed stays");
  });

  await t.step(
    "a symbol that is not a KRX code, or not listed, is named under the symbols",
    async () => {
      const malformed = await get(base.replace("symbols=005930", "symbols=ABC"));
      assert.equal(malformed.status, 400);
      assert.match(await malformed.text(), /data-testid="error-lab-error-symbols"/);
      const unknown = await get(base.replace("symbols=005930", "symbols=005930,999999"));
      assert.equal(unknown.status, 422);
      assert.match(
        await unknown.text(),
        /data-testid="error-lab-error-symbols"[^>]*>[^<]*999999/,
      );
    },
  );

  await t.step("an unknown strategy or an impossible date is a 400 naming it", async () => {
    const strategy = await get("strategy=nope&symbols=005930");
    assert.equal(strategy.status, 400);
    assert.match(await strategy.text(), /data-testid="error-lab-error-strategy"/);
    const date = await get("symbols=005930&to=2026-13-45");
    assert.equal(date.status, 400);
    assert.match(await date.text(), /data-testid="error-lab-error-to"/);
  });

  await t.step("any query string is a page or a 4xx naming a field, never a 500", async () => {
    const keys = [
      "strategy",
      "p.fast",
      "p.slow",
      "symbols",
      "from",
      "to",
      "cash",
      "fee",
      "tax",
      "slippage",
      "fill",
    ];
    const value = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom("", "-1", "1e308", "0.5", "2026-02-30", "99999999", "005930,,", "🙂"),
    );
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom(...keys), value), async (fields) => {
        const response = await get(new URLSearchParams(fields).toString());
        const html = await response.text();
        assert.ok(
          [200, 400, 422].includes(response.status),
          `${response.status} for ${JSON.stringify(fields)}`,
        );
        if (response.status !== 200) assert.match(html, /class="field-error"/);
      }),
      { numRuns: 60 },
    );
  });

  await t.step("in English", async () => {
    const html = await (await get(`${base}&lang=en`)).text();
    assert.match(html, /<h1>Backtest lab<\/h1>/);
    assert.match(html, /Buy and hold/);
  });

  await t.step("a strategy's enum parameter is a select of its choices", async () => {
    const html = await (await get("strategy=bollinger&symbols=005930")).text();
    assert.match(html, /<select name="p\.exit"[^>]*>.*value="middle".*value="upper"/s);
    assert.match(html, /name="p\.k"[^>]*value="2"/);
  });
  await t.step("a save stores the run through the API and comes back with its id", async () => {
    const response = await postForm(app, "/backtest", cookie, { query: `${base}&p.fast=7` });
    await response.body?.cancel();
    assert.equal(response.status, 303);
    const location = new URL(response.headers.get("location")!, "http://app");
    assert.equal(location.pathname, "/backtest");
    assert.equal(location.searchParams.get("p.fast"), "7");
    const id = location.searchParams.get("saved")!;
    const run = await app.fetch(
      new Request(`http://app/api/v1/backtests/runs/${id}`, { headers: { cookie } }),
    );
    const body = await run.json();
    assert.equal(run.status, 200);
    assert.equal(body.run.name, "ma-cross fast=7 slow=20 · 005930");
    const html = await (await get(location.search.slice(1))).text();
    assert.match(html, new RegExp(`data-testid="lab-saved"[^>]*>.*${id}`, "s"));
  });

  await t.step("a save without the CSRF token is refused and stores nothing", async () => {
    const before = await app.fetch(
      new Request("http://app/api/v1/backtests/runs", { headers: { cookie } }),
    );
    const count = (await before.json()).items.length;
    const response = await postForm(app, "/backtest", cookie, { csrf: "forged", query: base });
    const html = await response.text();
    assert.equal(response.status, 403);
    assert.match(html, /data-testid="lab-save-error"/);
    const after = await app.fetch(
      new Request("http://app/api/v1/backtests/runs", { headers: { cookie } }),
    );
    assert.equal((await after.json()).items.length, count);
  });

  await t.step("a save posted from another site is refused and the lab shows again", async () => {
    const response = await app.fetch(
      new Request("http://app/backtest", {
        method: "POST",
        headers: { cookie, "sec-fetch-site": "cross-site" },
        body: new URLSearchParams({ csrf: csrfOf(cookie), query: `${base}&p.fast=7` }),
      }),
    );
    const html = await response.text();
    assert.equal(response.status, 403);
    assert.match(html, /data-testid="lab-save-error"/);
    assert.match(html, /name="p\.fast"[^>]*value="7"/, "the posted inputs stay");
  });
});
