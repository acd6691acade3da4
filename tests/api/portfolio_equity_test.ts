import assert from "node:assert/strict";
import type { Broker } from "@/core/broker/mod.ts";
import { parseIsoDate } from "@/core/krx/mod.ts";
import { buildDailyReport, liveEquity, saveReport } from "@/core/report/mod.ts";
import { balance, quietDay } from "../report/_fixtures.ts";
import { expectError, expectJson } from "./_api.ts";
import { startTrading, type TradingRig } from "./_trading.ts";

// the simulator's day, a Friday
const TODAY = "2026-11-27";

interface History {
  from: string;
  to: string;
  baseDate: string | null;
  points: {
    date: string;
    equity: number;
    dayPnl: number;
    cumulativePnl: number;
    source: string;
    normalised: number | null;
  }[];
  liveReason: string | null;
  benchmark: {
    symbol: string;
    points: { date: string; close: number; normalised: number | null }[];
  } | null;
  benchmarkReason: string | null;
}

/** Stores reports of Tuesday to Thursday: ₩10,000,000 capital, then +200,000 and −50,000. */
async function storeWeek(rig: TradingRig): Promise<void> {
  const days = [
    ["2026-11-24", 10_000_000, null],
    ["2026-11-25", 10_200_000, 10_000_000],
    ["2026-11-26", 10_150_000, 10_200_000],
  ] as const;
  for (const [date, equity, previousEquity] of days) {
    await saveReport(
      rig.store,
      buildDailyReport(quietDay({
        accountId: rig.accountId,
        date: parseIsoDate(date),
        balance: balance(equity, []),
        previousEquity,
        capital: 10_000_000,
      })),
    );
  }
}

/** `broker` whose daily bars are always none. */
function withoutBars(broker: Broker): Broker {
  return new Proxy(broker, {
    get(target, key) {
      if (key === "getDailyBars") return () => Promise.resolve([]);
      const value = Reflect.get(target, key, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

Deno.test("GET /portfolio/equity: the reports' series, today's live point and the benchmark from 1.0", async (t) => {
  await using rig = await startTrading();
  await storeWeek(rig);
  const viewer = rig.app("viewer");
  const history = await expectJson<History>(
    await viewer.request("/api/v1/portfolio/equity?from=2026-11-20&to=2026-11-27"),
    200,
  );

  await t.step("each stored report is a point with its equity, day and cumulative PnL", () => {
    assert.deepEqual(
      history.points.filter((p) => p.source === "report")
        .map((p) => [p.date, p.equity, p.dayPnl, p.cumulativePnl]),
      [
        ["2026-11-24", 10_000_000, 0, 0],
        ["2026-11-25", 10_200_000, 200_000, 200_000],
        ["2026-11-26", 10_150_000, -50_000, 150_000],
      ],
    );
  });
  await t.step("today, unreported, is a live point from the broker's balance", async () => {
    const live = history.points.at(-1)!;
    const equity = liveEquity(await rig.e2e.broker.getBalance());
    assert.deepEqual(
      [live.date, live.source, live.equity, live.dayPnl, live.cumulativePnl],
      [TODAY, "live", equity, equity - 10_150_000, equity - 10_000_000],
    );
    assert.equal(history.liveReason, null);
  });
  await t.step("both series are 1.0 at their first common date", () => {
    assert.equal(history.baseDate, "2026-11-24");
    assert.equal(history.points[0]!.normalised, 1);
    assert.equal(history.points[1]!.normalised, 1.02);
    assert.equal(history.benchmark?.symbol, "069500");
    const bars = history.benchmark!.points;
    assert.ok(bars.some((bar) => bar.date === TODAY), "the closes run through today");
    const base = bars.find((bar) => bar.date === "2026-11-24")!;
    assert.equal(base.normalised, 1);
    for (const bar of bars) {
      if (bar.date < "2026-11-24") assert.equal(bar.normalised, null, bar.date);
      else assert.equal(bar.normalised, Math.round((bar.close / base.close) * 1e6) / 1e6);
    }
    assert.equal(history.benchmarkReason, null);
  });
  await t.step("a report of today replaces the live point", async () => {
    await saveReport(
      rig.store,
      buildDailyReport(quietDay({
        accountId: rig.accountId,
        date: parseIsoDate(TODAY),
        balance: balance(10_100_000, []),
        previousEquity: 10_150_000,
        capital: 10_000_000,
      })),
    );
    const again = await expectJson<History>(await viewer.request("/api/v1/portfolio/equity"), 200);
    assert.deepEqual(again.points.map((p) => p.source), ["report", "report", "report", "report"]);
    assert.equal(again.to, TODAY);
    assert.equal(again.from, "2026-08-30", "the last 90 days by default");
  });
});

Deno.test("GET /portfolio/equity: no bars of the benchmark is a null benchmark with a reason", async () => {
  await using rig = await startTrading();
  await storeWeek(rig);
  const viewer = rig.app("viewer", { broker: withoutBars(rig.e2e.broker) });
  const history = await expectJson<History>(
    await viewer.request("/api/v1/portfolio/equity?from=2026-11-20"),
    200,
  );
  assert.equal(history.benchmark, null);
  assert.match(history.benchmarkReason ?? "", /no daily bars of 069500/);
  assert.equal(history.baseDate, "2026-11-24", "the equity's own first date");
  assert.equal(history.points.length, 4);
});

Deno.test("GET /portfolio/equity: a bad, reversed or too long range is a 400 naming query.from", async () => {
  await using rig = await startTrading();
  const viewer = rig.app("viewer");
  for (
    const query of [
      "from=2026-13-01",
      "from=2026-11-28&to=2026-11-27",
      "from=2025-01-01&to=2026-11-27",
    ]
  ) {
    const error = await expectError(await viewer.request(`/api/v1/portfolio/equity?${query}`), 400);
    assert.equal(error.details?.[0]?.field, "query.from", query);
  }
  const to = await expectError(await viewer.request("/api/v1/portfolio/equity?to=soon"), 400);
  assert.equal(to.details?.[0]?.field, "query.to");
  const other = await expectError(
    await viewer.request("/api/v1/portfolio/equity?accountId=nobody"),
    404,
  );
  assert.equal(other.details?.[0]?.field, "query.accountId");
  await expectError(
    await rig.app("viewer", { store: undefined }).request("/api/v1/portfolio/equity"),
    503,
  );
});
