import assert from "node:assert/strict";
import { join } from "node:path";
import { createApiApp } from "@/core/api/app.ts";
import { openStore, PREFIXES } from "@/core/store/mod.ts";
import { startE2e } from "../broker/kis/_e2e.ts";
import { expectError, expectJson, fieldsOf, postJson, signedInAs } from "./_api.ts";
import { cliReport } from "./_backtest_cli.ts";

const RANGE = { from: "2026-06-01", to: "2026-11-26" };
const PARAMS = { strategy: "ma-cross", params: { fast: 3, slow: 10 }, cash: 5_000_000 };

Deno.test("a series named only by symbol is backtested on the broker's daily bars", async (t) => {
  await using e2e = await startE2e();
  using store = await openStore({ path: ":memory:" });
  const app = createApiApp({ authenticate: signedInAs("viewer"), broker: e2e.broker, store });

  await t.step("the report is the CLI's on the chart's bars, to the won", async () => {
    const chart = await expectJson<{ bars: Record<string, number | string>[] }>(
      await app.request(`/api/v1/quotes/005930/chart?from=${RANGE.from}&to=${RANGE.to}`),
      200,
    );
    assert.ok(chart.bars.length > 50);
    const dir = await Deno.makeTempDir();
    try {
      const file = join(dir, "005930.csv");
      const columns = ["date", "open", "high", "low", "close", "volume"];
      const lines = chart.bars.map((bar) => columns.map((c) => bar[c]).join(","));
      await Deno.writeTextFile(file, [columns.join(","), ...lines].join("\n"));
      const expected = await cliReport(
        ...["--csv", file, "--strategy", "ma-cross", "--param", "fast=3", "--param", "slow=10"],
        ...["--cash", "5000000"],
      );
      const res = await postJson(app, "/api/v1/backtests", {
        ...PARAMS,
        ...RANGE,
        series: [{ symbol: "005930" }],
      });
      const report = await expectJson<{ trades: unknown[] }>(res, 200);
      assert.ok(report.trades.length > 0, "the strategy trades on these bars");
      assert.deepEqual(report, expected);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });

  await t.step("the fetch is kept in KV, and the same request answers the same", async () => {
    const heads = [];
    for await (const entry of store.kv.list({ prefix: PREFIXES.barCache })) {
      if (entry.key.length === 4) heads.push(entry.key);
    }
    assert.deepEqual(heads, [["bar_cache", "005930", RANGE.from, RANGE.to]]);
    const body = { ...PARAMS, ...RANGE, series: [{ symbol: "005930" }] };
    const first = await expectJson(await postJson(app, "/api/v1/backtests", body), 200);
    const again = await expectJson(await postJson(app, "/api/v1/backtests", body), 200);
    assert.deepEqual(again, first);
  });

  await t.step("inline and fetched series make one portfolio", async () => {
    const report = await expectJson<{ equity: unknown[] }>(
      await postJson(app, "/api/v1/backtests", {
        ...PARAMS,
        ...RANGE,
        series: [{ symbol: "005930" }, { symbol: "000660" }],
      }),
      200,
    );
    assert.ok(report.equity.length > 50);
  });

  await t.step("a symbol the broker does not know is 422 naming that series", async () => {
    const error = await expectError(
      await postJson(app, "/api/v1/backtests", {
        ...RANGE,
        series: [{ symbol: "005930" }, { symbol: "999999" }],
      }),
      422,
    );
    assert.equal(error.code, "unknown_symbol");
    assert.deepEqual(fieldsOf(error), ["body.series[1].symbol"]);
  });

  await t.step("a range without bars is 422 naming the series", async () => {
    const error = await expectError(
      await postJson(app, "/api/v1/backtests", {
        from: "2027-03-02",
        to: "2027-03-31",
        series: [{ symbol: "005930" }],
      }),
      422,
    );
    assert.equal(error.code, "no_bars");
    assert.deepEqual(fieldsOf(error), ["body.series[0]"]);
  });

  await t.step("from after to is 400 naming from", async () => {
    const error = await expectError(
      await postJson(app, "/api/v1/backtests", {
        from: RANGE.to,
        to: RANGE.from,
        series: [{ symbol: "005930" }],
      }),
      400,
    );
    assert.deepEqual(fieldsOf(error), ["body.from"]);
  });
});

Deno.test("a series by symbol without a broker is 503 broker_unavailable", async () => {
  const app = createApiApp({ authenticate: signedInAs("viewer") });
  const error = await expectError(
    await postJson(app, "/api/v1/backtests", { ...RANGE, series: [{ symbol: "005930" }] }),
    503,
  );
  assert.equal(error.code, "broker_unavailable");
});
