import assert from "node:assert/strict";
import { join } from "node:path";
import { cliReport } from "./_backtest_cli.ts";
import { createApiApp } from "@/core/api/app.ts";
import { expectError, fieldsOf, postJson, signedInAs } from "./_api.ts";

const HEADER = "date,open,high,low,close,volume";
const SAMSUNG = [
  HEADER,
  "2025-12-22,10000,10000,10000,10000,100",
  "2025-12-23,9900,10000,9800,9900,100",
  "2025-12-24,9950,10050,9900,10050,100",
  "2025-12-26,10000,10000,10000,10000,100",
  "20251229,10000,10000,10000,10000,100",
  "2025-12-30,10000,10100,10000,10100,100",
  "2026-01-02,10200,10300,10200,10300,100",
  "2026-01-05,10300,10300,10250,10250,100",
  "2026-01-06,10400,10400,10400,10400,100",
  "2026-01-07,10300,10350,10100,10150,100",
  "2026-01-08,10200,10500,10200,10450,100",
].join("\n");
const HYNIX = [
  HEADER,
  "2025-12-22,50000,50500,49500,50000,100",
  "2025-12-23,50100,50600,50000,50500,100",
  "2025-12-24,50500,51000,50000,50200,100",
  "2025-12-26,50200,50300,49800,49900,100",
  "2025-12-29,49900,50800,49900,50700,100",
  "2025-12-30,50700,51500,50600,51400,100",
  "2026-01-02,51400,51400,50500,50600,100",
  "2026-01-05,50600,50700,50100,50300,100",
  "2026-01-06,50300,51900,50300,51800,100",
  "2026-01-07,51800,52000,51000,51100,100",
  "2026-01-08,51100,51200,50000,50200,100",
].join("\n");

function rowsOf(csv: string) {
  return csv.split("\n").slice(1).map((line) => {
    const [date, open, high, low, close, volume] = line.split(",");
    return {
      date: date!,
      open: Number(open),
      high: Number(high),
      low: Number(low),
      close: Number(close),
      volume: Number(volume),
    };
  });
}

const app = createApiApp({ authenticate: signedInAs("viewer") });

