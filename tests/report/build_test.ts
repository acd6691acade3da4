import assert from "node:assert/strict";
import {
  buildDailyReport,
  type DailyReportInput,
  dailyReportSchema,
} from "../../core/report/mod.ts";
import { A, B, balance, C, handWorked, holding, quietDay } from "./_fixtures.ts";

// handWorked (tests/report/_fixtures.ts) is worked by hand there, to the won.

Deno.test("a hand-worked day: buy, partial sell with fee and settlement-date tax, one up, one down", async (t) => {
  const report = buildDailyReport(handWorked);

  await t.step("equity is D+2 cash plus holdings at the last price", () => {
    assert.deepEqual(report.equity, {
      cash: 4_337_199,
      holdingsValue: 5_640_000,
      total: 9_977_199,
    });
  });

  await t.step("trades in time order, each with its costs and the sale's realised PnL", () => {
    assert.deepEqual(report.trades.items.map((trade) => [trade.time, trade.side, trade.value]), [
      ["09:05:30", "buy", 900_000],
      ["10:15:00", "sell", 1_240_000],
    ]);
    const [buy, sell] = report.trades.items;
    assert.equal(buy?.fee, 135);
    assert.equal(buy?.tax, 0);
    assert.equal(sell?.side, "sell");
    if (sell?.side !== "sell") return;
    assert.equal(sell.fee, 186);
    assert.equal(sell.tax, 2_480);
    assert.equal(sell.realised, 37_334);
    assert.equal(sell.costSource, "estimated");
  });

  await t.step("day and cumulative PnL after fees and tax, with their parts", () => {
    // −22,801 / 10,000,000 = −22.801 bp → −23.
    assert.deepEqual(report.pnl, {
      base: "previous_report",
      baseEquity: 10_000_000,
      netDeposit: 0,
      capital: 10_000_000,
      day: -22_801,
      dayBasisPoints: -23,
      cumulative: -22_801,
      cumulativeBasisPoints: -23,
      realised: 37_334,
      unrealised: -60_000,
      fees: 321,
      tax: 2_480,
    });
    const { day, realised, unrealised, fees } = report.pnl;
    assert.equal(day, realised - (fees - 186) + unrealised, "realised − buy fee + Δunrealised");
  });

  await t.step("holdings by value with weight and PnL in basis points", () => {
    // Weights of 9,977,199: B 2,900,000 → 2906.6 bp; A 1,830,000 → 1834.2; C 910,000 → 912.1.
    // PnL of cost: B −100,000 / 3,000,000 → −333.3 bp; A 30,000 / 1,800,000 → 166.7;
    // C 10,000 / 900,000 → 111.1.
    assert.deepEqual(
      report.holdings.items.map((h) => [
        h.symbol,
        h.averagePrice,
        h.value,
        h.pnl,
        h.pnlBasisPoints,
        h.weightBasisPoints,
      ]),
      [
        [B, 300_000, 2_900_000, -100_000, -333, 2_907],
        [A, 60_000, 1_830_000, 30_000, 167, 1_834],
        [C, 45_000, 910_000, 10_000, 111, 912],
      ],
    );
    assert.equal(report.holdings.omitted, 0);
  });

  await t.step("orders counted by status", () => {
    assert.equal(report.orders.total, 4);
    assert.equal(report.orders.byStatus.filled, 2);
    assert.equal(report.orders.byStatus.cancelled, 1);
    assert.equal(report.orders.byStatus.rejected, 1);
    assert.equal(report.orders.byStatus.intent, 0);
  });

  await t.step("the alert that fired", () => {
    assert.deepEqual(report.alerts.items.map((a) => [a.alertId, a.symbol, a.rule, a.level]), [
      ["al-1", B, "stop_loss", 291_000],
    ]);
  });
});

Deno.test("costs the broker recorded replace the estimate", () => {
  const report = buildDailyReport(quietDay({
    fills: [{
      side: "sell",
      time: "10:00:00",
      symbol: A,
      name: "삼성전자",
      quantity: 20,
      price: 62_000,
      market: "KOSPI",
      averageCost: 60_000,
      costs: { fee: 100, tax: 2_480 },
    }],
  }));
  const [sell] = report.trades.items;
  assert.equal(sell?.costSource, "recorded");
  // 1,240,000 − 100 − 2,480 − 1,200,000.
  assert.equal(sell?.side === "sell" && sell.realised, 37_420);
});

Deno.test("a sale before the tax change's settlement cut-off pays the old rate", () => {
  // 2025-12-26 settles on 2025-12-30, still under 2025's 0.15 %: floor(1,240,000 × 0.0015) = 1,860.
  const report = buildDailyReport(quietDay({
    date: "2025-12-26" as DailyReportInput["date"],
    fills: [{
      side: "sell",
      time: "10:00:00",
      symbol: A,
      name: "삼성전자",
      quantity: 20,
      price: 62_000,
      market: "KOSPI",
      averageCost: 60_000,
    }],
  }));
  assert.equal(report.pnl.tax, 1_860);
});

