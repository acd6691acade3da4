import assert from "node:assert/strict";
import {
  DEFAULT_CALENDAR,
  type IsoDate,
  isoDateToEpochDay,
  KRX_HOLIDAYS,
  TradingCalendar,
  weekdayOfEpochDay,
} from "../../core/krx/mod.ts";

const day = (s: string) => s as IsoDate;

Deno.test("DEFAULT_CALENDAR closes on weekends and KRX holidays", () => {
  assert.equal(DEFAULT_CALENDAR.isTradingDay(day("2025-01-24")), true); // Friday
  assert.equal(DEFAULT_CALENDAR.isTradingDay(day("2025-01-25")), false); // Saturday
  assert.equal(DEFAULT_CALENDAR.isTradingDay(day("2025-01-26")), false); // Sunday
  assert.equal(DEFAULT_CALENDAR.isTradingDay(day("2025-01-27")), false); // designated holiday
  assert.equal(DEFAULT_CALENDAR.isTradingDay(day("2025-01-29")), false); // Seollal
  assert.equal(DEFAULT_CALENDAR.isTradingDay(day("2024-12-31")), false); // year-end closing
  assert.equal(DEFAULT_CALENDAR.isTradingDay(day("2025-06-03")), false); // election
  assert.equal(DEFAULT_CALENDAR.isTradingDay(day("2025-06-02")), true);
});

Deno.test("every bundled holiday falls on a weekday", () => {
  for (const date of KRX_HOLIDAYS) {
    const weekday = weekdayOfEpochDay(isoDateToEpochDay(date));
    assert.ok(weekday >= 1 && weekday <= 5, `${date} is a weekend day`);
  }
});

Deno.test("next and previous trading days skip weekends and holiday runs", () => {
  assert.equal(DEFAULT_CALENDAR.nextTradingDay(day("2025-01-24")), "2025-01-31");
  assert.equal(DEFAULT_CALENDAR.previousTradingDay(day("2025-01-31")), "2025-01-24");
  assert.equal(DEFAULT_CALENDAR.nextTradingDay(day("2025-10-02")), "2025-10-10");
  assert.equal(DEFAULT_CALENDAR.nextTradingDay(day("2024-12-30")), "2025-01-02");
  assert.equal(DEFAULT_CALENDAR.previousTradingDay(day("2025-01-02")), "2024-12-30");
  // from a non-trading day
  assert.equal(DEFAULT_CALENDAR.nextTradingDay(day("2025-01-25")), "2025-01-31");
});

Deno.test("addTradingDays counts trading days in either direction", () => {
  assert.equal(DEFAULT_CALENDAR.addTradingDays(day("2025-10-02"), 2), "2025-10-13");
  assert.equal(DEFAULT_CALENDAR.addTradingDays(day("2025-10-13"), -2), "2025-10-02");
  assert.equal(DEFAULT_CALENDAR.addTradingDays(day("2025-10-13"), 0), "2025-10-13");
  // skips the 06-03 election, the 06-06 Memorial Day and the weekend: 4, 5, 9, 10, 11
  assert.equal(DEFAULT_CALENDAR.addTradingDays(day("2025-06-02"), 5), "2025-06-11");
  assert.throws(() => DEFAULT_CALENDAR.addTradingDays(day("2025-06-02"), 1.5), RangeError);
});

Deno.test("a calendar is built from holiday data and can be extended", () => {
  const calendar = new TradingCalendar([day("2030-01-02")]);
  assert.equal(calendar.isTradingDay(day("2030-01-02")), false);
  assert.equal(calendar.isTradingDay(day("2030-01-03")), true);
  const extended = calendar.withHolidays([day("2030-01-03")]);
  assert.equal(extended.nextTradingDay(day("2030-01-01")), "2030-01-04");
  assert.equal(calendar.isTradingDay(day("2030-01-03")), true);
  assert.equal(DEFAULT_CALENDAR.isTradingDay(day("2030-01-02")), true);
});
