import assert from "node:assert/strict";
import {
  addDays,
  epochDayToIsoDate,
  type IsoDate,
  isoDateToEpochDay,
  parseIsoDate,
  weekdayOfEpochDay,
} from "../../core/krx/mod.ts";

Deno.test("parseIsoDate accepts dashed and compact forms of real dates", () => {
  assert.equal(parseIsoDate("2024-02-29"), "2024-02-29");
  assert.equal(parseIsoDate("20240229"), "2024-02-29");
  assert.equal(parseIsoDate("2000-02-29"), "2000-02-29");
  assert.equal(parseIsoDate("20251231"), "2025-12-31");
});

Deno.test("parseIsoDate rejects malformed or non-existent dates with a RangeError", async (t) => {
  const bad = [
    "2023-02-29",
    "1900-02-29",
    "2024-13-01",
    "2024-04-31",
    "2024-00-10",
    "2024-4-1",
    "2024/04/01",
    "202404011",
    "",
  ];
  for (const input of bad) {
    await t.step(JSON.stringify(input), () => {
      assert.throws(() => parseIsoDate(input), (e: unknown) => {
        assert.ok(e instanceof RangeError);
        assert.ok(e.message.includes(JSON.stringify(input)), e.message);
        return true;
      });
    });
  }
});

Deno.test("epoch-day conversions count days from 1970-01-01", () => {
  const day = (s: string) => isoDateToEpochDay(s as IsoDate);
  assert.equal(day("1970-01-01"), 0);
  assert.equal(day("1969-12-31"), -1);
  // 30 years with 7 leap days (1972…1996), then January (31) and February 2000 (29).
  assert.equal(day("2000-03-01"), 30 * 365 + 7 + 31 + 29);
  assert.equal(epochDayToIsoDate(30 * 365 + 7 + 31 + 29), "2000-03-01");
  assert.equal(epochDayToIsoDate(-1), "1969-12-31");
});

Deno.test("weekdayOfEpochDay numbers Sunday 0 through Saturday 6", () => {
  assert.equal(weekdayOfEpochDay(0), 4); // 1970-01-01, a Thursday
  assert.equal(weekdayOfEpochDay(-4), 0); // 1969-12-28, a Sunday
  assert.equal(weekdayOfEpochDay(isoDateToEpochDay("2025-06-02" as IsoDate)), 1); // a Monday
});

Deno.test("epoch-day arithmetic agrees with Date on every day from 1900 to 2100", () => {
  const first = Date.UTC(1900, 0, 1) / 86_400_000;
  const last = Date.UTC(2100, 11, 31) / 86_400_000;
  for (let day = first; day <= last; day++) {
    const viaDate = new Date(day * 86_400_000).toISOString().slice(0, 10);
    assert.equal(epochDayToIsoDate(day), viaDate);
    assert.equal(isoDateToEpochDay(viaDate as IsoDate), day);
  }
  assert.equal(epochDayToIsoDate(-719_468), "0000-03-01");
});

Deno.test("addDays moves a date by calendar days across months, leap days and years", () => {
  assert.equal(addDays(parseIsoDate("2024-02-28"), 1), "2024-02-29");
  assert.equal(addDays(parseIsoDate("2024-02-28"), 2), "2024-03-01");
  assert.equal(addDays(parseIsoDate("2025-01-01"), -1), "2024-12-31");
  assert.equal(addDays(parseIsoDate("2025-06-02"), 0), "2025-06-02");
});
