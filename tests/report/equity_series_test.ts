import assert from "node:assert/strict";
import { parseIsoDate } from "@/core/krx/mod.ts";
import { equityHistory, type EquityHistoryInput } from "@/core/report/mod.ts";
import { A, balance, holding } from "./_fixtures.ts";

const from = parseIsoDate("2026-11-23");
const to = parseIsoDate("2026-11-27");
const today = parseIsoDate("2026-11-27");

/** An input of one week with no report and no bar; tests spread what they need over it. */
function week(overrides: Partial<EquityHistoryInput> = {}): EquityHistoryInput {
  return {
    from,
    to,
    today,
    rows: [],
    before: null,
    live: { ok: true, value: balance(4_000_000, [holding(A, "삼성전자", 100, 6_000_000, 61_000)]) },
    bars: { ok: true, value: [] },
    ...overrides,
  };
}

const report = (date: string, equity: number, day: number, cumulative: number) => ({
  date: parseIsoDate(date),
  equity,
  day,
  cumulative,
  capital: 10_000_000,
});

Deno.test("today's live point is D+2 cash and holdings at their price; 0 and 0 before any report", () => {
  const history = equityHistory(week());
  assert.deepEqual(history.points, [{
    date: today,
    equity: 10_100_000,
    dayPnl: 0,
    cumulativePnl: 0,
    source: "live",
    normalised: 1,
  }]);
  assert.equal(history.baseDate, "2026-11-27");
});

Deno.test("the live point's PnL runs from the latest report before the range when the range has none", () => {
  const history = equityHistory(week({ before: report("2026-11-20", 9_900_000, 0, -100_000) }));
  assert.deepEqual(
    history.points.map((p) => [p.dayPnl, p.cumulativePnl]),
    [[200_000, 100_000]],
  );
});

Deno.test("a broker that cannot give the balance leaves the reports and says why today is missing", () => {
  const history = equityHistory(week({
    rows: [report("2026-11-26", 10_000_000, 0, 0)],
    live: { ok: false, error: "no answer within 4000 ms" },
  }));
  assert.deepEqual(history.points.map((p) => p.source), ["report"]);
  assert.equal(history.liveReason, "no answer within 4000 ms");
});

Deno.test("a day outside the range has no live point and no reason", () => {
  const history = equityHistory(week({
    today: parseIsoDate("2026-12-01"),
    rows: [report("2026-11-26", 10_000_000, 0, 0)],
    live: { ok: false, error: "unused" },
  }));
  assert.deepEqual(history.points.map((p) => p.source), ["report"]);
  assert.equal(history.liveReason, null);
});

Deno.test("bars with no date in common with the curve are no benchmark, with the reason", () => {
  const history = equityHistory(week({
    rows: [report("2026-11-26", 10_000_000, 0, 0)],
    today: parseIsoDate("2026-12-01"),
    bars: { ok: true, value: [{ date: "2026-11-24", close: 31_000 }] },
  }));
  assert.equal(history.benchmark, null);
  assert.match(history.benchmarkReason ?? "", /no date has both a report and a bar/);
  assert.equal(history.points[0]!.normalised, 1);
});

Deno.test("a broker failure for the bars is the benchmark's reason, not an error", () => {
  const history = equityHistory(week({ bars: { ok: false, error: "KIS 500" } }));
  assert.equal(history.benchmark, null);
  assert.equal(history.benchmarkReason, "KIS 500");
});
