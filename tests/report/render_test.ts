import assert from "node:assert/strict";
import { notificationSchema } from "../../core/notify/mod.ts";
import {
  buildDailyReport,
  type DailyReportInput,
  formatBasisPoints,
  formatWon,
  groupDigits,
  renderReportHtml,
  renderReportMarkdown,
  reportNotification,
  TONE_COLOURS,
} from "../../core/report/mod.ts";
import { parseSymbolCode } from "../../core/krx/mod.ts";
import { A, balance, CLOSE, handWorked, holding, quietDay } from "./_fixtures.ts";

// The hand-worked day (tests/report/_fixtures.ts) with a signal and an error added.
const busier: DailyReportInput = {
  ...handWorked,
  signals: [{ at: CLOSE - 19_800_000, strategy: "ma-cross", symbol: A, signal: "sell" }],
  errors: [{
    at: CLOSE - 1_000,
    source: "reconcile",
    message: "timeout <script>alert(1)</script> | after 3 tries",
  }],
};
const report = buildDailyReport(busier);
const OTHER = parseSymbolCode("123456");

Deno.test("formats: thousands separators, won and basis points", () => {
  assert.equal(groupDigits(0), "0");
  assert.equal(groupDigits(999), "999");
  assert.equal(groupDigits(-1_234_567), "-1,234,567");
  assert.equal(formatWon(1_234_567, "ko"), "1,234,567원");
  assert.equal(formatWon(-22_801, "en"), "-₩22,801");
  assert.equal(formatBasisPoints(5), "0.05%");
  assert.equal(formatBasisPoints(-1_234, true), "-12.34%");
  assert.equal(formatBasisPoints(1_234, true), "+12.34%");
  assert.equal(formatBasisPoints(null), "–");
});

Deno.test("Korean Markdown shows the hand-worked numbers", async (t) => {
  const md = renderReportMarkdown(report);
  const has = (text: string) => assert.ok(md.includes(text), `missing ${JSON.stringify(text)}`);

  await t.step("title with the weekday, and the generation time in KST", () => {
    has("# 일일 리포트 · 2025년 12월 29일 (월)");
    has("계좌 acct-1 · 작성 2025-12-29 15:40:00 KST");
  });
  await t.step("summary: equity, day and cumulative PnL with basis points, costs", () => {
    has("| 총 평가자산 | 9,977,199원 |");
    has("| 예수금(D+2) | 4,337,199원 |");
    has("| 당일 손익 | -22,801원 (-0.23%) |");
    has("| 누적 손익 | -22,801원 (-0.23%) |");
    has("| 실현 손익 | +37,334원 |");
    has("| 평가 손익 | -60,000원 |");
    has("| 수수료 | 321원 |");
    has("| 거래세 | 2,480원 |");
  });
  await t.step("holdings by value, with return and weight", () => {
    has(
      "| SK하이닉스 (000660) | 10 | 300,000원 | 290,000원 | 2,900,000원 | -100,000원 | -3.33% | 29.07% |",
    );
    has(
      "| 삼성전자 (005930) | 30 | 60,000원 | 61,000원 | 1,830,000원 | +30,000원 | +1.67% | 18.34% |",
    );
    assert.ok(md.indexOf("SK하이닉스 (000660) | 10") < md.indexOf("삼성전자 (005930) | 30"));
  });
  await t.step("trades with their costs, times as KIS gave them", () => {
    has("| 09:05:30 | 카카오 (035720) | 매수 | 20 | 45,000원 | 900,000원 | 135원 | 0원 | – |");
    has(
      "| 10:15:00 | 삼성전자 (005930) | 매도 | 20 | 62,000원 | 1,240,000원 | 186원 | 2,480원 | +37,334원 |",
    );
  });
  await t.step("orders, alerts and signals with times in KST", () => {
    has("## 주문 (4)");
    has("| 체결 | 2 |");
    has("| 거부 | 1 |");
    assert.ok(!md.includes("| 미체결 |"), "statuses with no orders are left out");
    // The stop-loss fired at 14:40 KST (05:40 UTC).
    has("| 14:40:00 | SK하이닉스 (000660) | 손절 | 291,000원 | 290,000원 | 알림만 |");
    has("| 10:10:00 | ma-cross | 삼성전자 (005930) | 매도 |");
  });
  await t.step("an empty part says so", () => {
    has("## 리밸런싱 (0)\n\n없음");
  });
  await t.step("outside text cannot add markup or break a table", () => {
    has("| 15:39:59 | reconcile | timeout \\<script\\>alert(1)\\</script\\> \\| after 3 tries |");
  });
});

