import assert from "node:assert/strict";
import {
  type IsoDate,
  type NxtSessionPhase,
  nxtSessionPhaseAt,
  TradingCalendar,
} from "../../core/krx/mod.ts";

Deno.test("Nextrade's sessions switch at each KST boundary (pre 08:00–08:50, main 09:00:30–15:20, after 15:30–20:00)", async (t) => {
  // 2025-06-02 is a Monday and a trading day; KST = UTC + 9 h.
  const cases: [string, NxtSessionPhase][] = [
    ["2025-06-01T22:59:59.999Z", "closed"], // 07:59:59.999
    ["2025-06-01T23:00:00.000Z", "pre_market"], // 08:00
    ["2025-06-01T23:49:59.999Z", "pre_market"],
    ["2025-06-01T23:50:00.000Z", "closed"], // 08:50, KRX's opening auction
    ["2025-06-02T00:00:29.999Z", "closed"],
    ["2025-06-02T00:00:30.000Z", "main_market"], // 09:00:30
    ["2025-06-02T06:19:59.999Z", "main_market"],
    ["2025-06-02T06:20:00.000Z", "closed"], // 15:20, KRX's closing auction
    ["2025-06-02T06:30:00.000Z", "after_market"], // 15:30
    ["2025-06-02T10:59:59.999Z", "after_market"],
    ["2025-06-02T11:00:00.000Z", "closed"], // 20:00
  ];
  for (const [utc, phase] of cases) {
    await t.step(utc, () => assert.equal(nxtSessionPhaseAt(new Date(utc)), phase));
  }
});

Deno.test("Nextrade is closed on KRX holidays, weekends and before its first day (2025-03-04)", () => {
  assert.equal(nxtSessionPhaseAt(new Date("2025-06-03T01:00:00Z")), "closed"); // election day
  assert.equal(nxtSessionPhaseAt(new Date("2025-06-07T01:00:00Z")), "closed"); // Saturday
  assert.equal(nxtSessionPhaseAt(new Date("2025-03-03T01:00:00Z")), "closed"); // substitute holiday
  assert.equal(nxtSessionPhaseAt(new Date("2025-02-28T01:00:00Z")), "closed"); // before launch
  assert.equal(nxtSessionPhaseAt(new Date("2025-03-04T01:00:00Z")), "main_market");
  const calendar = new TradingCalendar(["2025-06-02" as IsoDate]);
  assert.equal(nxtSessionPhaseAt(new Date("2025-06-02T01:00:00Z"), calendar), "closed");
});