Deno.test("POST /api/v1/backtests answers the CLI's JSON report to the won", async (t) => {
  const dir = await Deno.makeTempDir();
  const file = join(dir, "005930.csv");
  await Deno.writeTextFile(file, SAMSUNG);
  const folder = join(dir, "portfolio");
  await Deno.mkdir(folder);
  await Deno.writeTextFile(join(folder, "005930.csv"), SAMSUNG);
  await Deno.writeTextFile(join(folder, "000660.csv"), HYNIX);
  try {
    await t.step("one CSV with parameters, costs, slippage and a date range", async () => {
      const expected = await cliReport(
        ...["--csv", file, "--strategy", "ma-cross", "--param", "fast=1", "--param", "slow=2"],
        ...["--cash", "1000000", "--fee", "0.0002", "--slippage", "1t", "--from", "2025-12-23"],
      );
      const res = await postJson(app, "/api/v1/backtests", {
        strategy: "ma-cross",
        params: { fast: 1, slow: 2 },
        series: [{ symbol: "005930", csv: SAMSUNG }],
        cash: 1_000_000,
        feeRate: 0.0002,
        slippage: { kind: "ticks", ticks: 1 },
        from: "2025-12-23",
      });
      assert.equal(res.status, 200);
      const report = await res.json();
      assert.deepEqual(report, expected);
      assert.ok(expected.trades.length > 0, "the case trades, so the comparison means something");
    });
    await t.step("rows give the same report as the CSV they came from", async () => {
      const body = { strategy: "rsi", params: { period: 2 }, fill: "close" };
      const fromCsv = await postJson(app, "/api/v1/backtests", {
        ...body,
        series: [{ symbol: "005930", csv: SAMSUNG }],
      });
      const fromRows = await postJson(app, "/api/v1/backtests", {
        ...body,
        series: [{ symbol: "005930", rows: rowsOf(SAMSUNG) }],
      });
      assert.equal(fromRows.status, 200);
      assert.deepEqual(await fromRows.json(), await fromCsv.json());
    });
    await t.step("several series are one portfolio, like a CLI folder", async () => {
      const expected = await cliReport(
        ...["--csv", folder, "--strategy", "ma-cross", "--param", "fast=1", "--param", "slow=3"],
        ...["--rebalance", "2", "--market", "KOSDAQ"],
      );
      const res = await postJson(app, "/api/v1/backtests", {
        params: { fast: 1, slow: 3 },
        series: [{ symbol: "000660", csv: HYNIX }, { symbol: "005930", csv: SAMSUNG }],
        rebalanceEvery: 2,
        market: "KOSDAQ",
      });
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), expected);
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("POST /api/v1/backtests refuses bad input naming the field", async (t) => {
  const series = [{ symbol: "005930", csv: SAMSUNG }];
  const refused = async (body: unknown, status = 400) =>
    await expectError(await postJson(app, "/api/v1/backtests", body), status);

  await t.step("a parameter out of bounds, with the bounds", async () => {
    const error = await refused({ params: { fast: 0 }, series });
    assert.equal(error.code, "invalid_params");
    assert.deepEqual(fieldsOf(error), ["body.params.fast"]);
    assert.match(error.details![0]!.message, /"fast" must be an integer from 1 to 250 \(got 0\)/);
  });
  await t.step("an unknown parameter", async () => {
    const error = await refused({ strategy: "rsi", params: { speed: 3 }, series });
    assert.deepEqual(fieldsOf(error), ["body.params.speed"]);
    assert.match(error.message, /unknown parameter "speed"/);
  });
  await t.step("an unknown field, at the top and inside a series", async () => {
    const error = await refused({ series: [{ ...series[0], name: "x" }], speed: 1 });
    assert.equal(error.code, "validation_failed");
    assert.deepEqual(fieldsOf(error).sort(), ["body.series[0].name", "body.speed"]);
  });
  await t.step("an unknown strategy and a bad option", async () => {
    const error = await refused({ strategy: "turtle", feeRate: -1, series });
    assert.deepEqual(fieldsOf(error).sort(), ["body.feeRate", "body.strategy"]);
  });
  await t.step("a bad date and a bad symbol", async () => {
    const error = await refused({ from: "2026-02-30", series: [{ symbol: "5930", csv: "" }] });
    assert.deepEqual(fieldsOf(error).sort(), ["body.from", "body.series[0].symbol"]);
  });
  await t.step("a series by symbol without dates, or bars given twice", async () => {
    const undated = await refused({ series: [{ symbol: "005930" }] });
    assert.deepEqual(fieldsOf(undated), ["body.from", "body.to"]);
    const twice = await refused({
      series: [{ symbol: "005930", csv: SAMSUNG, rows: rowsOf(SAMSUNG) }],
    });
    assert.deepEqual(fieldsOf(twice), ["body.series[0].csv"]);
    const none = await refused({});
    assert.deepEqual(fieldsOf(none), ["body.series"]);
  });
  await t.step("a bad CSV cell, named by line and column", async () => {
    const csv = SAMSUNG.replace("2025-12-23,9900", "2025-12-23,abc");
    const error = await refused({ series: [{ symbol: "005930", csv }] });
    assert.equal(error.code, "invalid_bars");
    assert.deepEqual(fieldsOf(error), ["body.series[0].csv"]);
    assert.match(error.message, /line 3, column 2 \(open\): must be a number/);
  });
  await t.step("a row on a weekend, named by index and field", async () => {
    const rows = rowsOf(SAMSUNG);
    rows[1] = { ...rows[1]!, date: "2025-12-27" };
    const error = await refused({ series: [{ symbol: "005930", rows }] });
    assert.deepEqual(fieldsOf(error), ["body.series[0].rows[1].date"]);
    assert.match(error.details![0]!.message, /Saturday, not a KRX trading day/);
  });
  await t.step("malformed JSON is 400, not 500", async () => {
    const error = await refused('{"series": [', 400);
    assert.equal(error.code, "bad_request");
  });
  await t.step("a body that is not JSON is 415", async () => {
    const res = await app.request("/api/v1/backtests", {
      method: "POST",
      headers: { "content-type": "text/csv" },
      body: SAMSUNG,
    });
    assert.equal((await expectError(res, 415)).code, "unsupported_media_type");
  });
  await t.step("a body over the size limit is 413", async () => {
    const small = createApiApp({ maxBodyBytes: 1_000, authenticate: signedInAs("viewer") });
    const res = await postJson(small, "/api/v1/backtests", {
      series: [series[0], series[0], series[0]],
    });
    assert.equal((await expectError(res, 413)).code, "payload_too_large");
  });
});