Deno.test("English Markdown is the alternative", () => {
  const md = renderReportMarkdown(report, { lang: "en" });
  for (
    const text of [
      "# Daily report · Mon 29 Dec 2025",
      "| Equity | ₩9,977,199 |",
      "| Day PnL | -₩22,801 (-0.23%) |",
      "| Realised PnL | +₩37,334 |",
      "| 10:15:00 | 삼성전자 (005930) | Sell | 20 | ₩62,000 | ₩1,240,000 | ₩186 | ₩2,480 | +₩37,334 |",
      "## Rebalancing (0)\n\nNone",
    ]
  ) assert.ok(md.includes(text), `missing ${JSON.stringify(text)}`);
});

Deno.test("the first report says its day is measured from the capital", () => {
  const md = renderReportMarkdown(buildDailyReport(quietDay({ previousEquity: null })));
  assert.ok(md.includes("| 당일 손익 (첫 리포트: 투자원금 대비) | 0원 (0.00%) |"));
});

Deno.test("rows left out of the report are counted", () => {
  const many = buildDailyReport(quietDay({
    errors: Array.from({ length: 25 }, (_, i) => ({ at: CLOSE - i, source: "job", message: "x" })),
  }));
  assert.ok(renderReportMarkdown(many).includes("## 오류 (25)"));
  assert.ok(renderReportMarkdown(many).includes("_외 5건 생략_"));
  assert.ok(
    renderReportHtml(many, { lang: "en" }).includes('<p class="more">5 more not shown</p>'),
  );
});

Deno.test("HTML is self-contained, escaped, and colours gains red and losses blue", async (t) => {
  const hostile = buildDailyReport({
    ...busier,
    balance: balance(4_337_199, [
      holding(OTHER, '<img src=x onerror="alert(1)">', 1, 1_000, 1_000),
    ]),
  });
  const html = renderReportHtml(hostile);

  await t.step("one document in Korean with inline CSS and nothing fetched", () => {
    const plain = renderReportHtml(report);
    assert.ok(plain.startsWith('<!doctype html>\n<html lang="ko">'));
    assert.ok(plain.includes('<meta charset="utf-8">'));
    assert.ok(plain.includes("<style>"));
    assert.ok(!/<script|<link|<img|<iframe|src=|href=|url\(|@import/i.test(plain));
  });
  await t.step("names and messages escaped", () => {
    assert.ok(!/<script|<img/i.test(html));
    assert.ok(html.includes("timeout &lt;script&gt;alert(1)&lt;/script&gt; | after 3 tries"));
    assert.ok(html.includes("&lt;img src=x onerror=&quot;alert(1)&quot;&gt; (123456)"));
  });
  await t.step("gains red, losses blue", () => {
    const html = renderReportHtml(report);
    assert.equal(TONE_COLOURS.gain, "#d60000");
    assert.ok(html.includes(`.gain{color:#d60000}.loss{color:#0051c7}`));
    assert.ok(html.includes('<td class="num loss">-22,801원 (-0.23%)</td>'));
    assert.ok(html.includes('<td class="num gain">+37,334원</td>'));
    assert.ok(html.includes('<td class="num">321원</td>'));
  });
  await t.step("English on request", () => {
    const en = renderReportHtml(report, { lang: "en" });
    assert.ok(en.includes('<html lang="en">'));
    assert.ok(en.includes('<td class="num loss">-₩22,801 (-0.23%)</td>'));
  });
});

Deno.test("the notification summarises the day under a stable key", async (t) => {
  const notification = reportNotification(report);

  await t.step("a valid core/notify message of kind report", () => {
    assert.deepEqual(notificationSchema.parse(notification), notification);
    assert.equal(notification.kind, "report");
    assert.equal(notification.title, "일일 리포트 · 2025년 12월 29일 (월)");
  });
  await t.step("equity, day PnL, trades and alerts in the body", () => {
    assert.equal(
      notification.body,
      [
        "총 평가자산: 9,977,199원",
        "당일 손익: -22,801원 (-0.23%)",
        "누적 손익: -22,801원 (-0.23%)",
        "체결 내역: 2건 · 발생한 알림: 1건",
        "오류: 1건",
      ].join("\n"),
    );
    assert.ok(notification.markdown?.includes("| 총 평가자산 | 9,977,199원 |"));
  });
  await t.step("a day with errors is a warning, a clean day information", () => {
    assert.equal(notification.severity, "warning");
    assert.equal(reportNotification(buildDailyReport(handWorked)).severity, "info");
  });
  await t.step("one key per account and day, whatever the language", () => {
    assert.equal(notification.dedupeKey, "report:acct-1:2025-12-29");
    assert.equal(reportNotification(report, { lang: "en" }).dedupeKey, notification.dedupeKey);
    const other = buildDailyReport({ ...handWorked, accountId: "acct-2" });
    assert.equal(reportNotification(other).dedupeKey, "report:acct-2:2025-12-29");
  });
});
