import assert from "node:assert/strict";
import {
  type IsoDate,
  seoulDate,
  type SessionPhase,
  sessionPhaseAt,
  TradingCalendar,
} from "../../core/krx/mod.ts";

Deno.test("sessionPhaseAt switches phase exactly at each KST boundary", async (t) => {
  // 2025-06-02 is a Monday and a trading day; KST = UTC + 9 h.
  const cases: [string, SessionPhase][] = [
    ["2025-06-01T23:29:59.999Z", "closed"], // 08:29:59.999
    ["2025-06-01T23:30:00.000Z", "pre_open"], // 08:30
    ["2025-06-01T23:39:59.999Z", "pre_open"],
    ["2025-06-01T23:40:00.000Z", "opening_auction"], // 08:40
    ["2025-06-01T23:59:59.999Z", "opening_auction"],
    ["2025-06-02T00:00:00.000Z", "continuous"], // 09:00
    ["2025-06-02T06:19:59.999Z", "continuous"],
    ["2025-06-02T06:20:00.000Z", "closing_auction"], // 15:20
    ["2025-06-02T06:29:59.999Z", "closing_auction"],
    ["2025-06-02T06:30:00.000Z", "closed"], // 15:30
    ["2025-06-02T06:40:00.000Z", "after_hours"], // 15:40
    ["2025-06-02T08:59:59.999Z", "after_hours"],
    ["2025-06-02T09:00:00.000Z", "closed"], // 18:00
    ["2025-06-02T14:59:59.999Z", "closed"], // 23:59:59.999
  ];
  for (const [utc, phase] of cases) {
    await t.step(utc, () => assert.equal(sessionPhaseAt(new Date(utc)), phase));
  }
});

Deno.test("sessionPhaseAt is closed all day on weekends and holidays", () => {
  assert.equal(sessionPhaseAt(new Date("2025-06-03T01:00:00Z")), "closed"); // election day
  assert.equal(sessionPhaseAt(new Date("2025-06-07T01:00:00Z")), "closed"); // Saturday
  const calendar = new TradingCalendar(["2025-06-02" as IsoDate]);
  assert.equal(sessionPhaseAt(new Date("2025-06-02T01:00:00Z"), calendar), "closed");
  assert.equal(sessionPhaseAt(new Date("2025-06-03T01:00:00Z"), calendar), "continuous");
});

Deno.test("seoulDate turns over at midnight KST, 15:00 UTC", () => {
  assert.equal(seoulDate(new Date("2025-06-01T14:59:59.999Z")), "2025-06-01");
  assert.equal(seoulDate(new Date("2025-06-01T15:00:00.000Z")), "2025-06-02");
  assert.equal(seoulDate(new Date("1969-12-31T15:00:00.000Z")), "1970-01-01");
});

Deno.test("an invalid Date is rejected", () => {
  assert.throws(() => seoulDate(new Date("nope")), RangeError);
});

Deno.test("sessionPhaseAt raises a RangeError naming the year outside the calendar's years", () => {
  assert.throws(() => sessionPhaseAt(new Date("2028-01-04T01:00:00Z")), /2028/);
  assert.throws(() => sessionPhaseAt(new Date("2014-12-30T01:00:00Z")), /2014/);
});
