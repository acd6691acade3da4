import assert from "node:assert/strict";
import { serialize } from "node:v8";
import { parseSymbolCode } from "../../core/krx/mod.ts";
import {
  buildDailyReport,
  type DailyReportInput,
  fitToBudget,
  LIST_CAPS,
  MAX_MESSAGE_LENGTH,
  REPORT_BYTE_BUDGET,
  reportBytes,
} from "../../core/report/mod.ts";
import { A, balance, CLOSE, holding, quietDay, stopLossTrigger } from "./_fixtures.ts";

const code = (i: number) => parseSymbolCode(String(100_000 + i).padStart(6, "0"));
const longName = "한국고배당성장우선주식회사특별한이름".repeat(4);

/** 300 holdings, 1,000 fills, 500 alerts and signals, 200 errors of 2,000 characters. */
const busyDay: DailyReportInput = quietDay({
  balance: balance(
    1_000_000,
    Array.from({ length: 300 }, (_, i) => holding(code(i), longName, 10, 100_000, 10_000 + i)),
  ),
  orders: Array.from({ length: 1_000 }, () => ({ status: "filled" as const })),
  fills: Array.from({ length: 1_000 }, (_, i) => ({
    side: "buy" as const,
    time: "09:00:00",
    symbol: code(i % 300),
    name: longName,
    quantity: 1,
    price: 10_000,
    market: "KOSPI" as const,
  })),
  alerts: Array.from(
    { length: 500 },
    (_, i) => stopLossTrigger(`alert-${i}`, A, 9_000, 8_990, CLOSE - i),
  ),
  signals: Array.from({ length: 500 }, (_, i) => ({
    at: CLOSE - i,
    strategy: "composite-vote-with-a-long-name",
    symbol: code(i % 300),
    signal: "buy" as const,
  })),
  errors: Array.from({ length: 200 }, (_, i) => ({
    at: CLOSE - i,
    source: "strategy:ma-cross",
    message: "오류 ".repeat(1_000),
  })),
});

Deno.test("a busy day's report stays within the byte budget", async (t) => {
  const report = buildDailyReport(busyDay);

  await t.step("UTF-8 JSON within the budget, V8 serialisation under KV's 64 KiB", () => {
    assert.ok(reportBytes(report) <= REPORT_BYTE_BUDGET, `${reportBytes(report)} bytes`);
    assert.ok(serialize(report).length < 65_536, `${serialize(report).length} bytes`);
  });

  await t.step("every list counts what it left out", () => {
    assert.equal(report.holdings.items.length + report.holdings.omitted, 300);
    assert.equal(report.trades.items.length + report.trades.omitted, 1_000);
    assert.equal(report.alerts.items.length + report.alerts.omitted, 500);
    assert.equal(report.signals.items.length + report.signals.omitted, 500);
    assert.equal(report.errors.items.length + report.errors.omitted, 200);
    assert.ok(report.trades.items.length > 0 && report.trades.items.length <= LIST_CAPS.trades);
  });

  await t.step("totals still cover every row", () => {
    // 1,000 buys of 10,000 with a fee of floor(10,000 × 0.00015 = 1.5) = 1 each.
    assert.equal(report.pnl.fees, 1_000);
    assert.equal(report.orders.total, 1_000);
    // Σ (10,000 + i) × 10 for i < 300 = 30,000,000 + 10 × 44,850.
    assert.equal(report.equity.holdingsValue, 30_448_500);
  });

  await t.step("long texts are cut", () => {
    assert.ok(report.errors.items.every((e) => e.message.length <= MAX_MESSAGE_LENGTH));
    assert.ok(report.holdings.items.every((h) => h.name.endsWith("…")));
  });

  await t.step("the largest holdings are the ones kept", () => {
    assert.equal(report.holdings.items[0]?.price, 10_299);
  });
});

Deno.test("fitToBudget halves the largest list until the report fits", () => {
  const report = buildDailyReport(busyDay);
  const small = fitToBudget(report, 8 * 1024);
  assert.ok(reportBytes(small) <= 8 * 1024);
  assert.equal(small.trades.items.length + small.trades.omitted, 1_000);
  assert.equal(small.pnl.fees, report.pnl.fees);
});

Deno.test("a quiet day is left whole", () => {
  const report = buildDailyReport(quietDay());
  assert.equal(fitToBudget(report), report);
});