// Day 1 (first report): capital 10,000,000; buy A 100 × 50,000 = 5,000,000, fee 750; cash
// 4,999,250; close 50,500 → 5,050,000; equity 10,049,250; day = cumulative = 49,250 (49.25 bp → 49).
const dayOne = quietDay({
  previousEquity: null,
  balance: balance(4_999_250, [holding(A, "삼성전자", 100, 5_000_000, 50_500)]),
  orders: [{ status: "filled" }],
  fills: [{
    side: "buy",
    time: "09:00:01",
    symbol: A,
    name: "삼성전자",
    quantity: 100,
    price: 50_000,
    market: "KOSPI",
  }],
});
// Day 2, no trades: close 50,000 → equity 4,999,250 + 5,000,000 = 9,999,250;
// day 9,999,250 − 10,049,250 = −50,000 (−49.76 bp → −50); cumulative −750 (−0.75 bp → −1).
const dayTwo = quietDay({
  previousEquity: 10_049_250,
  balance: balance(4_999_250, [holding(A, "삼성전자", 100, 5_000_000, 50_000)]),
});

Deno.test("the first report measures the day from the capital", () => {
  const report = buildDailyReport(dayOne);
  assert.equal(report.pnl.base, "capital");
  assert.equal(report.pnl.baseEquity, 10_000_000);
  assert.equal(report.equity.total, 10_049_250);
  assert.equal(report.pnl.day, 49_250);
  assert.equal(report.pnl.dayBasisPoints, 49);
  assert.equal(report.pnl.cumulative, 49_250);
  assert.equal(report.pnl.fees, 750);
  assert.equal(report.pnl.unrealised, 50_000);
});

Deno.test("a day without trades", () => {
  const report = buildDailyReport(dayTwo);
  assert.equal(report.pnl.day, -50_000);
  assert.equal(report.pnl.dayBasisPoints, -50);
  assert.equal(report.pnl.realised, 0);
  assert.equal(report.pnl.fees, 0);
  assert.equal(report.pnl.tax, 0);
  assert.deepEqual(report.trades, { items: [], omitted: 0 });
  assert.equal(report.orders.total, 0);
  assert.ok(Object.values(report.orders.byStatus).every((n) => n === 0));
});

Deno.test("cumulative PnL across two days is the sum of the days", () => {
  const one = buildDailyReport(dayOne);
  const two = buildDailyReport({ ...dayTwo, previousEquity: one.equity.total });
  assert.equal(two.pnl.cumulative, -750);
  assert.equal(two.pnl.cumulativeBasisPoints, -1);
  assert.equal(one.pnl.day + two.pnl.day, two.pnl.cumulative);
});

Deno.test("a deposit is not counted as profit", () => {
  // 1,000,000 deposited on day 3: cash 5,999,250, capital 11,000,000, equity 10,999,250.
  const report = buildDailyReport(quietDay({
    previousEquity: 9_999_250,
    capital: 11_000_000,
    netDeposit: 1_000_000,
    balance: balance(5_999_250, [holding(A, "삼성전자", 100, 5_000_000, 50_000)]),
  }));
  assert.equal(report.pnl.day, 0);
  assert.equal(report.pnl.cumulative, -750);
});

Deno.test("an empty account has no ratios to divide by", () => {
  const report = buildDailyReport(quietDay({
    previousEquity: null,
    capital: 0,
    balance: balance(0, []),
  }));
  assert.equal(report.pnl.dayBasisPoints, null);
  assert.equal(report.pnl.cumulativeBasisPoints, null);
});

Deno.test("a fractional amount is refused at the report's schema", () => {
  assert.throws(() => buildDailyReport(quietDay({ balance: balance(1_000.5, []) })));
});

Deno.test("a stored report parses back unchanged", () => {
  const report = buildDailyReport(handWorked);
  const stored: unknown = JSON.parse(JSON.stringify(report));
  assert.deepEqual(dailyReportSchema.parse(stored), report);
});

Deno.test("long names are cut without splitting an emoji", () => {
  // 38 ASCII characters, then an emoji whose surrogate pair straddles the 39th unit.
  const name = `${"x".repeat(38)}📈 and more`;
  const report = buildDailyReport(quietDay({
    balance: balance(0, [holding(A, name, 1, 1_000, 1_000)]),
  }));
  assert.equal(report.holdings.items[0]?.name, `${"x".repeat(38)}…`);
  const short = buildDailyReport(quietDay({
    balance: balance(0, [holding(A, "📈".repeat(30), 1, 1_000, 1_000)]),
  }));
  assert.equal(short.holdings.items[0]?.name, `${"📈".repeat(19)}…`);
});
