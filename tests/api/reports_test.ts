import assert from "node:assert/strict";
import { parseIsoDate } from "@/core/krx/mod.ts";
import { buildDailyReport, saveReport } from "@/core/report/mod.ts";
import { quietDay } from "../report/_fixtures.ts";
import { expectError, expectJson, sendJson } from "./_api.ts";
import { startTrading } from "./_trading.ts";

type Report = { date: string; accountId: string; trades: { items: unknown[] } };

// the simulator's day
const TODAY = "2026-11-27";

Deno.test("POST /reports/{date}/generate stores the day's report once per day, replacing it", async (t) => {
  await using rig = await startTrading();
  const trader = rig.app("trader");
  const viewer = rig.app("viewer");
  const generate = (date: string, app = trader) =>
    sendJson(app, "POST", `/api/v1/reports/${date}/generate`, {});

  await t.step("a viewer may not generate; a day after today is 400", async () => {
    await expectError(await generate(TODAY, viewer), 403);
    const error = await expectError(await generate("2026-11-28"), 400);
    assert.equal(error.details?.[0]?.field, "path.date");
    await expectError(await generate("2026-02-30"), 400);
    await expectError(await viewer.request(`/api/v1/reports/${TODAY}`), 404);
  });
  await t.step("the first run answers 201, a rerun 200, and one report is stored", async () => {
    const first = await expectJson<{ report: Report }>(await generate(TODAY), 201);
    assert.equal(first.report.date, TODAY);
    assert.equal(first.report.accountId, rig.accountId);
    await expectJson(await generate("20261127"), 200);
    const list = await expectJson<{ items: Report[]; nextCursor: null }>(
      await viewer.request("/api/v1/reports"),
      200,
    );
    assert.deepEqual(list.items.map((r) => r.date), [TODAY]);
  });
  await t.step("GET /reports/{date} answers JSON, Markdown and HTML", async () => {
    const json = await expectJson<{ report: Report }>(
      await viewer.request(`/api/v1/reports/${TODAY}`),
      200,
    );
    assert.equal(json.report.date, TODAY);
    const md = await viewer.request(`/api/v1/reports/${TODAY}?format=md&lang=en`);
    assert.equal(md.status, 200);
    assert.match(md.headers.get("content-type") ?? "", /^text\/markdown/);
    assert.match(await md.text(), /^# /);
    const html = await viewer.request(`/api/v1/reports/${TODAY}`, {
      headers: { accept: "text/html" },
    });
    assert.equal(html.status, 200);
    assert.match(html.headers.get("content-type") ?? "", /^text\/html/);
    assert.match(await html.text(), /^<!doctype html>/);
    await expectError(await viewer.request(`/api/v1/reports/${TODAY}?format=pdf`), 400);
  });
});

Deno.test("GET /reports lists newest first in pages, and HTML escapes outside text", async (t) => {
  await using rig = await startTrading();
  const viewer = rig.app("viewer");
  for (const date of ["2026-11-25", "2026-11-26"]) {
    await saveReport(
      rig.store,
      buildDailyReport(quietDay({
        accountId: rig.accountId,
        date: parseIsoDate(date),
        errors: [{
          at: Date.parse(`${date}T06:00:00Z`),
          source: "job",
          message: "<script>x</script>",
        }],
      })),
    );
  }
  await t.step("newest day first, one per page", async () => {
    const first = await expectJson<{ items: Report[]; nextCursor: string }>(
      await viewer.request("/api/v1/reports?limit=1"),
      200,
    );
    assert.deepEqual(first.items.map((r) => r.date), ["2026-11-26"]);
    const rest = await expectJson<{ items: Report[]; nextCursor: null }>(
      await viewer.request(
        `/api/v1/reports?limit=1&cursor=${encodeURIComponent(first.nextCursor)}`,
      ),
      200,
    );
    assert.deepEqual(rest.items.map((r) => r.date), ["2026-11-25"]);
  });
  await t.step("the HTML shows the error message escaped, never as markup", async () => {
    const html = await (await viewer.request("/api/v1/reports/2026-11-26?format=html")).text();
    assert.ok(html.includes("&lt;script&gt;x&lt;/script&gt;"), html);
    assert.ok(!html.includes("<script>"));
  });
});
